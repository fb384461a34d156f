import { Button, Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { proxyApi, statusName } from '../api';
import { qrDataUrl, verificationUrl } from '../qr';
import './index.css';
import { chinaDate } from '../../../../functions/_shared/china-time';
import { platform } from '../../platform';

const dayName = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const chinaDay = (iso: string | null) => (iso ? dayName(chinaDate(iso)) : '');

/**
 * The printable 委托书 (paper parity): both people, the election, the committee's approval, and a
 * QR code that opens this application's verification, so the polling station can check it is
 * still valid (not withdrawn) when the proxy hands it in.
 */
export default function ProxyLetter() {
  const { params } = useRouter();
  const electionId = params.electionId ?? '';
  const id = params.id ?? '';
  const loaded = useLoad(() => proxyApi.get(electionId, id));
  const code = useLoad(() => qrDataUrl(verificationUrl(electionId, id)));
  const app = loaded.data;
  const qr = code.data ?? '';
  const error = loaded.error || code.error;

  if (error)
    return (
      <Page>
        <ErrorBox id="letter-error" message={error} />
      </Page>
    );
  if (!app)
    return (
      <Page>
        <Loading />
      </Page>
    );
  const election = app.election;
  const approved = app.status === 'approved';

  return (
    <Page>
      {!approved ? (
        <Text id="letter-not-valid" className="notice-box no-print">
          这份委托现在的状态是“{statusName[app.status]}”，委托书只有批准后才有效。
        </Text>
      ) : null}
      <View className="letter" id="proxy-letter">
        <Text className="letter-title">委托投票书</Text>
        <Text className="letter-body" id="letter-body">
          本人{app.applicant.name}（{app.applicant.groupName}），是{election?.title ?? '本次选举'}的登记选民。因{app.reason}，选举日（
          {election ? dayName(election.electionDay) : ''}）不能到场投票，现委托本社区选民{app.proxy.name}（{app.proxy.groupName}）代为投票。
        </Text>
        <Text className="letter-line">
          委托人：{app.applicant.name}（{app.applicant.groupName}）
        </Text>
        <Text className="letter-line">
          受托人：{app.proxy.name}（{app.proxy.groupName}）
        </Text>
        <Text className="letter-line">选举：{election?.title}</Text>
        <Text className="letter-line">选举日：{election ? dayName(election.electionDay) : ''}</Text>
        <Text className="letter-line" id="letter-approval">
          {approved ? `选举委员会审批：已批准（${chinaDay(app.decidedAt)}）` : `选举委员会审批：${statusName[app.status]}`}
          {app.decisionNote ? `，${app.decisionNote}` : ''}
        </Text>
        <View className="letter-qr">
          {qr ? <Image id="letter-qr" className="letter-qr-image" src={qr} mode="aspectFit" ariaLabel="核验二维码" /> : null}
          <Text className="letter-qr-text">投票站工作人员扫码核验：这份委托是否已批准、是否已撤回。编号 {app.id.slice(-8)}</Text>
        </View>
        <View className="letter-sign">
          <Text>委托人（签字）：__________</Text>
          <Text>受托人（签字）：__________</Text>
        </View>
      </View>
      {platform.print ? (
        <Button id="letter-print" className="btn no-print" onClick={() => platform.printPage()}>
          打印委托书（A4）
        </Button>
      ) : (
        <Text className="muted no-print">请在电脑上打开“委托投票”打印委托书，或到社区便民服务窗口打印。</Text>
      )}
    </Page>
  );
}
