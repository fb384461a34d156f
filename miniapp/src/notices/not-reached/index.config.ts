export default definePageConfig({ navigationBarTitleText: '没收到消息的居民' });
