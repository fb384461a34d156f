import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { residentsApi } from '../../api/residents';
import type { Resident } from '../../api/types';
import { confirmFirst } from '../../components/a11y';
import { ErrorBox, Loading, Page, SuccessBox, TextField, useFieldErrors } from '../../components/ui';

const statusName: Record<Resident['status'], string> = { pending: '待审核', verified: '已认证', returned: '已退回' };

export default function PendingResidents() {
  const loaded = useLoad(() => residentsApi.list('pending'));
  const verifying = useSubmit(residentsApi.verify);
  const [notice, setNotice] = useState('');
  const [busyId, setBusyId] = useState('');
  const items = loaded.data ?? null;
  const error = loaded.error || verifying.error;

  const replace = (resident: Resident) => loaded.setData((list) => (list ?? []).map((r) => (r.id === resident.id ? { ...r, ...resident } : r)));

  const verify = async (r: Resident) => {
    const ok = await confirmFirst({
      title: `${r.name}：审核通过？`,
      content: '请确认已核对身份证原件：姓名、身份证号后 4 位、出生日期都一致。通过后不能撤回。',
      confirmText: '审核通过',
    });
    if (!ok) return;
    setBusyId(r.id);
    const done = await verifying.submit(r.id);
    setBusyId('');
    if (!done) return;
    replace(done.resident);
    setNotice(`${r.name}：已审核通过。`);
  };

  return (
    <Page>
      <View className="card">
        <Text className="h2">审核时请核对</Text>
        <Text className="text">1. 身份证原件上的姓名，和申请的姓名一字不差。</Text>
        <Text className="text">2. 身份证号的后 4 位和出生日期，和下面显示的一致。</Text>
        <Text className="text">3. 住址或户籍在本社区的这个居民小组。</Text>
        <Text className="muted">不一致的，点“退回”并写明原因，居民会在“我的”页面看到。</Text>
      </View>
      <ErrorBox id="residents-error" message={error} onRetry={error ? () => void loaded.reload() : undefined} />
      <SuccessBox id="residents-notice" message={notice} />
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 && !error ? <Text className="empty">没有待审核的申请。</Text> : null}
      {(items ?? []).map((r) => (
        <View key={r.id} className="list-item resident-card" id={`resident-${r.id}`}>
          <View className="row">
            <Text className="h2">{r.name}</Text>
            <Text className={`tag tag-${r.status === 'returned' ? 'rejected' : r.status}`}>{statusName[r.status]}</Text>
          </View>
          <Text className="text">小组：{r.groupName ?? r.groupId}</Text>
          <Text className="text">身份证：{r.idNumberMasked}</Text>
          <Text className="text">出生日期：{r.birthDate}</Text>
          {r.status === 'returned' && r.returnReason ? <Text className="text">退回原因：{r.returnReason}</Text> : null}
          {r.status === 'pending' ? (
            <>
              <Button
                id={`verify-${r.id}`}
                data-testid={`verify-${r.id}`}
                className="btn btn-green"
                disabled={busyId === r.id || undefined}
                onClick={() => void verify(r)}
              >
                {busyId === r.id ? '正在提交…' : '审核通过'}
              </Button>
              <ReturnClaim
                resident={r}
                onDone={(resident) => {
                  replace(resident);
                  setNotice(`${r.name}：已退回，居民会看到原因。`);
                }}
              />
            </>
          ) : null}
        </View>
      ))}
    </Page>
  );
}

function ReturnClaim({ resident, onDone }: { resident: Resident; onDone: (r: Resident) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const fields = useFieldErrors();
  const id = `return-reason-${resident.id}`;
  const returning = useSubmit(residentsApi.returnClaim, (e) => fields.fromServer(e, { reason: id }));
  const { busy, error } = returning;
  if (!open) {
    return (
      <Button id={`return-open-${resident.id}`} className="btn btn-secondary" onClick={() => setOpen(true)}>
        退回（写明原因）
      </Button>
    );
  }
  const submit = async () => {
    returning.setError('');
    if (fields.show({ [id]: reason.trim().length < 2 ? '请写明退回的原因，居民会看到。' : undefined })) return;
    const done = await returning.submit(resident.id, { reason: reason.trim() });
    if (done) onDone(done.resident);
  };
  return (
    <View>
      <TextField
        id={id}
        label="退回原因（居民会看到）"
        value={reason}
        onChange={setReason}
        maxlength={200}
        placeholder="例如：姓名和身份证上不一致，请核对后重新提交。"
        error={fields.of(id)}
        required
      />
      <ErrorBox id={`return-error-${resident.id}`} message={error} />
      <Button id={`return-submit-${resident.id}`} className="btn btn-danger" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在退回…' : '退回给居民'}
      </Button>
    </View>
  );
}
