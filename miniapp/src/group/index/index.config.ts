export default definePageConfig({ navigationBarTitleText: '我的小组' });
