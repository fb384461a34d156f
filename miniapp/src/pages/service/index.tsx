import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { getToken } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { serviceApi } from '../../api/service-requests';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';

export default function ServicePage() {
  const [signedIn, setSignedIn] = useState(false);
  const loaded = useLoad(serviceApi.categories, { onShow: false });
  const categories = loaded.data?.items ?? null;
  const error = loaded.error;

  const load = () => {
    const has = !!getToken();
    setSignedIn(has);
    if (has) void loaded.reload();
  };
  useDidShow(load);

  if (!signedIn) {
    return (
      <Page>
        <View className="card">
          <Text className="h2">便民服务窗口</Text>
          <Text className="text">社保、低保、就业、开证明……在手机上就能找社区办。请先登录。</Text>
          <Button
            id="service-login"
            className="btn"
            onClick={() => Taro.navigateTo({ url: `/auth/login/index?redirect=${encodeURIComponent('/pages/service/index')}` })}
          >
            登录
          </Button>
        </View>
      </Page>
    );
  }

  return (
    <Page>
      <Text className="h2">您要办什么事？点一下：</Text>
      <ErrorBox id="service-error" message={error} onRetry={error ? load : undefined} />
      {!categories && !error ? <Loading /> : null}
      <View className="tiles">
        {(categories ?? []).map((c) => (
          <Tap
            key={c.code}
            id={`cat-${c.code}`}
            className="tile"
            label={c.slaHours ? `${c.name}，一般 ${formatSla(c.slaHours)}内办好` : c.name}
            onTap={() => Taro.navigateTo({ url: `/service/new/index?code=${encodeURIComponent(c.code)}` })}
          >
            <Text className="tile-name">{c.name}</Text>
            <Text className="tile-sub">{c.slaHours ? `一般 ${formatSla(c.slaHours)}内办好` : ''}</Text>
          </Tap>
        ))}
      </View>
      <Button id="my-requests" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/service/list/index' })}>
        查看我办的事
      </Button>
    </Page>
  );
}

function formatSla(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24} 天` : `${hours} 小时`;
}
