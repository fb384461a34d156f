export default definePageConfig({ navigationBarTitleText: '打印选票' });
