export default definePageConfig({ navigationBarTitleText: '选举工作人员' });
