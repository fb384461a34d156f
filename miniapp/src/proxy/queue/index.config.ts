export default definePageConfig({ navigationBarTitleText: '审批委托投票' });
