import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad, useSubmit } from '../../api/hooks';
import { isCommittee, isStaff } from '../../api/labels';
import { useSession } from '../../api/session';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { type ConsultationResults, consultApi, stateName, whenZh } from '../api';
import '../consult.css';

type QuestionResult = ConsultationResults['questions'][number];

/** The results: a bar for each choice, the spread of each scale, what people wrote, and who answered in each group. */
export default function ResultsPage() {
  const id = useRouter().params.id ?? '';
  const roles = useSession().me?.account.roles;
  const office = isStaff(roles) || isCommittee(roles);
  const loaded = useLoad(() => consultApi.results(id), { filters: [id] });
  const exporting = useSubmit(() => consultApi.exportResults(id, loaded.data?.title ?? '征求意见结果'));
  const r = loaded.data;
  if (!r) return <Page>{loaded.error ? <ErrorBox id="results-error" message={loaded.error} onRetry={() => void loaded.reload()} /> : <Loading />}</Page>;
  const unit = r.per === 'household' ? '户' : '人';
  return (
    <Page id="consult-results">
      <View className="card">
        <Text className="h2">{r.title}</Text>
        <Text className="muted">
          {stateName[r.state]}，{whenZh(r.closesAt)}截止{r.anonymous ? '，不记名' : ''}
        </Text>
        <Text id="results-turnout" className="stat-value">
          {r.answered} / {r.audience} {unit}
        </Text>
        <Text className="text">
          已回答 {r.answered} {unit}，应答 {r.audience} {unit}
          {r.audience ? `（${Math.round((r.answered / r.audience) * 100)}%）` : ''}
        </Text>
        {office ? (
          <Button id="results-export" className="btn btn-secondary" loading={exporting.busy} onClick={() => void exporting.submit()}>
            导出表格（xlsx）
          </Button>
        ) : null}
        <ErrorBox id="results-export-error" message={exporting.error} />
      </View>
      {r.questions.map((q, i) => (
        <QuestionChart key={i} i={i} q={q} />
      ))}
      <View className="card" id="results-groups">
        <Text className="h2">各组回答情况</Text>
        {r.byGroup.map((g) => (
          <View key={g.groupId}>
            <Bar id={`group-${g.groupId}`} label={g.groupName} n={g.answered} of={g.audience} suffix={`${g.answered}/${g.audience}`} kind="cs-bar-group" />
            {g.answered ? (
              <Text className="text" id={`group-${g.groupId}-answers`} style={{ display: 'block', marginBottom: '16px' }}>
                {groupLine(r, g.questions)}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </Page>
  );
}

/** A group's answers in a line: each scale's mean, and the choice most picked in each single or multiple question. */
function groupLine(r: ConsultationResults, qs: ConsultationResults['byGroup'][number]['questions']): string {
  return r.questions
    .map((q, i) => {
      const g = qs[i];
      if (!g || q.kind === 'text') return '';
      if (q.kind === 'scale') return g.mean === null ? '' : `第${i + 1}题平均${g.mean}分`;
      const top = Math.max(...g.counts);
      return top > 0 ? `第${i + 1}题最多选“${q.options[g.counts.indexOf(top)]}”（${top}）` : '';
    })
    .filter(Boolean)
    .join('；');
}

function Bar({ id, label, n, of, suffix, kind = '' }: { id?: string; label: string; n: number; of: number; suffix: string; kind?: string }) {
  const pct = of > 0 ? Math.round((n / of) * 100) : 0;
  return (
    <View className="cs-bar-row" id={id} {...({ role: 'img', 'aria-label': `${label}：${suffix}` } as object)}>
      <View className="cs-bar-label">
        <Text>{label}</Text>
        <Text>{suffix}</Text>
      </View>
      <View className="cs-bar-track">
        <View className={`cs-bar ${kind}`} style={{ width: `${pct}%` }} />
      </View>
    </View>
  );
}

function QuestionChart({ i, q }: { i: number; q: QuestionResult }) {
  const total = q.answered;
  return (
    <View className="card" id={`chart-${i}`}>
      <Text className="cs-question">
        {i + 1}. {q.text}
      </Text>
      <Text className="muted">
        {total} 份回答{q.kind === 'multiple' ? '（可多选）' : ''}
        {q.mean !== null ? `，平均 ${q.mean} 分` : ''}
      </Text>
      {q.kind !== 'text'
        ? q.counts.map((n, k) => (
            <Bar
              key={k}
              id={`chart-${i}-${k}`}
              label={q.kind === 'scale' ? `${k + 1} 分${q.options[k] && !q.options[k]!.endsWith('分') ? ` ${q.options[k]}` : ''}` : (q.options[k] ?? '')}
              n={n}
              of={total}
              suffix={`${n} 票${total ? `（${Math.round((n / total) * 100)}%）` : ''}`}
              kind={q.kind === 'scale' ? 'cs-bar-scale' : ''}
            />
          ))
        : null}
      {q.kind === 'text' && !q.texts.length ? <Text className="text">还没有人写。</Text> : null}
      {q.texts.map((t, k) => (
        <Text key={k} className="cs-text-item">
          {t}
        </Text>
      ))}
    </View>
  );
}
