import { Chips } from '../components/ui';

/** Chips whose every option has an id of its own (`party-tabs-roster`), for the keyboard and the tests. */
export function Choice<K extends string>(props: { id: string; label: string; value: K; onChange: (k: K) => void; options: { key: K; label: string }[] }) {
  return <Chips {...props} options={props.options.map((o) => ({ ...o, id: `${props.id}-${o.key}` }))} />;
}
