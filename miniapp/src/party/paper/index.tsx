import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { platform } from '../../platform';
import { branchTypeName, dateZh, type Party, partyApi } from '../api';
import '../party.css';

type Founding = Extract<Party.PartyRequest['figures'], { fullMembers: number }>;
type Report = Extract<Party.PartyRequest['figures'], { membersMeeting: unknown }>;

/**
 * The paper sent up to the township's party committee, in its usual form (one A4): the 请示 with
 * the unit's size and the roster's figures, or the report of the election results with both
 * meetings and the division of work; the 批复's date and document number once entered.
 */
export default function PartyPaperPage() {
  const id = useRouter().params.id ?? '';
  const request = useLoad(() => partyApi.request(id), { filters: [id] });
  const r = request.data;
  if (!r) return <Page>{request.error ? <ErrorBox id="paper-error" message={request.error} /> : <Loading />}</Page>;
  return (
    <Page id="party-paper">
      <View className="no-print">
        <Tap id="paper-print" className="btn" onTap={() => platform.printPage()}>
          打印（A4）
        </Tap>
      </View>
      <View className="party-paper" id="paper-sheet">
        {r.kind === 'founding' ? <FoundingPaper r={r} f={r.figures as Founding} /> : <ReportPaper r={r} f={r.figures as Report} />}
        <Text style={{ display: 'block', marginTop: '16px', textAlign: 'right' }}>{dateZh(r.submittedOn)}</Text>
        {r.status === 'approved' ? (
          <Text id="paper-approval" style={{ display: 'block', marginTop: '12px' }}>
            乡党委批复：{dateZh(r.approvedOn)}，{r.documentNo}
          </Text>
        ) : null}
      </View>
    </Page>
  );
}

function FoundingPaper({ r, f }: { r: Party.PartyRequest; f: Founding }) {
  return (
    <View>
      <View className="party-paper-title">关于成立{f.communityName}党支部的请示</View>
      <Text className="paper-addressee" style={{ display: 'block' }}>
        {f.addressee ?? '上级党委'}：
      </Text>
      <Text style={{ display: 'block', textIndent: '2em' }}>{r.body}</Text>
      <Text id="paper-figures" style={{ display: 'block', textIndent: '2em' }}>
        {f.communityName}服务{f.households ?? '—'}户{f.population ?? '—'}人。现有党员{f.fullMembers + f.probationaryMembers}名，其中正式党员{f.fullMembers}
        名、预备党员{f.probationaryMembers}名。拟成立{r.branchType ? branchTypeName[r.branchType] : '党支部'}
        {f.proposedSeats ? `，设支部委员会，委员${f.proposedSeats}名，设书记1名` : ''}。
      </Text>
      <Text style={{ display: 'block', textIndent: '2em' }}>妥否，请批示。</Text>
    </View>
  );
}

function ReportPaper({ r, f }: { r: Party.PartyRequest; f: Report }) {
  return (
    <View>
      <View className="party-paper-title">关于社区党支部委员会选举结果的报告</View>
      <Text className="paper-addressee" style={{ display: 'block' }}>
        {f.addressee ?? '上级党委'}：
      </Text>
      <Text style={{ display: 'block', textIndent: '2em' }}>{r.body}</Text>
      <Text id="paper-members-meeting" style={{ display: 'block', textIndent: '2em' }}>
        {dateZh(f.membersMeeting.date)}召开支部党员大会，应到会有选举权的党员{f.membersMeeting.entitled}名，实到{f.membersMeeting.present}
        名，以无记名投票差额选举产生支部委员会委员：{f.membersMeeting.elected.map((e) => e.name).join('、')}。
      </Text>
      <Text id="paper-committee-meeting" style={{ display: 'block', textIndent: '2em' }}>
        {dateZh(f.committeeMeeting.date)}召开支部委员会会议，等额选举{f.committeeMeeting.secretary.join('、')}为书记
        {f.committeeMeeting.deputySecretary.length ? `，${f.committeeMeeting.deputySecretary.join('、')}为副书记` : ''}。
      </Text>
      <Text id="paper-duties" style={{ display: 'block', textIndent: '2em' }}>
        委员分工：{f.assignments.map((a) => `${a.name}任${a.label ?? a.duty}`).join('，')}。
      </Text>
      <Text style={{ display: 'block', textIndent: '2em' }}>特此报告，请批复。</Text>
    </View>
  );
}
