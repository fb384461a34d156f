export default definePageConfig({ navigationBarTitleText: '选举结果' });
