import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ApiError, getToken, messageOf } from '../../api/client';
import { ErrorBox, Loading } from '../../components/ui';
import { type Certificate, edApi, go } from '../api';
import { Tap } from '../tap';
import '../election-day.css';

/** Where a certificate's QR code leads: the record says whether this person was elected, to what. */
export default function VerifyPage() {
  const { e, c } = useRouter().params;
  const [error, setError] = useState('');
  const [cert, setCert] = useState<Certificate | null>(null);
  const [missing, setMissing] = useState(false);
  const signedIn = !!getToken();
  useEffect(() => {
    if (e && c && signedIn)
      edApi
        .certificate(e, c)
        .then(setCert)
        .catch((err: unknown) => (err instanceof ApiError && err.status === 404 ? setMissing(true) : setError(messageOf(err))));
  }, [e, c, signedIn]);
  if (!signedIn) {
    return (
      <View className="page">
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
      </View>
    );
  }
  if (missing) {
    return (
      <View className="page">
        <View className="card ed-warn" id="verify-bad">
          选举记录中没有这张证书。请联系社区选举委员会。
        </View>
      </View>
    );
  }
  if (!cert) return <View className="page">{error ? <ErrorBox id="verify-error" message={error} /> : <Loading />}</View>;
  return (
    <View className="page">
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
    </View>
  );
}
