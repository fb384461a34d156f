export default definePageConfig({ navigationBarTitleText: '选民名单异议' });
