/**
 * What `npm run bench` measures: one entry per endpoint. An entry names the caller, the method,
 * the path (a function when it needs a record made first) and the body of a write. Entries whose
 * route is not in the registry (functions/routes.ts) on this branch are skipped, so an entry can
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
  // Elections, nominations, proxy votes and notices: one line each here once their routes exist.
];
