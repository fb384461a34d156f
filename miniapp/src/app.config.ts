const isWeapp = process.env.TARO_ENV === 'weapp';

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/service/index', 'pages/election/index', 'pages/me/index'],
  // Everything that is not a tab lives in a subpackage, so the main package stays small.
  subPackages: [
    { root: 'auth', pages: ['login/index', 'register/index', 'qr-confirm/index', 'privacy/index'] },
    { root: 'service', pages: ['new/index', 'list/index', 'detail/index'] },
    // verify: 公告核验, open to anyone without signing in.
    { root: 'notices', pages: ['list/index', 'detail/index', 'settings/index', 'compose/index', 'report/index', 'not-reached/index', 'verify/index'] },
    { root: 'proxy', pages: ['index/index', 'apply/index', 'queue/index', 'letter/index', 'verify/index'] },
    {
      root: 'staff',
      pages: [
        'index/index',
        'residents/index',
        'resident-new/index',
        'queue/index',
        'request/index',
        'dashboard/index',
        'file-for/index',
        'people/index',
        'password/index',
      ],
    },
    {
      root: 'election-day',
      pages: [
        'index/index',
        'candidates/index',
        'officials/index',
        'ballot/index',
        'cards/index',
        'desk/index',
        'tally/index',
        'results/index',
        'certificate/index',
        'verify/index',
      ],
    },
    // A group leader's workspace (我的小组).
    { root: 'group', pages: ['index/index'] },
    // Objections to the voter list and applications to take part: the resident's page and the committee's.
    { root: 'objections', pages: ['index/index', 'queue/index'] },
    // Candidates nominated by the voters: the voter's page and the committee's (确定正式候选人).
    { root: 'candidate-nominations', pages: ['index/index', 'committee/index'] },
    // The election committee's pages.
    { root: 'election', pages: ['manage/index', 'households/index', 'nominations/index', 'audit/index'] },
    // Consultations (征求意见): answer, enter at the door, build, results; the review report (回头检视).
    { root: 'consult', pages: ['list/index', 'answer/index', 'new/index', 'results/index', 'turnout/index', 'review/index'] },
    // The party branch (社区党支部): the organiser's pages, a member's own entry, the counters' entry, printed sheets.
    { root: 'party', pages: ['index/index', 'meeting/index', 'tally/index', 'results/index', 'ballot/index', 'paper/index', 'me/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f2f4f7',
    navigationBarBackgroundColor: '#0d47a1',
    navigationBarTitleText: process.env.TARO_APP_NAME || '八珠街社区',
    navigationBarTextStyle: 'white',
    // Also draws the title bar with a back arrow in H5 (Taro hides it there otherwise).
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#333333',
    selectedColor: '#0d47a1',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/service/index',
        text: '办事',
        iconPath: 'assets/tab/service.png',
        selectedIconPath: 'assets/tab/service-active.png',
      },
      {
        pagePath: 'pages/election/index',
        text: '选举',
        iconPath: 'assets/tab/election.png',
        selectedIconPath: 'assets/tab/election-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  // WeChat's privacy rules: privacy-guarded APIs (getPhoneNumber…) wait for the user's consent,
  // which the app asks for in its own popup (components/privacy-popup.tsx).
  ...(isWeapp ? { __usePrivacyCheck__: true } : {}),
});
