export default definePageConfig({ navigationBarTitleText: '选民证' });
