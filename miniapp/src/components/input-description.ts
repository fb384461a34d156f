/**
 * Ties the real <input>/<textarea> that Taro creates inside its H5 element to the field's label,
 * hint and error. Taro creates that element a frame or more after React's render (longer on a
 * busy phone), so a description that finds no element yet is tried again shortly.
 *
 * Kept apart from the DOM so the order of those retries can be tested: `find` looks the element
 * up, `later` schedules a retry.
 */
export interface InputDescription {
  labelledBy: string;
  describedBy: string;
  invalid: boolean;
  required: boolean;
}

export interface DescribableInput {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

export function inputDescriber(find: (id: string) => DescribableInput | null, later: (run: () => void, ms: number) => void) {
  const apply = (input: DescribableInput, attrs: InputDescription) => {
    input.setAttribute('aria-labelledby', attrs.labelledBy);
    if (attrs.describedBy) input.setAttribute('aria-describedby', attrs.describedBy);
    else input.removeAttribute('aria-describedby');
    input.setAttribute('aria-invalid', attrs.invalid ? 'true' : 'false');
    if (attrs.required) input.setAttribute('aria-required', 'true');
    else input.removeAttribute('aria-required');
  };
  // The latest description of each field still waiting for its element: a retry applies it, not the
  // one it was started with, or an earlier render's retry could undo a later error (or put back a
  // cleared one). A field is in it only while its retries run.
  const waiting = new Map<string, InputDescription>();
  const attempt = (id: string, tries: number): void => {
    const input = find(id);
    if (!input && tries > 0) {
      later(() => attempt(id, tries - 1), 50);
      return;
    }
    if (input) apply(input, waiting.get(id)!);
    waiting.delete(id);
  };
  const describe = (id: string, attrs: InputDescription): void => {
    const retrying = waiting.has(id);
    waiting.set(id, attrs);
    // For up to 2 s.
    if (!retrying) attempt(id, 40);
  };
  return { describe };
}
