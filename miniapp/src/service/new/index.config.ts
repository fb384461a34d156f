export default definePageConfig({ navigationBarTitleText: '提交办事申请' });
