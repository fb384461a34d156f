export default definePageConfig({ navigationBarTitleText: '请示和报告' });
