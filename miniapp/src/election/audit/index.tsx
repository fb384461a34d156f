import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '../../api/client';
import { type AuditEntry, type AuditVerify, actionNames, getAudit, getCurrentElection, verifyAudit } from '../../api/elections';
import { ErrorBox, Loading } from '../../components/ui';

const china = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Every election act in order, and whether the chain still verifies (a changed entry is named). */
export default function AuditPage() {
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [error, setError] = useState('');

  const check = () =>
    verifyAudit()
      .then(setVerify)
      .catch((e: unknown) => setError(messageOf(e)));
  useDidShow(() => {
    getCurrentElection()
      .then((c) => getAudit(c.election?.id))
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(messageOf(e)));
    void check();
  });

  return (
    <View className="page">
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
    </View>
  );
}
