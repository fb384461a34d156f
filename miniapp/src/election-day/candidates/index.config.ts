export default definePageConfig({ navigationBarTitleText: '候选人名单' });
