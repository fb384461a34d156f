import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { getToken } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { formatTime } from '../../api/labels';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { proxyApi, statusName } from '../api';

/**
 * What the 委托书's QR code opens: the application's status now, for the polling station (the
 * committee) or the two people it names. Anyone else signed in gets "not found".
 */
export default function ProxyVerify() {
  const { params } = useRouter();
  const loaded = useLoad(() => proxyApi.get(params.electionId ?? '', params.id ?? ''), { onShow: false });
  const app = loaded.data;
  const error = loaded.error;

  useDidShow(() => {
    const route = `/proxy/verify/index?electionId=${params.electionId ?? ''}&id=${params.id ?? ''}`;
    if (!getToken()) {
      Taro.redirectTo({ url: `/auth/login/index?redirect=${encodeURIComponent(route)}` });
      return;
    }
    void loaded.reload();
  });

  if (error)
    return (
      <Page>
        <ErrorBox id="verify-error" message={error} />
      </Page>
    );
  if (!app)
    return (
      <Page>
        <Loading />
      </Page>
    );
  const valid = app.status === 'approved';
  return (
    <Page>
      <View className="card" id="verify-result">
        <Text id="verify-status" className={valid ? 'ok-line' : 'bad-line'}>
          {valid ? '✓ 委托有效：已批准' : `✗ 委托无效：${statusName[app.status]}`}
        </Text>
        <Text className="text">
          委托人：{app.applicant.name}（{app.applicant.groupName}）
        </Text>
        <Text className="text">
          受托人：{app.proxy.name}（{app.proxy.groupName}）
        </Text>
        {app.election ? (
          <Text className="text">
            选举：{app.election.title}（{app.election.electionDay}）
          </Text>
        ) : null}
        {app.decidedAt ? <Text className="muted">审批时间：{formatTime(app.decidedAt)}</Text> : null}
        {app.withdrawnAt ? <Text className="muted">撤回时间：{formatTime(app.withdrawnAt)}</Text> : null}
      </View>
    </Page>
  );
}
