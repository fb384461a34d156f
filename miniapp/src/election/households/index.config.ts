export default definePageConfig({ navigationBarTitleText: '按户登记选民' });
