import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Page, TextField, useFieldErrors } from '../../components/ui';
import { type PersonRef, proxyApi } from '../api';

/** Apply: find the proxy among the election's voters by name (only name and group shown), give the reason. */
export default function ProxyApply() {
  const { params } = useRouter();
  const electionId = params.electionId ?? '';
  const [name, setName] = useState('');
  const [results, setResults] = useState<PersonRef[] | null>(null);
  const [proxy, setProxy] = useState<PersonRef | null>(null);
  const [reason, setReason] = useState('');
  // Each problem beside its field (issue 9), not in one box above the button.
  const fields = useFieldErrors();
  // One key for this submission: a double tap or a retry files one application.
  const [key] = useState(newIdempotencyKey);
  const searching = useSubmit(proxyApi.searchVoters);
  const applying = useSubmit(async (proxyResidentId: string) => {
    await proxyApi.apply(electionId, { proxyResidentId, reason: reason.trim() }, key);
    // Still busy until the proxy home replaces this page.
    await Taro.redirectTo({ url: `/proxy/index/index?electionId=${electionId}` });
  });
  const error = searching.error || applying.error;
  const busy = applying.busy;

  const search = async () => {
    if (fields.show({ 'proxy-name': name.trim() ? undefined : '请先写替您投票的人的姓名，写姓也可以。' })) return;
    applying.setError('');
    const found = await searching.submit(electionId, name.trim());
    if (found) setResults(found.items);
  };

  const submit = () => {
    if (
      fields.show({
        'proxy-name': proxy ? undefined : '请先找到并点选替您投票的人。',
        'proxy-reason': reason.trim() ? undefined : '请写一写选举日为什么不能到场投票。',
      })
    )
      return;
    if (!proxy) return;
    searching.setError('');
    void applying.submit(proxy.residentId);
  };

  return (
    <Page>
      <View className="card">
        <Text className="h2">第一步：找到替您投票的人</Text>
        <Text className="muted">替您投票的人必须是本社区登记的选民，不能是您自己。</Text>
        {proxy ? (
          <View id="proxy-chosen">
            <Text className="title">
              替您投票的人：{proxy.name}（{proxy.groupName}）
            </Text>
            <Button id="proxy-change" className="btn btn-secondary" onClick={() => setProxy(null)}>
              换一个
            </Button>
          </View>
        ) : (
          <View>
            <Field
              id="proxy-name"
              label="替您投票的人的姓名"
              value={name}
              onChange={setName}
              maxlength={20}
              placeholder="例如：李建国"
              error={fields.of('proxy-name')}
            />
            <Button id="proxy-search" className="btn btn-secondary" onClick={() => void search()}>
              查找
            </Button>
            {results && results.length === 0 ? <Text className="empty">选民名单上没有找到这个名字，请换个写法再找。</Text> : null}
            {results?.map((p) => (
              <Button key={p.residentId} id={`pick-${p.residentId}`} className="btn btn-secondary" onClick={() => setProxy(p)}>
                {p.name}（{p.groupName}）
              </Button>
            ))}
          </View>
        )}
      </View>
      <View className="card">
        <Text className="h2">第二步：写明原因</Text>
        <TextField
          id="proxy-reason"
          label="选举日为什么不能到场投票？"
          value={reason}
          onChange={setReason}
          maxlength={200}
          placeholder="例如：在外地打工，选举日回不来"
          error={fields.of('proxy-reason')}
        />
        <ErrorBox id="apply-error" message={error} />
        <Button id="apply-submit" className="btn" disabled={busy || undefined} onClick={submit}>
          {busy ? '正在提交…' : '提交申请'}
        </Button>
        <Text className="muted">提交后，请替您投票的人在小程序里点“同意”，再由选举委员会审批。</Text>
      </View>
    </Page>
  );
}
