import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { chinaTime, noticesApi } from '../../api/notices';
import { ErrorBox, Loading, Page } from '../../components/ui';

/** Staff: how the notice's WeChat messages went, and who must be told in person. */
export default function DeliveryReportPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { data: report, error, reload } = useLoad(() => noticesApi.deliveryReport(id));

  return (
    <Page>
      <ErrorBox id="report-error" message={error} />
      {!report && !error ? <Loading /> : null}
      {report ? (
        <>
          <View className="card">
            <Text className="title">{report.notice.title}</Text>
            <Text className="muted">
              {report.published ? '发布于' : '定时发布：'} {chinaTime(report.notice.publishAt)}
            </Text>
          </View>
          <View className="card" id="report-counts">
            <Text id="report-sent" className="title">
              已送达 {report.sent} 人
            </Text>
            <Text id="report-pending" className="muted">
              正在发送 {report.pending} 人
            </Text>
            <Text id="report-failed" className="muted">
              发送失败 {report.failed} 人
            </Text>
            <Text id="report-not-reached" className="muted">
              收不到微信消息 {report.notReachedCount} 人
            </Text>
            {report.failures.map((f) => (
              <Text key={f.reason} className="hint">
                失败原因 {f.reason}：{f.count} 人
              </Text>
            ))}
          </View>
          <View className="card">
            <Text className="h2">需要当面告知的居民（{report.notReached.length} 人）</Text>
            <Text className="hint">请各小组长上门或打电话告诉他们。</Text>
            {report.notReached.map((r, i) => (
              <Text key={`${r.name}-${i}`} className="list-line" style={{ display: 'block' }}>
                {r.groupName} · {r.name}（{r.reasonText}）
              </Text>
            ))}
          </View>
          <Button id="report-refresh" className="btn btn-secondary" onClick={() => void reload()}>
            刷新
          </Button>
        </>
      ) : null}
    </Page>
  );
}
