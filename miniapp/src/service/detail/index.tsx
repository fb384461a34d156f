import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { formatTime } from '../../api/labels';
import { serviceApi } from '../../api/service-requests';
import { useServiceRequest } from '../../api/use-service-request';
import { ReplyBox, RequestHeader } from '../../components/request-parts';
import { Timeline } from '../../components/timeline';
import { choiceGroupProps, ErrorBox, Field, FieldError, Loading, Page, SuccessBox, Tap, TextField, useFieldErrors } from '../../components/ui';

export default function ServiceRequestDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { request, error, reload: load } = useServiceRequest(id);
  const [notice, setNotice] = useState('');

  const events = request?.events ?? [];
  const rated = !!request?.rating || events.some((e) => e.type === 'rating');
  const refusal = request?.status === 'rejected' ? [...events].reverse().find((e) => e.type === 'status' && e.status === 'rejected') : undefined;
  const latestReply = [...events].reverse().find((e) => e.type === 'reply' && e.actorName !== request?.residentName);
  // Right after filing (the form adds created=1) and until staff pick it up.
  const createdNotice = params.created && request?.status === 'submitted' ? '已提交。工作人员受理后会在这里回复您。' : '';

  return (
    <Page>
      <SuccessBox id="request-notice" message={notice || createdNotice} />
      <ErrorBox id="request-load-error" message={error} onRetry={error ? () => void load() : undefined} />
      {!request && !error ? <Loading /> : null}
      {request ? (
        <View>
          <RequestHeader request={request} hideReferral={request.status === 'rejected'} />
          {refusal?.body ? (
            <View className="card" id="refusal">
              <Text className="h2">社区为什么办不了</Text>
              <Text className="timeline-text">{refusal.body}</Text>
            </View>
          ) : null}
          {latestReply?.body ? (
            <View className="card" id="latest-reply">
              <Text className="h2">最新回复</Text>
              <Text className="timeline-text">{latestReply.body}</Text>
              <Text className="muted">
                {latestReply.actorName ?? '工作人员'} · {formatTime(latestReply.at)}
              </Text>
            </View>
          ) : null}
          {request.status === 'resolved' && !rated ? (
            <RatingCard
              id={id}
              onDone={() => {
                setNotice('谢谢您的评价！');
                void Taro.pageScrollTo({ scrollTop: 0, duration: 300 });
                void load();
              }}
            />
          ) : null}
          {request.rating ? (
            <View className="card" id="rating-given">
              <Text className="h2">您的评价</Text>
              <Text className="text" style={{ color: '#b26a00', fontSize: '48px' }}>
                {'★'.repeat(request.rating.score)}
                {'☆'.repeat(5 - request.rating.score)}
              </Text>
              {request.rating.comment ? <Text className="text">{request.rating.comment}</Text> : null}
            </View>
          ) : null}
          <View className="card">
            <Text className="h2">办理记录</Text>
            <Timeline events={events} refusalShownAbove={!!refusal?.body} />
          </View>
          <ReplyBox id={id} label={request.status === 'rejected' ? '还有疑问？问一问工作人员' : '补充说明或提问'} onSent={() => void load()} />
          {request.status === 'resolved' ? (
            <ReopenCard
              id={id}
              onDone={() => {
                setNotice('已重新打开，工作人员会继续办理。');
                void Taro.pageScrollTo({ scrollTop: 0, duration: 300 });
                void load();
              }}
            />
          ) : null}
        </View>
      ) : null}
    </Page>
  );
}

function RatingCard({ id, onDone }: { id: string; onDone: () => void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [key] = useState(newIdempotencyKey);
  const rating = useSubmit(serviceApi.rate);
  const { busy, error } = rating;
  const words = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];
  const fields = useFieldErrors();
  const submit = async () => {
    rating.setError('');
    if (fields.show({ 'rating-stars': score ? undefined : '请点星星打分：1 颗星最差，5 颗星最好。' })) return;
    if (await rating.submit(id, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) }, key)) onDone();
  };
  return (
    <View className="card" id="rating-card">
      <Text className="h2">这件事办好了，您满意吗？</Text>
      <View className="stars" {...choiceGroupProps('rating-stars', '打分', fields.of('rating-stars'))}>
        {[1, 2, 3, 4, 5].map((n) => (
          <Tap
            key={n}
            id={`star-${n}`}
            role="radio"
            selected={score === n}
            label={`${n} 颗星：${words[n]}`}
            className={`star ${n <= score ? 'star-on' : ''}`}
            onTap={() => setScore(n)}
          >
            ★
          </Tap>
        ))}
      </View>
      <Text className="text" style={{ textAlign: 'center' }}>
        {score ? `${score} 颗星：${words[score]}` : '点星星打分'}
      </Text>
      <FieldError id="rating-stars" message={fields.of('rating-stars')} />
      <Field id="rating-comment" label="想说的话（可不填）" value={comment} onChange={setComment} maxlength={200} />
      <ErrorBox id="rating-error" message={error} />
      <Button id="rating-submit" className="btn" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在提交…' : '提交评价'}
      </Button>
    </View>
  );
}

function ReopenCard({ id, onDone }: { id: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reopening = useSubmit(serviceApi.reopen);
  const { busy, error } = reopening;
  if (!open) {
    return (
      <Button id="reopen-open" className="btn btn-secondary" onClick={() => setOpen(true)}>
        问题没解决？重新打开
      </Button>
    );
  }
  const submit = async () => {
    if (!reason.trim()) return reopening.setError('请说一说哪里还没解决。');
    if (await reopening.submit(id, { reason: reason.trim() })) onDone();
  };
  return (
    <View className="card">
      <TextField id="reopen-reason" label="哪里还没解决？" value={reason} onChange={setReason} maxlength={500} />
      <ErrorBox id="reopen-error" message={error} />
      <Button id="reopen-submit" className="btn" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在提交…' : '重新打开'}
      </Button>
    </View>
  );
}
