import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { electionsApi } from '../../api/elections';
import { useLoad, useSubmit } from '../../api/hooks';
import { categories, chinaTime, type NoticeCategory, noticesApi } from '../../api/notices';
import { ErrorBox, Field, Page, SuccessBox, TextField } from '../../components/ui';

/** `YYYY-MM-DD` and `HH:mm` in China time → an ISO instant, or null when not a real time. */
function scheduleOf(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}:\d{2}$/.test(time)) return null;
  const at = new Date(`${date}T${time.padStart(5, '0')}:00+08:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** Election notices the committee publishes here; candidates and results come from the election pages. */
const kinds = [
  { code: 'voter_list', name: '选民名单' },
  { code: 'election_day', name: '选举大会安排' },
  { code: 'proxy_list', name: '委托投票名单' },
] as const;
type Kind = (typeof kinds)[number]['code'];

/** Staff write a notice, look at it as residents will, and publish it now or at a set time. */
export default function ComposeNotice() {
  const [category, setCategory] = useState<NoticeCategory>('community');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [later, setLater] = useState(false);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [preview, setPreview] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const [key] = useState(newIdempotencyKey);
  const [kind, setKind] = useState<Kind | ''>('');
  // Without the current election the election kinds are not offered.
  const election = useLoad(electionsApi.current).data?.election ?? null;
  const publishing = useSubmit(noticesApi.publish);
  const { busy, error } = publishing;

  const check = () => {
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = '请填写标题';
    if (!body.trim()) found.body = '请填写公告内容';
    if (later && !scheduleOf(date, time)) found.when = '请按“2026-12-01”和“09:30”的样子填写日期和时间';
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const submit = async () => {
    if (!check()) return;
    const publishAt = later ? (scheduleOf(date, time) ?? undefined) : undefined;
    const electionPart = category === 'election' && kind && election ? { kind, electionId: election.id } : {};
    const n = await publishing.submit({ category, title: title.trim(), body: body.trim(), ...(publishAt ? { publishAt } : {}), ...electionPart }, key);
    if (!n) return;
    setDone(n.published === false ? `已定时，将于 ${chinaTime(n.publishAt)} 发布` : '已发布，正在给订阅的居民发消息');
    setTimeout(() => Taro.redirectTo({ url: `/notices/report/index?id=${n.id}` }), 800);
  };

  const when = later ? scheduleOf(date, time) : null;
  return (
    <Page>
      <View className="card">
        <Text className="label">公告类别</Text>
        {categories.map((c) => (
          <Button
            key={c.code}
            id={`compose-category-${c.code}`}
            className={category === c.code ? 'btn' : 'btn btn-secondary'}
            ariaLabel={`${c.name}${category === c.code ? '（已选）' : ''}`}
            onClick={() => setCategory(c.code)}
          >
            {category === c.code ? '✓ ' : ''}
            {c.name}
          </Button>
        ))}
        {category === 'election' && election ? (
          <>
            <Text className="label">
              选举公告类型（{election.title}，选举日 {election.electionDay}）
            </Text>
            {kinds.map((k) => (
              <Button
                key={k.code}
                id={`compose-kind-${k.code}`}
                className={kind === k.code ? 'btn' : 'btn btn-secondary'}
                ariaLabel={`${k.name}${kind === k.code ? '（已选）' : ''}`}
                onClick={() => setKind(kind === k.code ? '' : k.code)}
              >
                {kind === k.code ? '✓ ' : ''}
                {k.name}
              </Button>
            ))}
            {kind === 'voter_list' ? <Text className="hint">选民名单最晚在 {election.deadlines.voterListNoticeBy} 公布。</Text> : null}
          </>
        ) : null}
        <Field id="compose-title" label="标题" value={title} onChange={setTitle} maxlength={60} placeholder="例如：小区停水通知" />
        <ErrorBox id="compose-title-error" message={errors.title ?? ''} />
        <TextField id="compose-body" label="内容" value={body} onChange={setBody} maxlength={5000} placeholder="写清楚时间、地点、要带什么" />
        <ErrorBox id="compose-body-error" message={errors.body ?? ''} />
      </View>
      <View className="card">
        <Text className="label">什么时候发布</Text>
        <Button
          id="compose-now"
          className={later ? 'btn btn-secondary' : 'btn'}
          ariaLabel={`马上发布${later ? '' : '（已选）'}`}
          onClick={() => setLater(false)}
        >
          {later ? '' : '✓ '}马上发布
        </Button>
        <Button
          id="compose-later"
          className={later ? 'btn' : 'btn btn-secondary'}
          ariaLabel={`定时发布${later ? '（已选）' : ''}`}
          onClick={() => setLater(true)}
        >
          {later ? '✓ ' : ''}定时发布
        </Button>
        {later ? (
          <>
            <Field id="compose-date" label="日期（北京时间）" value={date} onChange={setDate} maxlength={10} placeholder="2026-12-01" />
            <Field id="compose-time" label="时间" value={time} onChange={setTime} maxlength={5} placeholder="09:30" />
            <ErrorBox id="compose-when-error" message={errors.when ?? ''} />
          </>
        ) : null}
      </View>
      <Button id="compose-preview" className="btn btn-secondary" onClick={() => check() && setPreview(!preview)}>
        {preview ? '收起预览' : '预览'}
      </Button>
      {preview ? (
        <View id="compose-preview-card" className="card">
          <Text className="hint">居民看到的样子：</Text>
          <Text className="title">{title}</Text>
          <Text className="muted">
            {categories.find((c) => c.code === category)?.name} · {when ? chinaTime(when) : '发布后立即可见'}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap', display: 'block', marginTop: '12px' }}>{body}</Text>
        </View>
      ) : null}
      <ErrorBox id="compose-error" message={error} />
      <SuccessBox id="compose-done" message={done} />
      <Button id="compose-submit" className="btn" disabled={busy || undefined} onClick={() => void submit()}>
        {later ? '定时发布' : '发布'}
      </Button>
    </Page>
  );
}
