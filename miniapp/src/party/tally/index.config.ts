export default definePageConfig({ navigationBarTitleText: '录入计票' });
