export default definePageConfig({ navigationBarTitleText: '选举记录核验' });
