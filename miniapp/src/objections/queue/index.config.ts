export default definePageConfig({ navigationBarTitleText: '处理选民名单异议' });
