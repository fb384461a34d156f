export default definePageConfig({ navigationBarTitleText: '核验当选证书' });
