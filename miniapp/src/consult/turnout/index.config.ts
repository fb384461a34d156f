export default definePageConfig({ navigationBarTitleText: '谁还没答' });
