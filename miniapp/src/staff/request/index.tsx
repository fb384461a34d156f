import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useSubmit } from '../../api/hooks';
import { serviceStatusName } from '../../api/labels';
import { serviceApi } from '../../api/service-requests';
import type { ServiceStatus } from '../../api/types';
import { useServiceRequest } from '../../api/use-service-request';
import { confirmFirst } from '../../components/a11y';
import { CallButton } from '../../components/call-button';
import { ReplyBox, RequestHeader } from '../../components/request-parts';
import { Timeline } from '../../components/timeline';
import { ErrorBox, Field, Loading, Page, SuccessBox, TextField, useFieldErrors } from '../../components/ui';
import { HandOver } from '../hand-over';
import { OriginCard } from '../origin-card';

/** The next step from each status (API.md: submitted → accepted → in_progress → resolved). */
const nextStep: Partial<Record<ServiceStatus, { status: ServiceStatus; label: string }>> = {
  submitted: { status: 'accepted', label: '受理' },
  accepted: { status: 'in_progress', label: '开始办理' },
  in_progress: { status: 'resolved', label: '办好了' },
};

export default function StaffRequest() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { request, setRequest, error: loadError, reload: load } = useServiceRequest(id);
  const [notice, setNotice] = useState('');
  const [note, setNote] = useState('');
  const [referTo, setReferTo] = useState('');
  const [handOverError, setHandOverError] = useState('');
  const changing = useSubmit(serviceApi.changeStatus);
  const error = loadError || changing.error || handOverError;
  const busy = changing.busy;
  const fields = useFieldErrors();

  const change = async (status: ServiceStatus) => {
    if (status === 'rejected') {
      if (fields.show({ 'status-note': note.trim() ? undefined : '社区办不了时，请在这里写明原因，方便居民知道该找谁。' })) return;
      const ok = await confirmFirst({
        title: '确定社区办不了？',
        content: '居民会看到您写的原因和该去哪里办。这件事就此结束，不能再改状态。',
        confirmText: '办不了',
        danger: true,
      });
      if (!ok) return;
    }
    fields.clear();
    setHandOverError('');
    setNotice('');
    const r = await changing.submit(id, {
      status,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(referTo.trim() ? { referTo: referTo.trim() } : {}),
    });
    if (!r) return;
    setNotice(`已改为「${serviceStatusName[status]}」。`);
    setNote('');
    setReferTo('');
    setRequest((old) => ({ ...(old ?? r), ...r }));
    void load();
  };

  const step = request ? nextStep[request.status] : undefined;
  const open = request && request.status !== 'resolved' && request.status !== 'rejected';

  return (
    <Page>
      <SuccessBox id="staff-request-notice" message={notice} />
      <ErrorBox id="staff-request-error" message={error} />
      {!request && !error ? <Loading /> : null}
      {request ? (
        <View>
          <RequestHeader request={request} />
          {request.residentId && request.residentName ? (
            <View className="card" id="request-contact">
              <CallButton id="request-call" residentId={request.residentId} name={request.residentName} purpose={`service_request:${request.id}`} />
            </View>
          ) : null}
          {request.household && (request.household.originVillage || request.categoryCode === 'village_rights') ? (
            <OriginCard household={request.household} onRefer={setReferTo} onSaved={() => void load()} />
          ) : null}
          {request.assignedToMe ? (
            <Text id="request-assigned" className="hint">
              {request.sensitive ? '由您经办。涉及个人隐私，其他工作人员看不到此事项。' : '由您经办。'}
            </Text>
          ) : null}
          {open ? (
            <View className="card">
              <Text className="h2">办理</Text>
              <TextField id="status-note" label="说明（社区办不了时必填）" value={note} onChange={setNote} maxlength={500} error={fields.of('status-note')} />
              <Field id="status-refer-to" label="该去哪里办（社区办不了时可填）" value={referTo} onChange={setReferTo} maxlength={60} />
              {step ? (
                <Button
                  id={`status-${step.status}`}
                  data-testid={`status-${step.status}`}
                  className="btn btn-green"
                  disabled={busy || undefined}
                  onClick={() => void change(step.status)}
                >
                  {step.label}
                </Button>
              ) : null}
              <Button id="status-rejected" className="btn btn-danger" disabled={busy || undefined} onClick={() => void change('rejected')}>
                社区办不了
              </Button>
            </View>
          ) : null}
          {open ? (
            <HandOver
              requestId={id}
              onDone={(message) => {
                setNotice(message);
                void load();
              }}
              onError={setHandOverError}
            />
          ) : null}
          <ReplyBox id={id} label="回复居民" onSent={() => void load()} />
          <View className="card">
            <Text className="h2">办理记录</Text>
            <Timeline events={request.events ?? []} />
          </View>
        </View>
      ) : null}
    </Page>
  );
}
