import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError, messageOf } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Loading, Page, SuccessBox, Tap } from '../../components/ui';
import { electionDayApi, go, roundTitle, type Seat, seatName, seatOrder, useElection } from '../api';
import '../election-day.css';

interface WriteIn {
  name: string;
  seat: Seat;
  votes: string;
}

const toCount = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/**
 * A counter enters the whole count of the round being voted (the main vote, or a further round,
 * a tie re-vote or a repeat) from the paper tally sheet. A second counter enters it too: when
 * both agree the round's count is closed; when not, the committee sees both side by side.
 */
export default function TallyPage() {
  const [notice, setNotice] = useState('');
  const { election, error: electionError } = useElection();
  // The open round's ballot, from the results board (the count moves on round by round).
  const board = useLoad(async () => (election ? electionDayApi.results(election.id) : undefined), { filters: [election?.id] });
  const entering = useSubmit(electionDayApi.tally, (e) =>
    e instanceof ApiError && e.code === 'TALLY_MISMATCH' ? '与另一位计票员录入的不一致，已交选举委员会核对。请一起重新清点后再录入。' : messageOf(e),
  );
  const [cast, setCast] = useState('');
  const [invalid, setInvalid] = useState('');
  const [votes, setVotes] = useState<Record<string, string>>({});
  const [writeIns, setWriteIns] = useState<WriteIn[]>([]);
  const round = board.data?.rounds.at(-1);
  const error = electionError || board.error || entering.error;
  if (!election || !round) return <Page>{error ? <ErrorBox id="tally-error" message={error} /> : <Loading />}</Page>;
  const list = { items: round.ballot };
  const seats = seatOrder.filter((s) => round.seats[s]);
  const closed = board.data?.openRound === null;

  const submit = async () => {
    const body = {
      ballotsCast: toCount(cast),
      invalidBallots: toCount(invalid),
      votes: Object.fromEntries(list.items.map((c) => [c.id, toCount(votes[c.id] ?? '')])),
      writeIns: writeIns.filter((w) => w.name.trim()).map((w) => ({ name: w.name.trim(), seat: w.seat, votes: toCount(w.votes) })),
    };
    const blank = [body.ballotsCast, body.invalidBallots, ...Object.values(body.votes), ...body.writeIns.map((w) => w.votes)].some(
      (n) => !Number.isInteger(n) || n < 0,
    );
    if (blank) return entering.setError('每一格都要填写，没有票的填0。');
    setNotice('');
    const r = await entering.submit(election.id, { ...body, round: round.n });
    if (!r) return;
    setNotice(
      r.status === 'counting'
        ? '已录入。请另一位计票员也录入一遍。'
        : r.status === 'void'
          ? '两位计票员的结果一致：收回的选票多于发出的，这一轮投票无效，请选举委员会安排重新投票。'
          : r.status === 'matching'
            ? '两位计票员的结果一致。有另选人，请选举委员会核对另选人是谁。'
            : '两位计票员的结果一致，计票结果已确认。',
    );
    void board.reload();
  };
  return (
    <Page>
      <View className="card" id="tally-round">
        <Text className="h2">{roundTitle(round)}</Text>
        {closed ? <Text className="ed-warn">这一轮的计票已经确认，不用再录入。</Text> : null}
      </View>
      <View className="card">
        <Field id="tally-cast" label="收回选票（张）" type="number" value={cast} onChange={setCast} />
        <Field id="tally-invalid" label="其中废票（张）" type="number" value={invalid} onChange={setInvalid} />
      </View>
      {seats.map((s) => (
        <View key={s} className="card" id={`tally-seat-${s}`}>
          <Text className="h2">
            {seatName[s]}（应选{round.seats[s]}名）
          </Text>
          {list.items
            .filter((c) => c.seat === s)
            .map((c) => (
              <Field
                key={c.id}
                id={`tally-v-${c.id}`}
                label={`${c.name} 得票`}
                type="number"
                value={votes[c.id] ?? ''}
                onChange={(v) => setVotes((o) => ({ ...o, [c.id]: v }))}
              />
            ))}
          {writeIns.map((w, i) =>
            w.seat === s ? (
              <View key={i} className="ed-side">
                <Field
                  id={`tally-w-${i}-name`}
                  label="另选人姓名"
                  value={w.name}
                  onChange={(v) => setWriteIns((o) => o.map((x, j) => (j === i ? { ...x, name: v } : x)))}
                />
                <Field
                  id={`tally-w-${i}-votes`}
                  label="得票"
                  type="number"
                  value={w.votes}
                  onChange={(v) => setWriteIns((o) => o.map((x, j) => (j === i ? { ...x, votes: v } : x)))}
                />
              </View>
            ) : null,
          )}
          <Tap id={`tally-add-writein-${s}`} className="link" role="button" onTap={() => setWriteIns((o) => [...o, { name: '', seat: s, votes: '' }])}>
            ＋ 另选他人（{seatName[s]}）
          </Tap>
        </View>
      ))}
      <ErrorBox id="tally-error" message={error} />
      <SuccessBox id="tally-notice" message={notice} />
      <Tap id="tally-submit" className="btn" onTap={() => void submit()}>
        提交计票结果
      </Tap>
      <Tap id="tally-results" className="link" role="link" onTap={() => go(`/election-day/results/index?e=${election.id}`)}>
        查看选举结果
      </Tap>
    </Page>
  );
}
