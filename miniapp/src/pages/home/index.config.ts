export default definePageConfig({ navigationBarTitleText: process.env.TARO_APP_NAME || '八珠街社区' });
