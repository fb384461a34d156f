import { Button, Text, View } from '@tarojs/components';
import { chinaMinute as china } from '../../../../functions/_shared/china-time';
import { actionNames, electionsApi } from '../../api/elections';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page } from '../../components/ui';

/** Every election act in order, and whether the chain still verifies (a changed entry is named). */
export default function AuditPage() {
  const entries = useLoad(() => electionsApi.current().then((c) => electionsApi.audit(c.election?.id)));
  const { data: verify, error: verifyError, reload: check } = useLoad(electionsApi.verifyAudit);
  const items = entries.data?.items ?? null;
  const error = entries.error || verifyError;

  return (
    <Page>
      <ErrorBox id="audit-error" message={error} />
      <View className="card" id="audit-verify">
        <Text className="h2">核验结果</Text>
        {!verify ? <Loading /> : null}
        {verify?.ok ? (
          <Text className="ok-line" id="audit-ok">
            ✓ 记录完整：共 {verify.length} 条，没有被改动。
          </Text>
        ) : null}
        {verify && !verify.ok ? (
          <Text className="bad-line" id="audit-broken">
            ✗ 第 {verify.brokenAt} 条记录被改动过
            {verify.brokenEntry
              ? `（${actionNames[verify.brokenEntry.action] ?? verify.brokenEntry.action}，${verify.brokenEntry.actorName}，${china(verify.brokenEntry.at)}）`
              : ''}
            。请报告选举委员会和街道。
          </Text>
        ) : null}
        <Button id="audit-recheck" className="btn btn-secondary" onClick={() => void check()}>
          重新核验
        </Button>
      </View>
      <View className="card">
        <Text className="h2">本次选举的记录</Text>
        {items === null && !error ? <Loading /> : null}
        {items?.length === 0 ? <Text className="muted">还没有记录。</Text> : null}
        {(items ?? []).map((e) => (
          <View key={e.seq} className="list-item">
            <Text className="text">
              {e.seq}. {actionNames[e.action] ?? e.action}
            </Text>
            <Text className="muted">
              {e.actorName} · {china(e.at)}
            </Text>
          </View>
        ))}
      </View>
    </Page>
  );
}
