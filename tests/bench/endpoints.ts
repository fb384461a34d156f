import { jpegWithGps } from '../support/photos.js';

/**
 * What `npm run bench` measures: one entry per endpoint. An entry names the caller, the method,
 * the path (a function when it needs a record made first) and the body of a write. An entry whose
 * route is not in the registry (functions/_entry/routes.ts), or whose set-up or captured call
 * fails, stops the bench: a missing row would read as a met goal.
 */
export type Caller = 'anonymous' | 'staff' | 'leader' | 'resident' | 'organizer';

export interface BenchSetup {
  /** Calls the API in-process as the given caller; throws on a 4xx/5xx. */
  // biome-ignore lint/suspicious/noExplicitAny: replies of any endpoint
  api(as: Caller, method: string, path: string, body?: unknown): Promise<any>;
  /** Uploads a photo (POST /api/attachments) as the given caller; its id. */
  upload(as: Caller, bytes: Buffer): Promise<string>;
}

export interface BenchEndpoint {
  name: string;
  as: Caller;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The request path; a function when it needs records made first (called once). */
  path: string | ((setup: BenchSetup) => Promise<string>);
  body?: unknown;
  /** The status every answer must have under load; any 2xx unless said (a signed link's 302). */
  status?: number;
}

/** A queue worth paging through: 200 requests, made once and shared by the entries below. */
let sample: Promise<string> | undefined;
/** A fixed path, once `sample` has made the records it reads. */
const after = (sample: (setup: BenchSetup) => Promise<unknown>, path: string) => async (setup: BenchSetup) => {
  await sample(setup);
  return path;
};

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

/**
 * The sample election further on: eight candidates (two a seat for director and deputy, four for
 * members; the committee's view sorts them by stroke order), group 1's two representatives
 * nominated by its leader and one of them confirmed, and the resident's entrustment of the leader
 * awaiting approval (the committee's list then weighs its checks). Made once.
 */
let electionUnderWay: Promise<string> | undefined;
const sampleElectionUnderWay = (setup: BenchSetup) => {
  electionUnderWay ??= (async () => {
    const id = await sampleElection(setup);
    const voters = (await setup.api('staff', 'GET', `/api/elections/${id}/voters?limit=40`)).items as { residentId: string; name: string }[];
    const leader = (await setup.api('leader', 'GET', '/api/me')).resident.id as string;
    const resident = (await setup.api('resident', 'GET', '/api/me')).resident.id as string;
    const others = voters.filter((v) => v.residentId !== leader && v.residentId !== resident).slice(0, 8);
    const seats = ['director', 'director', 'deputyDirector', 'deputyDirector', 'members', 'members', 'members', 'members'];
    for (const [i, v] of others.entries()) await setup.api('staff', 'POST', `/api/elections/${id}/candidates`, { residentId: v.residentId, seat: seats[i] });
    const first = await setup.api('leader', 'POST', `/api/elections/${id}/nominations`, { residentId: resident });
    await setup.api('leader', 'POST', `/api/elections/${id}/nominations`, { residentId: leader });
    await setup.api('staff', 'POST', `/api/elections/${id}/nominations/${first.id}/confirm`);
    await setup.api('resident', 'POST', `/api/elections/${id}/proxy-applications`, { proxyResidentId: leader, reason: '基准测试：外出务工' });
    return id;
  })();
  return electionUnderWay;
};

/**
 * A second election (a day later, so the first stays current) whose voter list is published: the
 * objection and nomination windows are open. The resident and the leader each object to a detail
 * and nominate the other, who accepts. Made once.
 */
let lifecycle: Promise<string> | undefined;
const sampleLifecycle = (setup: BenchSetup) => {
  lifecycle ??= (async () => {
    const e = await setup.api('staff', 'POST', '/api/elections', {
      title: '基准测试选举（提名与异议）',
      electionDay: '2099-12-21',
      seats: { director: 1, deputyDirector: 1, members: 3 },
    });
    await setup.api('staff', 'POST', `/api/elections/${e.id}/voters`, { all: true });
    await setup.api('staff', 'POST', `/api/elections/${e.id}/voter-list/publish`, {});
    const leader = (await setup.api('leader', 'GET', '/api/me')).resident.id as string;
    const resident = (await setup.api('resident', 'GET', '/api/me')).resident.id as string;
    for (const as of ['resident', 'leader'] as const) {
      await setup.api(as, 'POST', `/api/elections/${e.id}/objections`, { kind: 'wrong_details', reason: '基准测试：名单上的出生日期写错了' });
    }
    const a = await setup.api('resident', 'POST', `/api/elections/${e.id}/candidate-nominations`, { nomineeResidentId: leader, seat: 'members' });
    await setup.api('leader', 'POST', `/api/elections/${e.id}/candidate-nominations/${a.id}/answer`, { accept: true });
    const b = await setup.api('leader', 'POST', `/api/elections/${e.id}/candidate-nominations`, { nomineeResidentId: resident, seat: 'director' });
    await setup.api('resident', 'POST', `/api/elections/${e.id}/candidate-nominations/${b.id}/answer`, { accept: true });
    return e.id as string;
  })();
  return lifecycle;
};

/** The resident's request with three photos (pending WeChat's check: its uploader and staff see them). Made once. */
let photo: Promise<{ requestId: string; photoId: string }> | undefined;
const samplePhotos = (setup: BenchSetup) => {
  photo ??= (async () => {
    const bytes = await jpegWithGps(1200, 900);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await setup.upload('resident', bytes));
    const request = await setup.api('resident', 'POST', '/api/service-requests', {
      categoryCode: 'other',
      description: '楼道灯坏了，照片在附件里',
      attachmentIds: ids,
    });
    return { requestId: request.id as string, photoId: ids[0]! };
  })();
  return photo;
};

/** The branch's roster of twenty full members, entered by the organiser. Made once. */
let roster: Promise<void> | undefined;
const sampleRoster = (setup: BenchSetup) => {
  roster ??= (async () => {
    const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
    for (const [i, surname] of [...surnames].entries()) {
      await setup.api('organizer', 'POST', '/api/party/members', {
        name: `${surname}党员`,
        status: 'full',
        admittedOn: `${1990 + i}-07-01`,
        fullOn: `${1991 + i}-07-01`,
      });
    }
  })();
  return roster;
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
  { name: 'GET /api/health/ready', as: 'anonymous', method: 'GET', path: '/api/health/ready' },
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
    path: after(sampleRequest, '/api/service-requests?limit=20'),
  },
  { name: 'GET /api/service-requests/{id}', as: 'staff', method: 'GET', path: async (s) => `/api/service-requests/${await sampleRequest(s)}` },
  {
    name: 'GET /api/service-requests?sort=urgency (queue)',
    as: 'staff',
    method: 'GET',
    path: after(sampleRequest, '/api/service-requests?sort=urgency&limit=20'),
  },
  {
    name: 'GET /api/elections/current',
    as: 'resident',
    method: 'GET',
    path: after(sampleElection, '/api/elections/current'),
  },
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
  {
    name: 'GET /api/notices',
    as: 'resident',
    method: 'GET',
    path: after(sampleNotice, '/api/notices?limit=20'),
  },
  { name: 'GET /api/subscriptions', as: 'resident', method: 'GET', path: '/api/subscriptions' },
  {
    name: 'GET /api/consultations',
    as: 'resident',
    method: 'GET',
    path: after(sampleConsultation, '/api/consultations'),
  },
  {
    name: 'GET /api/consultations/{id}/results',
    as: 'staff',
    method: 'GET',
    path: async (s) => `/api/consultations/${await sampleConsultation(s)}/results`,
  },
  { name: 'GET /api/reviews', as: 'staff', method: 'GET', path: async (s) => `/api/reviews?electionId=${await sampleElection(s)}` },
  {
    name: 'GET /api/elections/{id}/candidates (committee, 8 candidates)',
    as: 'staff',
    method: 'GET',
    path: async (s) => `/api/elections/${await sampleElectionUnderWay(s)}/candidates`,
  },
  {
    name: 'GET /api/elections/{id}/nominations (2 representatives)',
    as: 'resident',
    method: 'GET',
    path: async (s) => `/api/elections/${await sampleElectionUnderWay(s)}/nominations`,
  },
  {
    name: 'GET /api/elections/{id}/me (nominated, entrusting)',
    as: 'resident',
    method: 'GET',
    path: async (s) => `/api/elections/${await sampleElectionUnderWay(s)}/me`,
  },
  {
    name: 'GET /api/elections/{id}/proxy-applications (one to decide)',
    as: 'staff',
    method: 'GET',
    path: async (s) => `/api/elections/${await sampleElectionUnderWay(s)}/proxy-applications`,
  },
  { name: 'GET /api/elections/{id}/steps', as: 'staff', method: 'GET', path: async (s) => `/api/elections/${await sampleLifecycle(s)}/steps` },
  { name: 'GET /api/elections/{id}/objections', as: 'staff', method: 'GET', path: async (s) => `/api/elections/${await sampleLifecycle(s)}/objections` },
  {
    name: 'GET /api/elections/{id}/candidate-nominations',
    as: 'resident',
    method: 'GET',
    path: async (s) => `/api/elections/${await sampleLifecycle(s)}/candidate-nominations`,
  },
  {
    name: 'GET /api/party/members',
    as: 'organizer',
    method: 'GET',
    path: after(sampleRoster, '/api/party/members'),
  },
  {
    name: 'GET /api/service-requests/{id} (3 photos)',
    as: 'resident',
    method: 'GET',
    path: async (s) => `/api/service-requests/${(await samplePhotos(s)).requestId}`,
  },
  {
    name: 'GET /api/attachments/{id} (signed link)',
    as: 'resident',
    method: 'GET',
    status: 302,
    path: async (s) => `/api/attachments/${(await samplePhotos(s)).photoId}?size=thumb`,
  },
];
