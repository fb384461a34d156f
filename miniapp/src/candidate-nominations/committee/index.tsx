import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { confirmFirst } from '../../components/a11y';
import { ErrorBox, Loading, Page, SuccessBox } from '../../components/ui';
import { type CandidateNominationList, candidateNominationsApi, type FixedCandidates, monthDay, type SeatKey, seatChoices, statusName } from '../api';
import '../../objections/objections.css';
import { electionsApi } from '../../api/elections';

/**
 * 确定正式候选人 (the committee): per seat, the nominees with their accepted nominations, most
 * first; after nominations close, one button fixes the seat's 正式候选人 from these counts.
 */
export default function FixCandidatesPage() {
  const { params } = useRouter();
  const loaded = useLoad(async () => {
    const electionId = params.electionId ?? (await electionsApi.current()).election?.id;
    if (!electionId) return null;
    return { electionId, list: await candidateNominationsApi.list(electionId) };
  });
  const data = loaded.data;
  if (data === null) {
    return (
      <Page>
        <View className="card">
          <Text className="text">目前没有安排选举。</Text>
        </View>
      </Page>
    );
  }
  return (
    <Page>
      <ErrorBox id="fix-load-error" message={loaded.error} onRetry={() => void loaded.reload()} />
      {!data && !loaded.error ? <Loading /> : null}
      {data ? (
        <>
          <View className="card" id="fix-window">
            <Text className="h2">确定正式候选人</Text>
            <Text className="text">
              {data.list.window.state === 'closed'
                ? `提名已于${monthDay(data.list.window.lastDay)}截止，可以按提名票数确定正式候选人。`
                : `提名到${monthDay(data.list.window.lastDay)}（含当天）截止，截止后才能确定。`}
            </Text>
            <Text className="hint">只计被提名人已接受的提名。票数最多的人当选正式候选人，人数比应选名额多；最后一名票数相同的，一起列入。</Text>
          </View>
          {seatChoices
            .filter((c) => data.list.seats[c.key] > 0)
            .map((c) => (
              <SeatCard key={c.key} electionId={data.electionId} seat={c.key} seatName={c.label} list={data.list} />
            ))}
          <View className="card" id="all-nominations">
            <Text className="h2">全部提名（{data.list.items.length}份）</Text>
            {data.list.items.map((n) => (
              <Text key={n.id} className="text">
                {n.nominator.name}提名{n.nominee.name}当{n.seatName}：{statusName[n.status]}
                {n.onPaper ? '（纸质）' : ''}
              </Text>
            ))}
          </View>
        </>
      ) : null}
    </Page>
  );
}

function SeatCard({ electionId, seat, seatName, list }: { electionId: string; seat: SeatKey; seatName: string; list: CandidateNominationList }) {
  const [fixed, setFixed] = useState<FixedCandidates | null>(null);
  const fixing = useSubmit(candidateNominationsApi.fixCandidates);
  const counts = list.counts.filter((c) => c.seat === seat);
  const need = list.seats[seat] + list.candidateSurplus[seat];
  const fix = async () => {
    const ok = await confirmFirst({
      title: `确定${seatName}正式候选人`,
      content: `按提名票数确定${seatName}正式候选人（至少${need}名）？已有的${seatName}候选人会被替换。`,
      confirmText: '确定',
    });
    if (!ok) return;
    const r = await fixing.submit(electionId, seat);
    if (r) setFixed(r);
  };
  return (
    <View className="card" id={`seat-${seat}`}>
      <Text className="h2">
        {seatName}（应选{list.seats[seat]}名，正式候选人至少{need}名）
      </Text>
      {counts.length === 0 ? <Text className="muted">还没有被提名人接受提名。</Text> : null}
      {counts.map((c, i) => (
        <Text key={c.residentId} className="choice-title" id={`count-${seat}-${c.residentId}`}>
          {i + 1}. {c.name}（{c.groupName}） {c.nominations}票
        </Text>
      ))}
      <ErrorBox id={`fix-error-${seat}`} message={fixing.error} />
      {fixed ? (
        <SuccessBox
          id={`fixed-${seat}`}
          message={`已确定${seatName}正式候选人：${fixed.items.map((f) => `${f.name}（${f.nominations}票）`).join('、')}${
            fixed.tieAtCutOff.length ? `。${fixed.tieAtCutOff.map((t) => t.name).join('、')}票数相同，一起列入。` : '。'
          }`}
        />
      ) : null}
      <Button id={`fix-${seat}`} className="btn" disabled={fixing.busy || list.window.state !== 'closed' || undefined} onClick={() => void fix()}>
        确定正式候选人
      </Button>
    </View>
  );
}
