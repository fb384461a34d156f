import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { type ReactNode, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { confirmFirst } from '../../components/a11y';
import { Chips, ErrorBox, Field, Loading, Page, SuccessBox, useFieldErrors } from '../../components/ui';
import { type PersonRef, proxyApi } from '../../proxy/api';
import { type CandidateNomination, type CandidateNominationList, candidateNominationsApi, monthDay, type SeatKey, seatChoices, statusName } from '../api';
import '../../objections/objections.css';
import '../candidate-nominations.css';
import { authApi } from '../../api/auth';
import { electionsApi } from '../../api/elections';

/**
 * 提名候选人: a voter nominates a voter for a seat (alone or with co-signers), co-signs what they
 * were asked to, answers a nomination of themselves, and reads the public counts.
 */
export default function CandidateNominationsPage() {
  const { params } = useRouter();
  const loaded = useLoad(async () => {
    const electionId = params.electionId ?? (await electionsApi.current()).election?.id;
    if (!electionId) return null;
    const [list, me] = await Promise.all([candidateNominationsApi.list(electionId), authApi.me()]);
    return { electionId, list, meId: me.resident?.id ?? '' };
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
  const reload = () => void loaded.reload();
  const items = data?.list.items ?? [];
  const forMe = items.filter((n) => n.myParts.includes('nominee'));
  const toSign = items.filter((n) => n.myParts.includes('signer'));
  const mine = items.filter((n) => n.myParts.includes('nominator'));
  const open = data?.list.window.state === 'open';
  return (
    <Page>
      <ErrorBox id="nominations-error" message={loaded.error} onRetry={reload} />
      {!data && !loaded.error ? <Loading /> : null}
      {data ? (
        <>
          <WindowCard list={data.list} />
          {forMe.length ? (
            <Section id="nominated-me" title="提名我的">
              {forMe.map((n) => (
                <NominationRow key={n.id} n={n} electionId={data.electionId} action={open ? 'answer' : null} onDone={reload} />
              ))}
            </Section>
          ) : null}
          {toSign.length ? (
            <Section id="asked-to-sign" title="请我联名的">
              {toSign.map((n) => (
                <NominationRow key={n.id} n={n} electionId={data.electionId} action={open ? 'sign' : null} meId={data.meId} onDone={reload} />
              ))}
            </Section>
          ) : null}
          {open ? <NominateForm electionId={data.electionId} seats={data.list.seats} onDone={reload} /> : null}
          {mine.length ? (
            <Section id="my-nominations" title="我提名的">
              {mine.map((n) => (
                <NominationRow key={n.id} n={n} electionId={data.electionId} action={null} onDone={reload} />
              ))}
            </Section>
          ) : null}
          <Counts list={data.list} />
        </>
      ) : null}
    </Page>
  );
}

function WindowCard({ list }: { list: CandidateNominationList }) {
  const w = list.window;
  return (
    <View className="card" id="nomination-window">
      <Text className="h2">提名候选人</Text>
      {w.state === 'not_open' ? <Text className="text">选民名单公告后就可以提名，截止到{monthDay(w.lastDay)}（含当天）。</Text> : null}
      {w.state === 'open' ? (
        <Text className="text">
          登记的选民可以提名本社区的选民当候选人。提名截止到{monthDay(w.lastDay)}（含当天）。被提名的人同意后才算数，得到提名多的人成为正式候选人。
        </Text>
      ) : null}
      {w.state === 'closed' ? <Text className="text">提名已于{monthDay(w.lastDay)}截止。选举委员会按提名多少确定正式候选人并张榜公布。</Text> : null}
    </View>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <View className="card" id={id}>
      <Text className="h2">{title}</Text>
      {children}
    </View>
  );
}

/** One nomination in words, with the one act the caller may do on it. */
function NominationRow({
  n,
  electionId,
  action,
  meId,
  onDone,
}: {
  n: CandidateNomination;
  electionId: string;
  action: 'sign' | 'answer' | null;
  meId?: string;
  onDone: () => void;
}) {
  const acting = useSubmit(async (what: 'sign' | 'yes' | 'no') => {
    if (what === 'sign') await candidateNominationsApi.sign(electionId, n.id);
    else await candidateNominationsApi.answer(electionId, n.id, what === 'yes');
    onDone();
  });
  const unsigned = n.signers.filter((s) => !s.signedAt).map((s) => s.name);
  const mySignatureDue = n.signers.some((s) => s.residentId === meId && !s.signedAt);
  const ask = async (what: 'sign' | 'yes' | 'no') => {
    const words = {
      sign: { title: '联名提名', content: `和${n.nominator.name}一起提名${n.nominee.name}当${n.seatName}候选人？签名后不能撤回。`, confirmText: '签名' },
      yes: { title: '接受提名', content: `接受提名，当${n.seatName}候选人？`, confirmText: '接受' },
      no: { title: '不接受提名', content: `不接受${n.nominator.name}的提名？答复后不能更改。`, confirmText: '不接受' },
    }[what];
    if (await confirmFirst(words)) void acting.submit(what);
  };
  return (
    <View className="objection" id={`nomination-${n.id}`}>
      <Text className="choice-title">
        {n.nominator.name}提名{n.nominee.name}当{n.seatName}
      </Text>
      {n.signers.length ? (
        <Text className="text">联名人：{n.signers.map((s) => `${s.name}${s.signedAt ? '（已签名）' : '（未签名）'}`).join('、')}</Text>
      ) : null}
      <Text className="text" id={`nomination-${n.id}-status`}>
        状态：{statusName[n.status]}
        {n.status === 'awaiting_signatures' && unsigned.length ? `（还差${unsigned.join('、')}）` : ''}
      </Text>
      <ErrorBox message={acting.error} />
      {action === 'sign' && n.status === 'awaiting_signatures' && mySignatureDue ? (
        <Button id={`sign-${n.id}`} className="btn" disabled={acting.busy || undefined} onClick={() => void ask('sign')}>
          签名
        </Button>
      ) : null}
      {action === 'answer' && n.status === 'awaiting_acceptance' ? (
        <View>
          <Button id={`accept-${n.id}`} className="btn" disabled={acting.busy || undefined} onClick={() => void ask('yes')}>
            接受
          </Button>
          <Button id={`decline-${n.id}`} className="btn btn-secondary" disabled={acting.busy || undefined} onClick={() => void ask('no')}>
            不接受
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** Find a voter by name on the voter list (name and group only). */
function VoterPicker({
  id,
  label,
  electionId,
  onPick,
  error,
}: {
  id: string;
  label: string;
  electionId: string;
  onPick: (p: PersonRef) => void;
  error?: string;
}) {
  const [name, setName] = useState('');
  const [results, setResults] = useState<PersonRef[] | null>(null);
  const searching = useSubmit(proxyApi.searchVoters);
  const search = async () => {
    if (!name.trim()) return;
    const found = await searching.submit(electionId, name.trim());
    if (found) setResults(found.items);
  };
  return (
    <View>
      <Field
        id={id}
        label={label}
        value={name}
        onChange={setName}
        maxlength={20}
        placeholder="写姓名，写姓也可以"
        error={error}
        onSubmit={() => void search()}
      />
      <Button id={`${id}-search`} className="btn btn-secondary" onClick={() => void search()}>
        查找
      </Button>
      <ErrorBox message={searching.error} />
      {results && results.length === 0 ? <Text className="empty">选民名单上没有找到这个名字，请换个写法再找。</Text> : null}
      {results?.map((p) => (
        <Button
          key={p.residentId}
          id={`${id}-pick-${p.residentId}`}
          className="btn btn-secondary"
          onClick={() => {
            onPick(p);
            setResults(null);
            setName('');
          }}
        >
          {p.name}（{p.groupName}）
        </Button>
      ))}
    </View>
  );
}

function NominateForm({ electionId, seats, onDone }: { electionId: string; seats: Record<SeatKey, number>; onDone: () => void }) {
  const choices = seatChoices.filter((c) => seats[c.key] > 0);
  const [seat, setSeat] = useState<SeatKey>(choices[0]?.key ?? 'director');
  const [nominee, setNominee] = useState<PersonRef | null>(null);
  const [coSigners, setCoSigners] = useState<PersonRef[]>([]);
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState('');
  const fields = useFieldErrors();
  const sending = useSubmit(candidateNominationsApi.nominate);
  const submit = async () => {
    if (fields.show({ 'nominee-name': nominee ? undefined : '请先找到并点选您要提名的人。' })) return;
    if (!nominee) return;
    const seatName = choices.find((c) => c.key === seat)?.label ?? '';
    const ok = await confirmFirst({
      title: '提交提名',
      content: `提名${nominee.name}当${seatName}候选人${coSigners.length ? `，请${coSigners.map((c) => c.name).join('、')}联名` : ''}？`,
      confirmText: '提交',
    });
    if (!ok) return;
    const r = await sending.submit(
      electionId,
      { nomineeResidentId: nominee.residentId, seat, ...(coSigners.length ? { coSignerResidentIds: coSigners.map((c) => c.residentId) } : {}) },
      key,
    );
    if (!r) return;
    setKey(newIdempotencyKey());
    setDone(r.status === 'awaiting_signatures' ? '已提交。请联名人在小程序里签名，签完后等被提名人答复。' : '已提交，等被提名人答复。');
    setNominee(null);
    setCoSigners([]);
    onDone();
  };
  return (
    <View className="card" id="nominate-form">
      <Text className="h2">我要提名</Text>
      <SuccessBox id="nominate-done" message={done} />
      <Text className="cn-step">第一步：提名当什么</Text>
      <Chips id="nominate-seat" label="提名的职位" options={choices} value={seat} onChange={setSeat} />
      <Text className="hint">每个职位，您提名的人数不能超过应选名额（{seats[seat]}名）。</Text>
      <Text className="cn-step">第二步：找到被提名人</Text>
      {nominee ? (
        <View id="nominee-chosen" className="cn-picked">
          <Text className="choice-title">
            被提名人：{nominee.name}（{nominee.groupName}）
          </Text>
          <Button id="nominee-change" className="btn btn-secondary" onClick={() => setNominee(null)}>
            换一个
          </Button>
        </View>
      ) : (
        <VoterPicker id="nominee-name" label="被提名人姓名" electionId={electionId} onPick={setNominee} error={fields.of('nominee-name')} />
      )}
      <Text className="cn-step">第三步：请别的选民联名（可以不填）</Text>
      {coSigners.map((c) => (
        <View key={c.residentId} className="cn-picked">
          <Text className="text">
            联名人：{c.name}（{c.groupName}）
          </Text>
          <Button
            id={`cosigner-remove-${c.residentId}`}
            className="btn btn-secondary"
            onClick={() => setCoSigners(coSigners.filter((x) => x.residentId !== c.residentId))}
          >
            去掉
          </Button>
        </View>
      ))}
      <VoterPicker
        id="cosigner-name"
        label="联名人姓名"
        electionId={electionId}
        onPick={(p) => {
          if (p.residentId !== nominee?.residentId && !coSigners.some((c) => c.residentId === p.residentId)) setCoSigners([...coSigners, p]);
        }}
      />
      <ErrorBox id="nominate-error" message={sending.error} />
      <Button id="nominate-submit" className="btn" disabled={sending.busy || undefined} onClick={() => void submit()}>
        {sending.busy ? '正在提交…' : '提交提名'}
      </Button>
    </View>
  );
}

/** 提名票数: accepted nominations per nominee, each seat most first. */
function Counts({ list }: { list: CandidateNominationList }) {
  return (
    <View className="card" id="nomination-counts">
      <Text className="h2">提名票数（被提名人已接受的）</Text>
      {list.counts.length === 0 ? <Text className="muted">还没有人接受提名。</Text> : null}
      {list.counts.map((c) => (
        <Text key={`${c.seat}-${c.residentId}`} className="text" id={`count-${c.seat}-${c.residentId}`}>
          {c.seatName}：{c.name}（{c.groupName}） {c.nominations}票
        </Text>
      ))}
    </View>
  );
}
