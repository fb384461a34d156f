export default definePageConfig({ navigationBarTitleText: '录入计票结果' });
