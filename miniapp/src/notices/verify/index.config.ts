export default definePageConfig({ navigationBarTitleText: '公告核验' });
