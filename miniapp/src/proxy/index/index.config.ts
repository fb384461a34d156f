export default definePageConfig({ navigationBarTitleText: '委托投票' });
