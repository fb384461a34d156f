import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Loading, Page, SuccessBox, Tap, TextField } from '../../components/ui';
import { branchTypeName, dateZh, meetingName, partyApi, statusName } from '../api';
import { Choice } from '../choice';
import '../party.css';

type Tab = 'roster' | 'requests' | 'meetings';

/**
 * The organiser's 党支部工作: the roster (党员名册), the papers to the township (成立请示, 选举结果
 * 报告, each with its 批复), and the meetings. Only the branch's organisers reach it: the server
 * answers everyone else as if it did not exist.
 */
export default function PartyHome() {
  const [tab, setTab] = useState<Tab>('roster');
  const [notice, setNotice] = useState('');
  const members = useLoad(partyApi.members);
  const requests = useLoad(partyApi.requests);
  const meetings = useLoad(partyApi.meetings);
  const error = members.error || requests.error || meetings.error;
  return (
    <Page id="party-home" className="page-wide">
      <Text className="title">社区党支部</Text>
      <Text className="hint">党员信息只有党支部组织员能看到，不会出现在公告和导出表格里。</Text>
      <Choice
        id="party-tabs"
        label="选择"
        value={tab}
        onChange={(t) => {
          setTab(t);
          setNotice('');
        }}
        options={[
          { key: 'roster', label: '党员名册' },
          { key: 'requests', label: '请示和报告' },
          { key: 'meetings', label: '选举会议' },
        ]}
      />
      <ErrorBox id="party-error" message={error} />
      {notice ? <SuccessBox id="party-notice" message={notice} /> : null}
      {tab === 'roster' ? <Roster list={members.data?.items} reload={members.reload} onDone={setNotice} /> : null}
      {tab === 'requests' ? <Requests list={requests.data?.items} reload={requests.reload} onDone={setNotice} /> : null}
      {tab === 'meetings' ? <Meetings list={meetings.data?.items} reload={meetings.reload} onDone={setNotice} /> : null}
    </Page>
  );
}

function Roster({ list, reload, onDone }: { list?: import('../api').Member[]; reload: () => void; onDone: (s: string) => void }) {
  const [name, setName] = useState('');
  const [status, setStatus] = useState<'full' | 'probationary'>('full');
  const [admittedOn, setAdmittedOn] = useState('');
  const [fullOn, setFullOn] = useState('');
  const adding = useSubmit(partyApi.addMember);
  if (!list) return <Loading />;
  const full = list.filter((m) => m.status === 'full' && !m.transferredOutOn).length;
  const probationary = list.filter((m) => m.status === 'probationary' && !m.transferredOutOn).length;
  return (
    <View>
      <View className="card" id="party-roster-count">
        <Text>
          正式党员 {full} 名，预备党员 {probationary} 名（有表决权、选举权的 {list.filter((m) => m.hasVote).length} 名）
        </Text>
      </View>
      <View className="card" id="party-roster">
        {list.map((m) => (
          <View key={m.id} className="party-row" id={`party-member-${m.id}`}>
            <View>
              <Text className="party-name">{m.name}</Text>
              <Text className={`party-tag ${m.status === 'probationary' ? 'party-tag-warn' : ''}`}>{statusName[m.status]}</Text>
              {m.suspended ? <Text className="party-tag party-tag-warn">留党察看</Text> : null}
              {m.transferredOutOn ? <Text className="party-tag party-tag-warn">已转出</Text> : null}
            </View>
            <Text className="hint">
              {dateZh(m.admittedOn)}入党{m.fullOn ? `，${dateZh(m.fullOn)}转正` : ''}
              {m.hasVote ? '' : '　（不参加选举）'}
            </Text>
          </View>
        ))}
      </View>
      <View className="card">
        <Text className="subtitle">登记党员</Text>
        <Field id="party-new-name" label="姓名" value={name} onChange={setName} required />
        <Choice
          id="party-new-status"
          label="身份"
          value={status}
          onChange={setStatus}
          options={[
            { key: 'full', label: '正式党员' },
            { key: 'probationary', label: '预备党员' },
          ]}
        />
        <Field id="party-new-admitted" label="入党日期" placeholder="如 2010-07-01" value={admittedOn} onChange={setAdmittedOn} required />
        {status === 'full' ? <Field id="party-new-full" label="转正日期" placeholder="如 2011-07-01" value={fullOn} onChange={setFullOn} required /> : null}
        <ErrorBox id="party-new-error" message={adding.error} />
        <Tap
          id="party-new-submit"
          className="btn"
          onTap={async () => {
            const done = await adding.submit({ name, status, admittedOn, ...(status === 'full' ? { fullOn } : {}) });
            if (done) {
              onDone(`已登记${done.name}`);
              setName('');
              reload();
            }
          }}
        >
          {adding.busy ? '正在登记…' : '登记'}
        </Tap>
      </View>
    </View>
  );
}

function Requests({ list, reload, onDone }: { list?: import('../api').Request[]; reload: () => void; onDone: (s: string) => void }) {
  const [kind, setKind] = useState<'founding' | 'results_report'>('founding');
  const [branchType, setBranchType] = useState<'independent' | 'joint' | 'provisional'>('independent');
  const [body, setBody] = useState('');
  const [seats, setSeats] = useState('5');
  const [approving, setApproving] = useState<Record<string, { on: string; no: string }>>({});
  const creating = useSubmit(partyApi.createRequest);
  const approve = useSubmit(partyApi.approve);
  if (!list) return <Loading />;
  return (
    <View>
      {list.map((r) => (
        <View key={r.id} className="card" id={`party-request-${r.id}`}>
          <Text className="subtitle">{r.kind === 'founding' ? '成立党支部的请示' : '选举结果的报告'}</Text>
          <Text className="hint">
            {dateZh(r.submittedOn)}报送乡党委
            {r.status === 'approved' ? `；${dateZh(r.approvedOn)}批复，文号 ${r.documentNo}` : '；等待批复'}
          </Text>
          <View className="party-actions">
            <Tap id={`party-request-print-${r.id}`} className="btn btn-secondary" onTap={() => Taro.navigateTo({ url: `/party/paper/index?id=${r.id}` })}>
              查看和打印
            </Tap>
          </View>
          {r.status === 'submitted' ? (
            <View>
              <Field
                id={`party-approve-on-${r.id}`}
                label="批复日期"
                placeholder="如 2027-03-05"
                value={approving[r.id]?.on ?? ''}
                onChange={(on) => setApproving({ ...approving, [r.id]: { on, no: approving[r.id]?.no ?? '' } })}
              />
              <Field
                id={`party-approve-no-${r.id}`}
                label="批复文号"
                placeholder="如 八珠党发〔2027〕3号"
                value={approving[r.id]?.no ?? ''}
                onChange={(no) => setApproving({ ...approving, [r.id]: { on: approving[r.id]?.on ?? '', no } })}
              />
              <Tap
                id={`party-approve-${r.id}`}
                className="btn"
                onTap={async () => {
                  const done = await approve.submit(r.id, { approvedOn: approving[r.id]?.on ?? '', documentNo: approving[r.id]?.no ?? '' });
                  if (done) {
                    onDone('已录入批复');
                    reload();
                  }
                }}
              >
                录入批复
              </Tap>
            </View>
          ) : null}
        </View>
      ))}
      <ErrorBox id="party-approve-error" message={approve.error} />
      <View className="card">
        <Text className="subtitle">起草报送乡党委的文件</Text>
        <Choice
          id="party-request-kind"
          label="文件"
          value={kind}
          onChange={setKind}
          options={[
            { key: 'founding', label: '成立请示' },
            { key: 'results_report', label: '选举结果报告' },
          ]}
        />
        {kind === 'founding' ? (
          <View>
            <Choice
              id="party-request-type"
              label="党支部性质"
              value={branchType}
              onChange={setBranchType}
              options={(['independent', 'joint', 'provisional'] as const).map((v) => ({ key: v, label: branchTypeName[v] }))}
            />
            <Field id="party-request-seats" label="拟设支部委员（人）" type="number" value={seats} onChange={setSeats} />
          </View>
        ) : null}
        <TextField id="party-request-body" label="正文（依据和理由）" value={body} onChange={setBody} required />
        <Text className="hint">党员人数、社区户数和人口由系统按名册自动填写。</Text>
        <ErrorBox id="party-request-error" message={creating.error} />
        <Tap
          id="party-request-submit"
          className="btn"
          onTap={async () => {
            const done = await creating.submit({
              kind,
              body,
              ...(kind === 'founding' ? { branchType, proposedSeats: Number(seats) || undefined } : {}),
            });
            if (done) {
              onDone('已记录报送日期');
              setBody('');
              reload();
            }
          }}
        >
          记录并报送
        </Tap>
      </View>
    </View>
  );
}

function Meetings({
  list,
  reload,
  onDone,
}: {
  list?: { id: string; kind: 'members' | 'committee'; date: string; candidatesPublishedAt: string | null }[];
  reload: () => void;
  onDone: (s: string) => void;
}) {
  const [kind, setKind] = useState<'members' | 'committee'>('members');
  const [date, setDate] = useState('');
  const [seats, setSeats] = useState('5');
  const creating = useSubmit(partyApi.createMeeting);
  if (!list) return <Loading />;
  const lastMembers = [...list].reverse().find((m) => m.kind === 'members');
  return (
    <View>
      {list.map((m) => (
        <View key={m.id} className="card">
          <Tap id={`party-meeting-${m.id}`} className="btn" onTap={() => Taro.navigateTo({ url: `/party/meeting/index?id=${m.id}` })}>
            {dateZh(m.date)} {meetingName[m.kind]}
          </Tap>
        </View>
      ))}
      <View className="card">
        <Text className="subtitle">召开会议</Text>
        <Choice
          id="party-meeting-kind"
          label="会议"
          value={kind}
          onChange={(k) => {
            setKind(k);
            setSeats(k === 'members' ? '5' : '2');
          }}
          options={[
            { key: 'members', label: '党员大会（选举支部委员）' },
            { key: 'committee', label: '支部委员会（选举书记、副书记）' },
          ]}
        />
        <Field id="party-meeting-date" label="会议日期" placeholder="如 2027-03-10" value={date} onChange={setDate} required />
        <Field
          id="party-meeting-seats"
          label={kind === 'members' ? '应选支部委员（人）' : '应选书记、副书记（人）'}
          type="number"
          value={seats}
          onChange={setSeats}
          hint={kind === 'members' ? '候选人要比应选人数多20%以上（5人至少6名候选人）' : '书记1人，其余为副书记；等额选举'}
        />
        <ErrorBox id="party-meeting-error" message={creating.error} />
        <Tap
          id="party-meeting-submit"
          className="btn"
          onTap={async () => {
            const done = await creating.submit({
              kind,
              date,
              seats: Number(seats),
              ...(kind === 'committee' && lastMembers ? { electsFromMeetingId: lastMembers.id } : {}),
            });
            if (done) {
              onDone(`已建立${meetingName[kind]}`);
              reload();
            }
          }}
        >
          建立会议
        </Tap>
      </View>
    </View>
  );
}
