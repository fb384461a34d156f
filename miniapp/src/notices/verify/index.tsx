import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { chinaDate } from '../../../../functions/_shared/china-time';
import { badAnchorCode, normalizeAnchorCode } from '../../../../functions/audit/anchor-code';
import { useSubmit } from '../../api/hooks';
import { type AnchorCheck, noticesApi } from '../../api/notices';
import { ErrorBox, Field, Page } from '../../components/ui';
import './index.css';

/** How a sheet came to carry its code, in the answer's words. */
const madeAs: Record<string, string> = { notice: '公布', results_poster: '公布', certificate: '颁发' };

/** `2026年12月7日` in China time. */
function chineseDate(iso: string): string {
  const [y, m, d] = chinaDate(iso).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function answerText(answer: AnchorCheck): string {
  if (!answer.matches || !answer.at || !answer.label) return '不匹配：没有找到这个核验码，或记录已被改动。请联系乡镇人民政府。';
  return `匹配：这是${chineseDate(answer.at)}${madeAs[answer.what ?? ''] ?? '打印'}的“${answer.label}”上的核验码，记录未被改动。`;
}

/**
 * 公告核验: anyone, signed in or not, types the code printed on a notice, a list or a certificate
 * and reads in large words whether the community's election record still matches it. `?code=`
 * (the notice page's 核验此公告) fills the code in and checks at once.
 */
export default function NoticeVerifyPage() {
  const given = useRouter().params.code ?? '';
  const [code, setCode] = useState(decodeURIComponent(given));
  const [fieldError, setFieldError] = useState('');
  const [answer, setAnswer] = useState<AnchorCheck | null>(null);
  const checking = useSubmit(noticesApi.checkAnchor);

  const check = async (typed = code) => {
    setAnswer(null);
    const normal = normalizeAnchorCode(typed);
    if (!normal) {
      setFieldError(badAnchorCode);
      return;
    }
    setFieldError('');
    const reply = await checking.submit(normal);
    if (reply) setAnswer(reply);
  };

  // Opened from a notice (核验此公告): the code is checked once, at once.
  useEffect(() => {
    if (given) void check(decodeURIComponent(given));
  }, []);

  return (
    <Page className="verify-page">
      <Text className="title">公告核验</Text>
      <Text className="text verify-intro">选举公告、名单和当选证书上印有10位核验码。输入核验码，就能查验它和社区的选举记录是否一致。</Text>
      <View className="verify-code">
        <Field
          id="verify-code"
          label="输入公告或证书上的核验码"
          value={code}
          onChange={(v) => {
            setCode(v);
            setAnswer(null);
          }}
          placeholder="例如 3f9a2c01bd"
          hint="10位，由数字和字母a-f组成，不分大小写"
          maxlength={20}
          error={fieldError}
          onSubmit={() => void check()}
        />
      </View>
      <Button id="verify-submit" className="btn verify-button" disabled={checking.busy || undefined} onClick={() => void check()}>
        {checking.busy ? '正在核验…' : '核验'}
      </Button>
      <ErrorBox id="verify-error" message={checking.error} onRetry={() => void check()} />
      <View id="verify-answer" className="verify-answer-slot" {...({ role: 'status', 'aria-live': 'polite' } as object)}>
        {answer ? (
          <View className={`verify-answer ${answer.matches ? 'verify-match' : 'verify-mismatch'}`} data-matches={String(answer.matches)}>
            <Text className="verify-mark">{answer.matches ? '✓' : '✗'}</Text>
            <Text className="verify-words">{answerText(answer)}</Text>
          </View>
        ) : null}
      </View>
    </Page>
  );
}
