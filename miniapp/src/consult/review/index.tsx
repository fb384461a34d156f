import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { isCommittee } from '../../api/labels';
import { useSession } from '../../api/session';
import { ErrorBox, Field, Loading, Page, TextField, toastDone } from '../../components/ui';
import { platform } from '../../platform';
import { consultApi, type ReviewReport } from '../api';
import '../consult.css';
import { electionsApi } from '../../api/elections';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const back90 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);

/**
 * 回头检视报告: the figures of an election and a period as the record holds them (each with what
 * it counts), the committee's own 经验, 短板 and 亮点, printed on A4 or exported as xlsx.
 */
export default function ReviewPage() {
  const { params } = useRouter();
  const committee = isCommittee(useSession().me?.account.roles);
  const [to, setTo] = useState(params.to ?? today());
  const [from, setFrom] = useState(params.from ?? back90(params.to ?? today()));
  const [asked, setAsked] = useState({ from, to });
  const loaded = useLoad(
    async () => {
      const electionId = params.electionId ?? (await electionsApi.current()).election?.id;
      if (!electionId) return null;
      return consultApi.review(electionId, asked.from, asked.to);
    },
    { filters: [asked.from, asked.to] },
  );
  const r = loaded.data;
  const exporting = useSubmit(() => consultApi.exportReview(r!.electionId, r!.from, r!.to));
  if (r === null) {
    return (
      <Page>
        <View className="card">
          <Text className="text">还没有选举，回头检视报告要选一次选举。</Text>
        </View>
      </Page>
    );
  }
  if (!r) return <Page>{loaded.error ? <ErrorBox id="review-error" message={loaded.error} onRetry={() => void loaded.reload()} /> : <Loading />}</Page>;
  return (
    <Page id="consult-review" className="cs-report">
      <View className="card no-print">
        <Field id="review-from" label="从（年-月-日）" value={from} onChange={setFrom} maxlength={10} />
        <Field id="review-to" label="到（年-月-日）" value={to} onChange={setTo} maxlength={10} />
        <Button id="review-apply" className="btn btn-secondary" onClick={() => setAsked({ from, to })}>
          按这个时间段重算
        </Button>
        <Button id="review-print" className="btn" onClick={() => platform.printPage()}>
          打印（A4）
        </Button>
        <Button id="review-export" className="btn btn-secondary" loading={exporting.busy} onClick={() => void exporting.submit()}>
          导出表格（xlsx）
        </Button>
        <ErrorBox id="review-export-error" message={exporting.error} />
      </View>
      <Text className="cs-report-title" id="review-title">
        {r.electionTitle}回头检视报告
      </Text>
      <Text className="muted" style={{ display: 'block', textAlign: 'center' }}>
        {r.from} 至 {r.to}（选举日 {r.electionDay}）
      </Text>
      {r.sections.map((s) => (
        <Section key={s.key} s={s} />
      ))}
      <OwnSections report={r} editable={committee} onSaved={() => void loaded.reload()} />
    </Page>
  );
}

function Section({ s }: { s: ReviewReport['sections'][number] }) {
  return (
    <View className="card" id={`review-${s.key}`}>
      <Text className="h2">{s.title}</Text>
      {s.figures.map((f) => (
        <View key={f.key} id={`fig-${f.key}`}>
          <View className="cs-figure">
            <Text>{f.label}</Text>
            <Text style={{ fontWeight: 'bold' }}>
              {f.value === null ? '—' : f.value}
              {f.unit}
            </Text>
          </View>
          <Text className="cs-source">来源：{f.source}</Text>
        </View>
      ))}
      {s.tables.map((t) => (
        <View key={t.key} id={`table-${s.key}-${t.key}`} style={{ marginTop: '16px' }}>
          <Text className="text" style={{ fontWeight: 'bold' }}>
            {t.title}
          </Text>
          {t.columns.length <= 4 ? (
            <>
              <View className="cs-table-row" style={{ fontWeight: 'bold' }}>
                {t.columns.map((c) => (
                  <Text key={c} className="cs-table-cell">
                    {c}
                  </Text>
                ))}
              </View>
              {t.rows.map((row, i) => (
                <View key={i} className="cs-table-row">
                  {row.map((v, k) => (
                    <Text key={k} className="cs-table-cell">
                      {v === null ? '—' : String(v)}
                    </Text>
                  ))}
                </View>
              ))}
            </>
          ) : (
            // Wide tables (a category's ten figures) read down the phone, one block a row.
            t.rows.map((row, i) => (
              <View key={i} className="cs-table-block">
                <Text className="text" style={{ fontWeight: 'bold', display: 'block' }}>
                  {String(row[0])}
                </Text>
                {row.slice(1).map((v, k) => (
                  <Text key={k} className="cs-table-pair">
                    {t.columns[k + 1]}：{v === null ? '—' : String(v)}
                  </Text>
                ))}
              </View>
            ))
          )}
          {!t.rows.length ? <Text className="muted">（无）</Text> : null}
          <Text className="cs-source">来源：{t.source}</Text>
        </View>
      ))}
    </View>
  );
}

function OwnSections({ report, editable, onSaved }: { report: ReviewReport; editable: boolean; onSaved: () => void }) {
  const [experience, setExperience] = useState(report.own.experience);
  const [shortcomings, setShortcomings] = useState(report.own.shortcomings);
  const [highlights, setHighlights] = useState(report.own.highlights);
  useEffect(() => {
    setExperience(report.own.experience);
    setShortcomings(report.own.shortcomings);
    setHighlights(report.own.highlights);
  }, [report.own]);
  const saving = useSubmit(() => consultApi.saveSections(report.electionId, { experience, shortcomings, highlights }));
  const save = async () => {
    if (await saving.submit()) {
      toastDone('已保存');
      onSaved();
    }
  };
  return (
    <>
      <View className="card" id="review-own">
        <Text className="h2">委员会总结</Text>
        {(
          [
            ['经验', report.own.experience],
            ['短板和整改', report.own.shortcomings],
            ['亮点', report.own.highlights],
          ] as const
        ).map(([k, v]) => (
          <View key={k} style={{ marginTop: '12px' }}>
            <Text className="text" style={{ fontWeight: 'bold', display: 'block' }}>
              {k}
            </Text>
            <Text className="text" style={{ display: 'block', whiteSpace: 'pre-wrap' }}>
              {v || '（还没写）'}
            </Text>
          </View>
        ))}
      </View>
      {editable ? (
        <View className="card no-print" id="review-edit">
          <TextField id="own-experience" label="经验" value={experience} onChange={setExperience} maxlength={5000} />
          <TextField id="own-shortcomings" label="短板和整改" value={shortcomings} onChange={setShortcomings} maxlength={5000} />
          <TextField id="own-highlights" label="亮点" value={highlights} onChange={setHighlights} maxlength={5000} />
          <ErrorBox id="own-error" message={saving.error} />
          <Button id="own-save" className="btn" loading={saving.busy} onClick={() => void save()}>
            保存总结
          </Button>
        </View>
      ) : null}
    </>
  );
}
