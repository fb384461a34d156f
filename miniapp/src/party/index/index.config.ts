export default definePageConfig({ navigationBarTitleText: '党支部工作' });
