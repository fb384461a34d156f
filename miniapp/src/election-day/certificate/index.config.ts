export default definePageConfig({ navigationBarTitleText: '当选证书' });
