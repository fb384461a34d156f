export default definePageConfig({ navigationBarTitleText: '待审核居民' });
