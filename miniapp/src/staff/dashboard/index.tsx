import { Text, View } from '@tarojs/components';
import { useLoad } from '../../api/hooks';
import { serviceApi } from '../../api/service-requests';
import { ErrorBox, Loading, Page } from '../../components/ui';

/** A bar whose width is `value / max` of the track; drawn with Views so it works on both targets. */
function Bar({ value, max, kind, testId }: { value: number; max: number; kind: string; testId?: string }) {
  const pct = max > 0 ? Math.max(value > 0 ? 2 : 0, Math.round((value / max) * 100)) : 0;
  return (
    <View className="bar-track">
      <View className={`bar ${kind}`} data-testid={testId} style={{ width: `${pct}%` }} />
    </View>
  );
}

function hours(h: number | null | undefined): string {
  if (h === null || h === undefined) return '暂无';
  // The server rounds to 0.1 h (6 minutes).
  if (h < 0.1) return '不到 6 分钟';
  if (h < 1) return `${Math.round(h * 60)} 分钟`;
  return h >= 48 ? `${(h / 24).toFixed(1)} 天` : `${h.toFixed(1)} 小时`;
}

export default function StaffDashboard() {
  const { data, error } = useLoad(serviceApi.dashboard);

  const max = data ? Math.max(1, ...data.byCategory.flatMap((c) => [c.open, c.overdue, c.resolvedThisWeek])) : 1;
  const dist = data?.ratings.distribution ?? {};
  const maxStars = Math.max(1, ...[1, 2, 3, 4, 5].map((n) => dist[String(n)] ?? 0));

  return (
    <Page>
      <ErrorBox id="dashboard-error" message={error} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <View id="dashboard">
          <Text className="muted">用时取中位数：一半的事项比它快。</Text>
          <View className="stat-grid">
            {[
              { id: 'stat-first-reply', label: '首次回复用时', value: hours(data.medianFirstReplyHours) },
              { id: 'stat-resolve', label: '办结用时', value: hours(data.medianResolveHours) },
              { id: 'stat-rating', label: '平均评分', value: data.ratings.average == null ? '暂无' : `${data.ratings.average.toFixed(1)} 星` },
              { id: 'stat-rating-count', label: '评价次数', value: String(data.ratings.count) },
            ].map((stat) => (
              <View key={stat.id} className="stat">
                <Text className="muted">{stat.label}</Text>
                <Text id={stat.id} className="stat-value">
                  {stat.value}
                </Text>
              </View>
            ))}
          </View>

          <View className="card" id="chart-categories">
            <Text className="h2">各类事项</Text>
            <View className="legend">
              <View className="legend-item">
                <View className="legend-swatch bar" />
                未办结
              </View>
              <View className="legend-item">
                <View className="legend-swatch bar bar-overdue" />
                超时
              </View>
              <View className="legend-item">
                <View className="legend-swatch bar bar-resolved" />
                本周办结
              </View>
            </View>
            {data.byCategory.map((c) => (
              <View key={c.code} className="bar-row" data-testid={`chart-row-${c.code}`}>
                <View className="bar-label">
                  <Text style={{ fontWeight: 'bold' }}>{c.name}</Text>
                  <Text>
                    未办结 {c.open} · 超时 {c.overdue} · 本周办结 {c.resolvedThisWeek}
                  </Text>
                </View>
                <Bar value={c.open} max={max} kind="" testId={`bar-open-${c.code}`} />
                <Bar value={c.overdue} max={max} kind="bar-overdue" testId={`bar-overdue-${c.code}`} />
                <Bar value={c.resolvedThisWeek} max={max} kind="bar-resolved" testId={`bar-resolved-${c.code}`} />
              </View>
            ))}
          </View>

          <View className="card" id="chart-ratings">
            <Text className="h2">满意度分布</Text>
            {[5, 4, 3, 2, 1].map((n) => (
              <View key={n} className="bar-row">
                <View className="bar-label">
                  <Text>{'★'.repeat(n)}</Text>
                  <Text>{dist[String(n)] ?? 0} 次</Text>
                </View>
                <Bar value={dist[String(n)] ?? 0} max={maxStars} kind="bar-star" testId={`bar-stars-${n}`} />
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </Page>
  );
}
