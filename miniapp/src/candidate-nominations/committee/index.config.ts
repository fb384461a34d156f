export default definePageConfig({ navigationBarTitleText: '确定正式候选人' });
