export default definePageConfig({ navigationBarTitleText: '回头检视报告' });
