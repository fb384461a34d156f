import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Loading, Page, SuccessBox, Tap } from '../../components/ui';
import { type BallotInfo, chinaTime, type DeskRecord, electionDayApi, type FoundVoter, type Turnout, useElection } from '../api';
import '../election-day.css';
import { platform } from '../../platform';

const given = (b: BallotInfo) => `已发（${chinaTime(b.issuedAt)}${b.byProxy ? `，${b.handedToName}代领` : '，本人领取'}）`;

/**
 * The ballot desk (发票处) on a clerk's phone, used standing at a table: find the voter by the QR
 * code on their card or by name, hand out their own ballot and, one by one, the ballots of the
 * voters who entrusted them. Turnout refreshes by itself.
 */
export default function DeskPage() {
  const [notice, setNotice] = useState('');
  const { election, error: electionError } = useElection();
  const scanned = useRouter().params.r;
  const [residentId, setResidentId] = useState(scanned ?? '');
  const [record, setRecord] = useState<DeskRecord | null>(null);
  const [turnout, setTurnout] = useState<Turnout | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<FoundVoter[] | null>(null);
  const opening = useSubmit(electionDayApi.desk);
  const finding = useSubmit(electionDayApi.findVoters);
  const issuing = useSubmit(electionDayApi.issue);
  const error = electionError || opening.error || finding.error || issuing.error;

  const open = async (id: string) => {
    if (!election) return;
    setResidentId(id);
    const r = await opening.submit(election.id, id);
    if (!r) return;
    setRecord(r);
    setTurnout(r.turnout);
    setFound(null);
  };
  useEffect(() => {
    if (election && residentId) void open(residentId);
  }, [election?.id]);
  useEffect(() => {
    if (!election) return;
    const tick = () =>
      electionDayApi
        .turnout(election.id)
        .then(setTurnout)
        .catch(() => undefined);
    tick();
    const timer = setInterval(tick, 5000);
    return () => clearInterval(timer);
  }, [election?.id]);
  if (!election) return <Page>{error ? <ErrorBox id="desk-error" message={error} /> : <Loading />}</Page>;

  const issue = async (holder: string, onBehalfOf?: string) => {
    if (issuing.busy) return;
    const r = await issuing.submit(election.id, holder, onBehalfOf);
    if (r) {
      setNotice(r.byProxy ? `已把${r.voterName}的选票交给${r.handedToName}。` : `已发给${r.voterName}本人。`);
      setTurnout(r.turnout);
    } else {
      setNotice('');
    }
    // The record as it is now, whatever happened (another desk may have handed it out).
    void open(holder);
  };
  const scan = () => {
    Taro.scanCode({ onlyFromCamera: true })
      .then((r) => {
        const id = /[?&]r=([0-9a-f-]{36})/.exec(r.result)?.[1];
        if (id) void open(id);
        else opening.setError('这不是本次选举的选民证二维码。');
      })
      .catch(() => undefined);
  };
  const search = async () => {
    if (!q.trim()) return finding.setError('请输入姓名。');
    const r = await finding.submit(election.id, q.trim());
    if (!r) return;
    setFound(r.items);
    if (!r.items.length) finding.setError('选民名单上没有这个名字。');
  };

  return (
    <Page>
      {turnout ? (
        <View className="card" id="desk-turnout" aria-live="polite">
          {turnout.round > 1 ? (
            <Text className="h2" id="desk-round">
              第{turnout.round}轮投票：每位选民再领一张本轮选票
            </Text>
          ) : null}
          <Text className="ed-turnout">
            已发选票 {turnout.ballotsIssued} / 选民 {turnout.registered}
          </Text>
          <Text className="muted">
            　本人{turnout.inPerson}，代领{turnout.byProxy}
          </Text>
        </View>
      ) : null}
      <ErrorBox id="desk-error" message={error} />
      <SuccessBox id="desk-notice" message={notice} />
      {record ? (
        <View className="card" id="desk-record">
          <View className="ed-big">{record.voter.name}</View>
          <View className="muted">{record.voter.groupName}</View>
          {!record.isElectionDay ? <View className="ed-warn">今天不是选举日（{record.electionDay}），不能发票。</View> : null}
          {!record.voter.registered ? (
            <View className="ed-warn ed-big">不在选民名单上</View>
          ) : record.ballot ? (
            <View className="ed-warn ed-big" id="desk-own-issued">
              本人选票{given(record.ballot)}
            </View>
          ) : (
            <Tap id="desk-issue-own" className="ed-huge-btn" label={`发给${record.voter.name}本人选票`} onTap={() => void issue(record.voter.residentId)}>
              发给本人选票
            </Tap>
          )}
          {record.entrustedTo && !record.ballot ? <View className="ed-warn">已委托{record.entrustedTo.name}代投；本人来了也可以领。</View> : null}
          {record.entrustments.length ? (
            <View id="desk-entrustments">
              <Text className="h2">受托代领（{record.entrustments.length}份）</Text>
              {record.entrustments.map((x) => (
                <View key={x.applicantResidentId} className="ed-row">
                  <View className="ed-grow">
                    <View className="ed-desk-name">{x.name}</View>
                    <View className="muted">{x.groupName}</View>
                  </View>
                  {x.ballot ? (
                    <Text className="ed-warn ed-desk-state">{given(x.ballot)}</Text>
                  ) : (
                    <Tap
                      id={`desk-issue-for-${x.applicantResidentId}`}
                      className="ed-mid-btn"
                      label={`把${x.name}的选票交给${record.voter.name}`}
                      onTap={() => void issue(record.voter.residentId, x.applicantResidentId)}
                    >
                      代领
                    </Tap>
                  )}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="card">
        {platform.scanCode ? (
          <Tap id="desk-scan" className="ed-huge-btn" onTap={scan}>
            扫选民证
          </Tap>
        ) : null}
        <Field id="desk-q" label="按姓名查找" value={q} onChange={setQ} placeholder="输入姓名" />
        <Tap id="desk-search" className="btn" onTap={() => void search()}>
          查找
        </Tap>
        {(found ?? []).map((v) => (
          <Tap key={v.residentId} id={`desk-open-${v.residentId}`} className="ed-row" onTap={() => void open(v.residentId)}>
            <View className="ed-grow">
              <View className="ed-desk-name">{v.name}</View>
              <View className="muted">{v.groupName}</View>
            </View>
            <Text className={v.issued ? 'ed-warn' : 'ed-good'}>{v.issued ? '已发' : '未发'}</Text>
          </Tap>
        ))}
      </View>
    </Page>
  );
}
