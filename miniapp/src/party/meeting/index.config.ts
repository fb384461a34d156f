export default definePageConfig({ navigationBarTitleText: '选举会议' });
