import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { ErrorBox, Loading, Page, SuccessBox, Tap, TextField, toastDone } from '../../components/ui';
import { type AnswerItem, consultApi, keepReceipt, type Question, whenZh } from '../api';
import '../consult.css';

/**
 * Answering a consultation: one question at a time down the page, each choice a whole-width
 * button (大字模式 makes them bigger still), a scale as five big numbers. A group leader or staff
 * member entering it at the door for someone without a phone opens it with `for` and `name`.
 */
export default function AnswerPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const forId = params.for || undefined;
  const forName = params.name ? decodeURIComponent(params.name) : '';
  const loaded = useLoad(() => consultApi.get(id), { filters: [id] });
  const c = loaded.data;
  const [answers, setAnswers] = useState<AnswerItem[]>([]);
  const [done, setDone] = useState('');
  useEffect(() => {
    if (c) setAnswers(!forId && c.myAnswers ? c.myAnswers : c.questions.map(() => ({})));
  }, [c, forId]);
  const sending = useSubmit(() => consultApi.answer(id, answers, forId));
  const set = (i: number, a: AnswerItem) => setAnswers((xs) => xs.map((x, k) => (k === i ? a : x)));
  const submit = async () => {
    const r = await sending.submit();
    if (!r) return;
    if (r.receipt) keepReceipt(id, r.receipt, forId);
    const msg = forId ? `已替${forName || '这位居民'}提交（记为代填）。` : r.changed ? '已修改您的回答。' : '已提交，谢谢您！';
    setDone(`${msg}截止到${whenZh(r.closesAt)}以前还可以修改。`);
    toastDone(r.changed ? '已修改' : '已提交');
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  };
  if (!c) return <Page>{loaded.error ? <ErrorBox id="answer-error" message={loaded.error} onRetry={() => void loaded.reload()} /> : <Loading />}</Page>;
  return (
    <Page id="consult-answer">
      <SuccessBox id="answer-done" message={done} />
      <View className="card">
        <Text className="h2">{c.title}</Text>
        <Text className="text">{c.purpose}</Text>
        {forId ? (
          <Text id="answer-for" className="notice-box">
            上门代填：替 {forName || '这位居民'} 填写，会记为代填。请一题一题念给他听，按他的意思点选。
          </Text>
        ) : null}
        {!forId && c.answered && c.anonymous ? (
          <Text id="answer-anonymous-answered" className="notice-box">
            您已经回答过了。不记名的回答谁也看不到是谁的，所以这里不显示您原来选的；在原来那台手机上重新选了再提交，就会换掉原来的。
          </Text>
        ) : null}
        <Text className="muted">
          {whenZh(c.closesAt)}截止。{c.anonymous ? '不记名：谁也看不到哪份回答是您的。' : ''}
          {c.per === 'household' ? '每户答一份，家里人再答会换掉原来的。' : ''}
        </Text>
      </View>
      {c.questions.map((q, i) => (
        <QuestionCard key={i} i={i} q={q} a={answers[i] ?? {}} onChange={(a) => set(i, a)} />
      ))}
      <ErrorBox id="answer-submit-error" message={sending.error} />
      <Button
        id="answer-submit"
        className="btn"
        loading={sending.busy}
        disabled={sending.busy || c.state !== 'open' || undefined}
        onClick={() => void submit()}
      >
        {c.state !== 'open' ? '已经截止' : forId ? '代他提交' : c.answered ? '修改我的回答' : '提交'}
      </Button>
      <Button id="answer-back" className="btn btn-secondary" onClick={() => Taro.navigateBack()}>
        返回
      </Button>
    </Page>
  );
}

function QuestionCard({ i, q, a, onChange }: { i: number; q: Question; a: AnswerItem; onChange: (a: AnswerItem) => void }) {
  const options = q.options ?? [];
  const max = q.kind === 'scale' ? options.length || 5 : 0;
  return (
    <View className="card" id={`q-${i}`} {...({ role: q.kind === 'multiple' ? 'group' : 'radiogroup', 'aria-label': q.text } as object)}>
      <Text className="cs-question">
        {i + 1}. {q.text}
      </Text>
      {q.kind === 'multiple' ? <Text className="hint">可以选几个</Text> : null}
      {q.kind === 'single'
        ? options.map((o, k) => (
            <Tap
              key={k}
              id={`q-${i}-o-${k}`}
              role="radio"
              selected={a.option === k}
              className={`cs-choice ${a.option === k ? 'cs-choice-on' : ''}`}
              onTap={() => onChange({ option: k })}
            >
              {a.option === k ? '◉ ' : '○ '}
              {o}
            </Tap>
          ))
        : null}
      {q.kind === 'multiple'
        ? options.map((o, k) => {
            const on = !!a.options?.includes(k);
            return (
              <Tap
                key={k}
                id={`q-${i}-o-${k}`}
                role="checkbox"
                selected={on}
                className={`cs-choice ${on ? 'cs-choice-on' : ''}`}
                onTap={() => onChange({ options: on ? (a.options ?? []).filter((x) => x !== k) : [...(a.options ?? []), k].sort() })}
              >
                {on ? '☑ ' : '☐ '}
                {o}
              </Tap>
            );
          })
        : null}
      {q.kind === 'scale' ? (
        <>
          <View className="cs-scale">
            {Array.from({ length: max }, (_, k) => k + 1).map((v) => (
              <Tap
                key={v}
                id={`q-${i}-v-${v}`}
                role="radio"
                selected={a.value === v}
                label={options[v - 1] ?? `${v}分`}
                className={`cs-choice ${a.value === v ? 'cs-choice-on' : ''}`}
                onTap={() => onChange({ value: v })}
              >
                {v}
              </Tap>
            ))}
          </View>
          <Text className="hint">
            {options.length ? `1 是“${options[0]}”，${max} 是“${options[max - 1]}”` : `1 分最低，${max} 分最高`}
            {a.value ? `。您选了 ${a.value}${options[a.value - 1] ? `（${options[a.value - 1]}）` : ' 分'}` : ''}
          </Text>
        </>
      ) : null}
      {q.kind === 'text' ? (
        <TextField id={`q-${i}-text`} label="写下您的意见（可以不写）" value={a.text ?? ''} maxlength={500} onChange={(t) => onChange({ text: t })} />
      ) : null}
    </View>
  );
}
