import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, messageOf } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Loading, Page, SuccessBox, Tap } from '../../components/ui';
import { type Post, partyApi, postName, roundKindName } from '../api';
import '../party.css';

const toCount = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/**
 * A counter (计票人) enters the round's whole count from the paper: ballots returned, invalid
 * ones (more 赞成 marks than seats), and per candidate 赞成 / 不赞成 / 弃权. The second counter
 * enters it too; when both agree the round is counted.
 */
export default function PartyTallyPage() {
  const id = useRouter().params.id ?? '';
  const results = useLoad(() => partyApi.results(id), { filters: [id] });
  const [cast, setCast] = useState('');
  const [invalid, setInvalid] = useState('');
  const [votes, setVotes] = useState<Record<string, { yes: string; no: string; abstain: string }>>({});
  const [notice, setNotice] = useState('');
  const [writeIns, setWriteIns] = useState<{ name: string; post: Post; yes: string }[]>([]);
  const entering = useSubmit(partyApi.tally, (e) =>
    e instanceof ApiError && e.code === 'TALLY_MISMATCH' ? '与另一位计票人录入的不一致。请两位计票人一起重新清点选票后再录入。' : messageOf(e),
  );
  const round = results.data?.rounds.at(-1);
  if (!round) return <Page>{results.error ? <ErrorBox id="tally-error" message={results.error} /> : <Loading />}</Page>;
  const set = (cid: string, k: 'yes' | 'no' | 'abstain', v: string) =>
    setVotes({ ...votes, [cid]: { yes: votes[cid]?.yes ?? '', no: votes[cid]?.no ?? '', abstain: votes[cid]?.abstain ?? '', [k]: v } });
  const listed = round.contenders.filter((c) => !c.writeIn && c.candidateId);
  return (
    <Page id="party-tally">
      <Text className="title" id="tally-round">
        第{round.n}轮 {roundKindName[round.kind]}
      </Text>
      <Text className="hint">已发出选票 {round.ballotsIssued} 张。每张选票上赞成人数多于应选人数的，是无效票。</Text>
      {round.status === 'final' ? <SuccessBox id="tally-notice" message="本轮计票已确认，两位计票人录入一致。" /> : null}
      {notice ? <SuccessBox id="tally-notice" message={notice} /> : null}
      <Field id="tally-cast" label="收回选票（张）" type="number" value={cast} onChange={setCast} required />
      <Field id="tally-invalid" label="其中无效票（张）" type="number" value={invalid} onChange={setInvalid} required />
      {listed.map((c) => (
        <View key={c.candidateId ?? c.name} className="card" id={`tally-c-${c.candidateId}`}>
          <Text className="party-name">
            {c.name}（{postName[c.post as Post]}）
          </Text>
          <Field
            id={`tally-yes-${c.candidateId}`}
            label="赞成"
            type="number"
            value={votes[c.candidateId!]?.yes ?? ''}
            onChange={(v) => set(c.candidateId!, 'yes', v)}
          />
          <Field
            id={`tally-no-${c.candidateId}`}
            label="不赞成"
            type="number"
            value={votes[c.candidateId!]?.no ?? ''}
            onChange={(v) => set(c.candidateId!, 'no', v)}
          />
          <Field
            id={`tally-abstain-${c.candidateId}`}
            label="弃权"
            type="number"
            value={votes[c.candidateId!]?.abstain ?? ''}
            onChange={(v) => set(c.candidateId!, 'abstain', v)}
          />
        </View>
      ))}
      <View className="card" id="tally-writeins">
        <Text className="subtitle">另选他人</Text>
        <Text className="hint">选票上写了别人名字并画“○”的，按姓名合计填写。</Text>
        {writeIns.map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are typed in order and never reordered
          <View key={i}>
            <Field
              id={`tally-w-name-${i}`}
              label="另选人姓名"
              value={w.name}
              onChange={(name) => setWriteIns(writeIns.map((x, j) => (j === i ? { ...x, name } : x)))}
            />
            <Field
              id={`tally-w-yes-${i}`}
              label="赞成票"
              type="number"
              value={w.yes}
              onChange={(yes) => setWriteIns(writeIns.map((x, j) => (j === i ? { ...x, yes } : x)))}
            />
          </View>
        ))}
        <Tap
          id="tally-w-add"
          className="btn btn-secondary"
          onTap={() => setWriteIns([...writeIns, { name: '', post: (Object.keys(round.seats)[0] ?? 'committee') as Post, yes: '' }])}
        >
          加一位另选人
        </Tap>
      </View>
      <ErrorBox id="tally-error" message={entering.error} />
      <Tap
        id="tally-submit"
        className="btn"
        onTap={async () => {
          setNotice('');
          const body = {
            round: round.n,
            ballotsCast: toCount(cast),
            invalidBallots: toCount(invalid),
            votes: Object.fromEntries(
              listed.map((c) => {
                const v = votes[c.candidateId!];
                return [c.candidateId, { yes: toCount(v?.yes ?? '0') || 0, no: toCount(v?.no ?? '0') || 0, abstain: toCount(v?.abstain ?? '0') || 0 }];
              }),
            ),
            writeIns: writeIns.filter((w) => w.name.trim()).map((w) => ({ name: w.name.trim(), post: w.post, yes: toCount(w.yes) || 0 })),
          };
          const done = await entering.submit(id, body);
          if (done) {
            setNotice(done.status === 'final' ? '本轮计票已确认，两位计票人录入一致。' : '已录入。请另一位计票人也录入，两人一致后计票完成。');
            void results.reload();
          }
        }}
      >
        {entering.busy ? '正在提交…' : '提交计票'}
      </Tap>
    </Page>
  );
}
