import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { electionDayApi } from '../api';
import '../election-day.css';
import { platform } from '../../platform';

const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The printable 当选证书 of one elected member; its QR code opens the verification page. */
export default function CertificatePage() {
  const { e, c } = useRouter().params;
  const { data: cert, error } = useLoad(async () => (e && c ? electionDayApi.certificate(e, c) : undefined));
  if (!cert) return <Page>{error ? <ErrorBox id="cert-error" message={error} /> : <Loading />}</Page>;
  return (
    <Page>
      <View className="no-print">
        <Tap
          id="cert-print"
          className="btn"
          onTap={() => {
            platform.printPage();
          }}
        >
          打印当选证书
        </Tap>
      </View>
      <View className="ed-paper ed-cert-paper">
        <View className="ed-cert" id="cert">
          <View className="ed-cert-title">当选证书</View>
          <View className="ed-cert-text">
            <Text id="cert-text">{cert.text}</Text>
          </View>
          <View className="ed-cert-text">
            <Text>特发此证。</Text>
          </View>
          <View className="ed-cert-foot">
            <View>
              <Text>{cert.issuer}</Text>
            </View>
            <View>
              <Text>{chineseDate(cert.electionDay)}</Text>
            </View>
          </View>
          <View className="ed-cert-check">
            <Image className="ed-cert-qr" src={cert.qrImage} ariaLabel="扫码核验这张证书" />
            <View className="ed-cert-note">
              <View>
                <Text className="ed-cert-no">证书编号：{cert.certificateNo}</Text>
              </View>
              <View>
                <Text id="cert-anchor">
                  核验码：{cert.anchor.code}（选举记录第{cert.anchor.seq}条）
                </Text>
              </View>
              <View>
                <Text>扫码，或在“公告核验”页输入核验码查验。</Text>
              </View>
            </View>
          </View>
        </View>
      </View>
    </Page>
  );
}
