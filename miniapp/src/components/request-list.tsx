import { Button, View } from '@tarojs/components';
import type { ServiceRequestSummary } from '../api/types';
import { RequestItem } from './request-item';

/** A page of requests and, while there are more, a big 加载更多 button (no infinite scroll to get lost in). */
export function RequestList({
  items,
  href,
  cursor,
  onMore,
  staffView,
}: {
  items: ServiceRequestSummary[] | null;
  href: (id: string) => string;
  cursor: string | null;
  onMore: (cursor: string) => void;
  /** Staff see who, which group, 代办 and the days left on each row. */
  staffView?: boolean;
}) {
  return (
    <View>
      {(items ?? []).map((r) => (
        <RequestItem key={r.id} item={r} url={href(r.id)} staffView={staffView} />
      ))}
      {cursor ? (
        <Button className="btn btn-secondary" onClick={() => onMore(cursor)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
