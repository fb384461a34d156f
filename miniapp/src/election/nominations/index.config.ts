export default definePageConfig({ navigationBarTitleText: '确认居民代表' });
