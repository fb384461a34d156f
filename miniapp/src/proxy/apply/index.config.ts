export default definePageConfig({ navigationBarTitleText: '申请委托投票' });
