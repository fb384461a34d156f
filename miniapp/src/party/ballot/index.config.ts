export default definePageConfig({ navigationBarTitleText: '选票' });
