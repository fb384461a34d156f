export default definePageConfig({ navigationBarTitleText: '代居民办事' });
