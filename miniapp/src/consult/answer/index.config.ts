export default definePageConfig({ navigationBarTitleText: '回答征求意见' });
