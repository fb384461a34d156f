import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ApiError, getToken } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { type Certificate, electionDayApi, go } from '../api';
import '../election-day.css';

/** Where a certificate's QR code leads: the record says whether this person was elected, to what. */
export default function VerifyPage() {
  const { e, c } = useRouter().params;
  const signedIn = !!getToken();
  // null: the record has no such certificate.
  const loaded = useLoad(async (): Promise<Certificate | null | undefined> => {
    if (!e || !c || !signedIn) return undefined;
    try {
      return await electionDayApi.certificate(e, c);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  });
  const { data: cert, error } = loaded;
  const missing = cert === null;
  if (!signedIn) {
    return (
      <Page>
        <View className="card">
          <Text className="text">登录后即可核验当选证书。</Text>
          <Tap
            id="verify-login"
            className="btn"
            onTap={() => go(`/auth/login/index?redirect=${encodeURIComponent(`/election-day/verify/index?e=${e}&c=${c}`)}`)}
          >
            登录
          </Tap>
        </View>
      </Page>
    );
  }
  if (missing) {
    return (
      <Page>
        <View className="card ed-warn" id="verify-bad">
          选举记录中没有这张证书。请联系社区选举委员会。
        </View>
      </Page>
    );
  }
  if (!cert) return <Page>{error ? <ErrorBox id="verify-error" message={error} /> : <Loading />}</Page>;
  return (
    <Page>
      <View className="card" id="verify-ok">
        <Text className="ed-good ed-big">✓ 证书与选举记录相符</Text>
        <View className="text">
          {cert.name}，当选{cert.communityName}居民委员会{cert.seatName}（得{cert.votes}票）
        </View>
        <View className="text">
          {cert.electionTitle}，选举日{cert.electionDay}
        </View>
        <View className="text">证书编号：{cert.certificateNo}</View>
        <View className="muted">颁发：{cert.issuer}</View>
        {cert.resultsPublishedAt ? <View className="muted">选举结果公布于{cert.resultsPublishedAt.slice(0, 10)}</View> : null}
      </View>
    </Page>
  );
}
