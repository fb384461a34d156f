export default definePageConfig({ navigationBarTitleText: '窗口登记居民' });
