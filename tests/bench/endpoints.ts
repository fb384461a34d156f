/**
 * What `npm run bench` measures: one entry per endpoint. An entry names the caller, the method,
 * the path (a function when it needs a record made first) and the body of a write. Entries whose
 * route is not in the registry (functions/_entry/routes.ts) on this branch are skipped, so an entry can
 * land before its endpoint does.
 */
export type Caller = 'anonymous' | 'staff' | 'leader' | 'resident';

export interface BenchSetup {
  /** Calls the API in-process as the given caller; throws on a 4xx/5xx. */
  // biome-ignore lint/suspicious/noExplicitAny: replies of any endpoint
  api(as: Caller, method: string, path: string, body?: unknown): Promise<any>;
}

export interface BenchEndpoint {
  name: string;
  as: Caller;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The request path; a function when it needs records made first (called once). */
  path: string | ((setup: BenchSetup) => Promise<string>);
  body?: unknown;
}

/** A queue worth paging through: 200 requests, made once and shared by the entries below. */
let sample: Promise<string> | undefined;
const sampleRequest = (setup: BenchSetup) => {
  sample ??= (async () => {
    for (let i = 0; i < 200; i++) await setup.api('staff', 'POST', '/api/service-requests', { categoryCode: 'other', description: `预置申请 ${i}` });
    return (await setup.api('staff', 'GET', '/api/service-requests?limit=1')).items[0].id as string;
  })();
  return sample;
};

/** An election with every eligible resident registered, made once. */
let election: Promise<string> | undefined;
const sampleElection = (setup: BenchSetup) => {
  election ??= (async () => {
    const e = await setup.api('staff', 'POST', '/api/elections', {
      title: '基准测试选举',
      electionDay: '2099-12-20',
      seats: { director: 1, deputyDirector: 1, members: 3 },
    });
    await setup.api('staff', 'POST', `/api/elections/${e.id}/voters`, { all: true });
    return e.id as string;
  })();
  return election;
};

/** Twenty published notices, made once. */
let notice: Promise<void> | undefined;
const sampleNotice = (setup: BenchSetup) => {
  notice ??= (async () => {
    for (let i = 0; i < 20; i++)
      await setup.api('staff', 'POST', '/api/notices', { category: 'community', title: `社区通知 ${i}`, body: '本周六上午打扫楼道卫生。' });
  })();
  return notice;
};

/** A whole-community consultation open for a year, answered by the resident, made once. */
let consultation: Promise<string> | undefined;
const sampleConsultation = (setup: BenchSetup) => {
  consultation ??= (async () => {
    const now = Date.now();
    const c = await setup.api('staff', 'POST', '/api/consultations', {
      title: '基准测试征求意见',
      purpose: '基准测试',
      questions: [
        { kind: 'single', text: '同意吗', options: ['同意', '不同意'] },
        { kind: 'scale', text: '打分' },
        { kind: 'text', text: '建议' },
      ],
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 365 * 86_400_000).toISOString(),
    });
    await setup.api('resident', 'PUT', `/api/consultations/${c.id}/answer`, { answers: [{ option: 0 }, { value: 4 }, { text: '好' }] });
    return c.id as string;
  })();
  return consultation;
};

export const endpoints: BenchEndpoint[] = [
  { name: 'GET /api/health', as: 'anonymous', method: 'GET', path: '/api/health' },
  { name: 'GET /api/community', as: 'resident', method: 'GET', path: '/api/community' },
  { name: 'GET /api/me', as: 'resident', method: 'GET', path: '/api/me' },
  {
    name: 'POST /api/service-requests',
    as: 'staff',
    method: 'POST',
    path: '/api/service-requests',
    body: { categoryCode: 'sanitation', description: '路灯坏了，晚上很黑' },
  },
  {
    name: 'GET /api/service-requests',
    as: 'staff',
    method: 'GET',
    path: async (s) => {
      await sampleRequest(s);
      return '/api/service-requests?limit=20';
    },
  },
  { name: 'GET /api/service-requests/{id}', as: 'staff', method: 'GET', path: async (s) => `/api/service-requests/${await sampleRequest(s)}` },
  {
    name: 'GET /api/service-requests?sort=urgency (queue)',
    as: 'staff',
    method: 'GET',
    path: async (s) => (await sampleRequest(s), '/api/service-requests?sort=urgency&limit=20'),
  },
  { name: 'GET /api/elections/current', as: 'resident', method: 'GET', path: async (s) => (await sampleElection(s), '/api/elections/current') },
  { name: 'GET /api/elections/{id}/me', as: 'resident', method: 'GET', path: async (s) => `/api/elections/${await sampleElection(s)}/me` },
  { name: 'GET /api/elections/{id}/voters', as: 'staff', method: 'GET', path: async (s) => `/api/elections/${await sampleElection(s)}/voters?limit=20` },
  { name: 'GET /api/elections/{id}/nominations', as: 'resident', method: 'GET', path: async (s) => `/api/elections/${await sampleElection(s)}/nominations` },
  {
    name: 'GET /api/elections/{id}/proxy-applications',
    as: 'staff',
    method: 'GET',
    path: async (s) => `/api/elections/${await sampleElection(s)}/proxy-applications`,
  },
  { name: 'GET /api/elections/{id}/candidates', as: 'resident', method: 'GET', path: async (s) => `/api/elections/${await sampleElection(s)}/candidates` },
  { name: 'GET /api/notices', as: 'resident', method: 'GET', path: async (s) => (await sampleNotice(s), '/api/notices?limit=20') },
  { name: 'GET /api/subscriptions', as: 'resident', method: 'GET', path: '/api/subscriptions' },
  {
    name: 'GET /api/consultations',
    as: 'resident',
    method: 'GET',
    path: async (s) => {
      await sampleConsultation(s);
      return '/api/consultations';
    },
  },
  {
    name: 'GET /api/consultations/{id}/results',
    as: 'staff',
    method: 'GET',
    path: async (s) => `/api/consultations/${await sampleConsultation(s)}/results`,
  },
  { name: 'GET /api/reviews', as: 'staff', method: 'GET', path: async (s) => `/api/reviews?electionId=${await sampleElection(s)}` },
];
