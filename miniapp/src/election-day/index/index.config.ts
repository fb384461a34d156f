export default definePageConfig({ navigationBarTitleText: '选举日' });
