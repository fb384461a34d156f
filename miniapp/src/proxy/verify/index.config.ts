export default definePageConfig({ navigationBarTitleText: '委托核验' });
