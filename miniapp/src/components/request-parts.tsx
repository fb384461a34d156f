import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { newIdempotencyKey } from '../api/client';
import { useSubmit } from '../api/hooks';
import { formatTime } from '../api/labels';
import { serviceApi } from '../api/service-requests';
import type { Photo, ServiceRequest } from '../api/types';
import { PhotoGrid } from './photo-grid';
import { PhotoPicker } from './photo-picker';
import { ErrorBox, StatusTag, TextField, useFieldErrors } from './ui';

/** The request at a glance; `hideReferral` when the page shows where to go elsewhere (once is enough). */
export function RequestHeader({ request, hideReferral }: { request: ServiceRequest; hideReferral?: boolean }) {
  const who = request.residentName;
  return (
    <View className="card">
      <View className="row">
        <Text className="muted">{request.categoryName ?? request.categoryCode}</Text>
        <View>
          <StatusTag id="request-status" status={request.status} />
          {request.overdue ? <Text className="tag tag-overdue">超时</Text> : null}
        </View>
      </View>
      <Text id="request-title" className="h2">
        {request.title}
      </Text>
      {request.description ? <Text className="text">{request.description}</Text> : null}
      <PhotoGrid id="request-photos" photos={request.photos ?? []} />
      <Text className="muted">
        {who ? `${who} · ` : ''}
        {formatTime(request.createdAt)} 提交
      </Text>
      {request.onBehalf && request.filedByName ? <Text className="muted">由 {request.filedByName} 代办</Text> : null}
      {request.referTo && !hideReferral ? (
        <Text id="request-refer-to" className="notice-box">
          {request.status === 'rejected' ? '请找：' : '已转交：'}
          {request.referTo}
        </Text>
      ) : null}
    </View>
  );
}

export function ReplyBox({ id, onSent, label }: { id: string; onSent: () => void; label: string }) {
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [key, setKey] = useState(newIdempotencyKey);
  const replying = useSubmit(serviceApi.reply);
  const { busy, error } = replying;
  const fields = useFieldErrors();
  const send = async () => {
    replying.setError('');
    if (fields.show({ 'reply-body': body.trim() || photos.length ? undefined : '请先写下要说的话，或附上照片。' })) return;
    if (!(await replying.submit(id, { body: body.trim(), ...(photos.length ? { attachmentIds: photos.map((p) => p.id) } : {}) }, key))) return;
    setBody('');
    setPhotos([]);
    setKey(newIdempotencyKey());
    onSent();
  };
  return (
    <View className="card">
      <TextField id="reply-body" label={label} value={body} onChange={setBody} maxlength={1000} error={fields.of('reply-body')} />
      <PhotoPicker id="reply-photos" photos={photos} onChange={setPhotos} />
      <ErrorBox id="reply-error" message={error} />
      <Button id="reply-submit" className="btn" disabled={busy || undefined} onClick={() => void send()}>
        {busy ? '正在发送…' : '发送'}
      </Button>
    </View>
  );
}
