export default definePageConfig({ navigationBarTitleText: '八珠街社区' });
