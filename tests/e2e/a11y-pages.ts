import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../functions/_shared/china-time.js';
import { electionDayStage } from '../api/election-day-support.js';
import { partyStage } from '../api/party-branch-support.js';
import { daysBefore } from '../support/election-steps.js';
import { a11yContext, axeViolations, CARE, customFindings, type Finding, fullShot, NORMAL, narrowLines, setDefaultFontSize, settle } from './a11y.js';
import { DEMO, startApp, type TestServer } from './app.js';
import { browserAvailability, screenshotDir } from './browser.js';
import { fakeIdNumber, fakePhone } from './id-number.js';

const { run } = browserAvailability();
/** Save every visit's screenshot (to look at the pages); without it, only a visit that found something is saved. */
const SCREENSHOTS = process.env.SCREENSHOTS === '1';

/**
 * Every page of the app, as each kind of user sees it, checked for accessibility (issue 9).
 *
 * ADDING A PAGE IS ONE LINE in `pages` below: a name (the screenshot's name), who is signed in,
 * the route (or a function that makes the state and returns the route), the element that says
 * the page is ready, and optionally `act` (what to do on the page first, e.g. press 提交 to
 * see the field errors) and `wide` (staff pages, also checked at 1280 px).
 *
 * Each page is visited at 375 px in normal mode and in care mode (大字模式), staff pages also at
 * 1280 px, and at 375 px also with the browser's text at 24 px; each visit runs
 * axe-core (no serious or critical violation) and the checks in ./a11y.ts (clickables
 * focusable with a role and a name, inputs labelled, no text under 17/22 px, no target under
 * 44/60 px, nothing wider than the window). `SCREENSHOTS=1` saves every visit's screenshot as
 * tests/e2e/screenshots/a11y/<name>-<375|1280>-<normal|care>[-24px].png (a visit that found
 * something is always saved).
 */

type Who = 'nobody' | 'resident' | 'staff' | 'newcomer' | 'leader';

interface Fixture {
  server: TestServer;
  token: (who: Who) => Promise<string | undefined>;
  /** A request filed by resident1, taken to a given status by staff; its id. */
  request: (status: 'submitted' | 'resolved' | 'rejected') => Promise<string>;
  /** A fresh account with a pending claim (so 待审核居民 has someone), its token. */
  pendingClaim: () => Promise<string>;
  /** A fresh account whose claim staff returned with a reason, its token. */
  returnedClaim: () => Promise<string>;
  /** The election made in setup (20 days ahead; resident1 and leader1 on its voter list). */
  election: string;
  /** resident1's proxy application entrusting leader1, taken (only forward) to a stage; its id. */
  proxy: (stage: 'asked' | 'consented' | 'approved') => Promise<string>;
}

interface PageCase {
  name: string;
  who: Who | ((f: Fixture) => Promise<string>);
  route: string | ((f: Fixture) => Promise<string>);
  ready: string;
  act?: (page: Page) => Promise<void>;
  wide?: boolean;
}

/** The first call's promise, for every call. */
const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

const press = (id: string) => async (page: Page) => {
  await page.locator(`#${id}`).click();
  await page.waitForTimeout(300);
};

// prettier-ignore
/** The party branch of the page checks, made once: an organiser, a counter, a meeting with its list fixed, an approved 请示. */
let partyMade: Promise<{ organizer: string; counter: string; meeting: string; request: string }> | undefined;
const party = (f: Fixture) =>
  (partyMade ??= (async () => {
    const s = await partyStage(f.server, new Date().toISOString());
    f.server.setNow(null);
    const ids: string[] = [];
    for (const name of ['丁建国', '马秀英', '王德明', '张玉兰', '李春生', '赵桂芳']) ids.push(await s.member(name));
    const counter = await s.memberWithAccount('吴计票');
    const request = await s.approvedFounding();
    const meeting = await s.meeting(5, new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    for (const id of ids) await s.candidate(meeting, id);
    await s.ok(`/api/party/meetings/${meeting}/officials`, { memberId: counter.id, role: 'counter' });
    await s.ok(`/api/party/meetings/${meeting}/candidates/publish`, undefined);
    for (const id of ids.slice(0, 3)) await s.attend(meeting, id);
    return { organizer: s.organizer, counter: counter.token, meeting, request: request.id as string };
  })());

/**
 * An election run to published results, made once, for its 当选证书: the whole small election of
 * the API tests (voter list and candidate list on time, ballots handed out, two counters agreeing)
 * on a day 40 days ahead, the clock pinned forward through it (tokens signed at a pinned past would
 * be expired in real time), after the setup's election, which so stays the current one.
 */
let certifiedMade: Promise<{ election: string; director: string }> | undefined;
const certified = (f: Fixture) =>
  (certifiedMade ??= (async () => {
    const day = chinaDate(new Date(Date.now() + 40 * 86_400_000));
    const s = await electionDayStage(f.server, day, daysBefore(day, 15).toISOString());
    try {
      // 等额, one candidate a seat, with its basis (electionDayStage gives it).
      const e = await s.election({ director: 1, deputyDirector: 0, members: 4 }, { candidateSurplus: { director: 0, deputyDirector: 0, members: 0 } });
      const women = new Set(['孙丽华', '朱桂兰']);
      const voters: string[] = [];
      for (const name of ['周志刚', '孙丽华', '郑国强', '冯建军', '韩德福', '朱桂兰', '许长顺', '何玉珍', '曹永安'])
        voters.push(await s.voter(e, name, women.has(name) ? 'female' : 'male'));
      const director = await s.addCandidate(e, voters[0]!, 'director');
      const members: string[] = [];
      for (const v of voters.slice(1, 5)) members.push(await s.addCandidate(e, v, 'members'));
      const listed = await f.server.request('POST', `/api/elections/${e}/candidates/publish`, { token: s.committee, body: {} });
      if (listed.status !== 201) throw new Error(`candidate list: ${listed.status} ${listed.text}`);
      const counters = [await s.personWithAccount('钱明亮'), await s.personWithAccount('孔繁荣')];
      for (const c of counters) await s.appoint(e, c.residentId, 'counter');
      await s.openDesk(e);
      // Election day, 09:00: six of nine come; 17:00: the count, the same on both counters' entries.
      f.server.setNow(daysBefore(day, 0));
      for (const v of voters.slice(0, 6)) await f.server.request('POST', `/api/elections/${e}/ballots`, { token: s.committee, body: { residentId: v } });
      f.server.setNow(new Date(`${day}T09:00:00Z`));
      const count = { ballotsCast: 6, invalidBallots: 0, votes: { [director]: 5, [members[0]!]: 5, [members[1]!]: 5, [members[2]!]: 4, [members[3]!]: 4 } };
      for (const c of counters) await f.server.request('POST', `/api/elections/${e}/tally`, { token: c.token, body: count });
      const published = await f.server.request('POST', `/api/elections/${e}/results/publish`, { token: s.committee, body: {} });
      if (published.status !== 201) throw new Error(`results: ${published.status} ${published.text}`);
      return { election: e, director };
    } finally {
      f.server.setNow(null);
    }
  })());

const pages: PageCase[] = [
  { name: 'home', who: 'nobody', route: '/pages/home/index', ready: '#health-status.ok-line' },
  { name: 'service-signed-out', who: 'nobody', route: '/pages/service/index', ready: '#service-login' },
  { name: 'election-signed-out', who: 'nobody', route: '/pages/election/index', ready: '.btn' },
  { name: 'me-signed-out', who: 'nobody', route: '/pages/me/index', ready: '#login-button' },
  { name: 'login', who: 'nobody', route: '/auth/login/index', ready: '#login-submit' },
  { name: 'login-errors', who: 'nobody', route: '/auth/login/index', ready: '#login-submit', act: press('login-submit') },
  { name: 'login-forgot', who: 'nobody', route: '/auth/login/index', ready: '#login-submit', act: press('forgot-link') },
  { name: 'register', who: 'nobody', route: '/auth/register/index', ready: '#register-submit' },
  { name: 'register-errors', who: 'nobody', route: '/auth/register/index', ready: '#register-submit', act: press('register-submit') },
  { name: 'privacy', who: 'nobody', route: '/auth/privacy/index', ready: '.card' },
  { name: 'home-resident', who: 'resident', route: '/pages/home/index', ready: '#health-status.ok-line' },
  { name: 'service', who: 'resident', route: '/pages/service/index', ready: '#cat-certificate' },
  { name: 'service-new', who: 'resident', route: '/service/new/index?code=certificate', ready: '#request-submit' },
  { name: 'service-new-errors', who: 'resident', route: '/service/new/index?code=minimum_living', ready: '#request-submit', act: press('request-submit') },
  { name: 'service-new-pick', who: 'resident', route: '/service/new/index', ready: '#pick-certificate' },
  {
    name: 'service-list',
    who: 'resident',
    route: async (f) => {
      await f.request('submitted');
      return '/service/list/index';
    },
    ready: '.request-item',
  },
  {
    name: 'service-detail-submitted',
    who: 'resident',
    route: async (f) => `/service/detail/index?id=${await f.request('submitted')}&created=1`,
    ready: '#request-status',
  },
  { name: 'service-detail-resolved', who: 'resident', route: async (f) => `/service/detail/index?id=${await f.request('resolved')}`, ready: '#rating-card' },
  {
    name: 'service-detail-rating-error',
    who: 'resident',
    route: async (f) => `/service/detail/index?id=${await f.request('resolved')}`,
    ready: '#rating-card',
    act: press('rating-submit'),
  },
  { name: 'service-detail-rejected', who: 'resident', route: async (f) => `/service/detail/index?id=${await f.request('rejected')}`, ready: '#refusal' },
  { name: 'election', who: 'resident', route: '/pages/election/index', ready: '.card' },
  { name: 'me-resident', who: 'resident', route: '/pages/me/index', ready: '#resident-status' },
  { name: 'me-claim-form', who: 'newcomer', route: '/pages/me/index', ready: '#claim-open', act: press('claim-open') },
  {
    name: 'me-claim-errors',
    who: 'newcomer',
    route: '/pages/me/index',
    ready: '#claim-open',
    act: async (p) => {
      await press('claim-open')(p);
      await press('claim-submit')(p);
    },
  },
  { name: 'me-claim-returned', who: (f) => f.returnedClaim(), route: '/pages/me/index', ready: '#resident-return-reason' },
  { name: 'qr-confirm', who: 'resident', route: '/auth/qr-confirm/index?ticket=0123456789abcdef0123456789abcdef', ready: '#qr-confirm-button' },
  { name: 'staff-home', who: 'staff', route: '/staff/index/index', ready: '#staff-queue', wide: true },
  {
    name: 'staff-queue',
    who: 'staff',
    route: async (f) => {
      await f.request('submitted');
      return '/staff/queue/index';
    },
    ready: '.request-item',
    wide: true,
  },
  { name: 'staff-request', who: 'staff', route: async (f) => `/staff/request/index?id=${await f.request('submitted')}`, ready: '#status-accepted', wide: true },
  {
    name: 'staff-request-reject-error',
    who: 'staff',
    route: async (f) => `/staff/request/index?id=${await f.request('submitted')}`,
    ready: '#status-rejected',
    act: press('status-rejected'),
    wide: true,
  },
  {
    name: 'staff-residents',
    who: async (f) => {
      await f.pendingClaim();
      return f.token('staff') as Promise<string>;
    },
    route: '/staff/residents/index',
    ready: '.resident-card',
    wide: true,
  },
  { name: 'staff-resident-new', who: 'staff', route: '/staff/resident-new/index', ready: '#resident-submit', wide: true },
  { name: 'staff-resident-new-errors', who: 'staff', route: '/staff/resident-new/index', ready: '#resident-submit', act: press('resident-submit'), wide: true },
  { name: 'staff-file-for', who: 'staff', route: '/staff/file-for/index', ready: '[data-testid^="group-"]', wide: true },
  { name: 'staff-dashboard', who: 'staff', route: '/staff/dashboard/index', ready: '#dashboard', wide: true },
  {
    name: 'staff-password',
    who: 'staff',
    route: '/staff/password/index',
    ready: '#password-search',
    act: async (p) => {
      await p.locator('#password-q input').fill('张');
      await press('password-search')(p);
    },
    wide: true,
  },
  // Elections, proxy votes and election day (one election made in setup, 20 days ahead).
  { name: 'proxy-home', who: 'resident', route: '/proxy/index/index', ready: '#proxy-apply' },
  { name: 'proxy-apply', who: 'resident', route: (f) => Promise.resolve(`/proxy/apply/index?electionId=${f.election}`), ready: '#apply-submit' },
  {
    name: 'proxy-apply-errors',
    who: 'resident',
    route: (f) => Promise.resolve(`/proxy/apply/index?electionId=${f.election}`),
    ready: '#apply-submit',
    act: press('apply-submit'),
  },
  {
    name: 'proxy-to-confirm',
    who: 'leader',
    route: async (f) => {
      await f.proxy('asked');
      return '/proxy/index/index';
    },
    ready: '[id^="accept-"]',
  },
  {
    name: 'proxy-queue',
    who: 'staff',
    route: async (f) => {
      await f.proxy('consented');
      return `/proxy/queue/index?electionId=${f.election}`;
    },
    ready: '[id^="approve-"]',
    wide: true,
  },
  {
    name: 'proxy-letter',
    who: 'resident',
    route: async (f) => `/proxy/letter/index?electionId=${f.election}&id=${await f.proxy('approved')}`,
    ready: '#proxy-letter',
  },
  { name: 'election-day', who: 'staff', route: (f) => Promise.resolve(`/election-day/index/index?e=${f.election}`), ready: '#ed-committee', wide: true },
  {
    name: 'election-day-candidates',
    who: 'staff',
    route: (f) => Promise.resolve(`/election-day/candidates/index?e=${f.election}`),
    ready: '#cand-add',
    wide: true,
  },
  { name: 'election-day-officials', who: 'staff', route: (f) => Promise.resolve(`/election-day/officials/index?e=${f.election}`), ready: '.card', wide: true },
  {
    name: 'election-day-desk',
    who: 'staff',
    route: (f) => Promise.resolve(`/election-day/desk/index?e=${f.election}`),
    ready: '#desk-search',
    act: async (p) => {
      await p.locator('#desk-q input').fill('张');
      await press('desk-search')(p);
    },
    wide: true,
  },
  { name: 'group-home', who: 'leader', route: '/group/index/index', ready: '#group-name' },
  { name: 'election-manage', who: 'staff', route: '/election/manage/index', ready: '#manage-election', wide: true },
  { name: 'election-households', who: 'staff', route: '/election/households/index', ready: '.card', wide: true },
  { name: 'election-nominations', who: 'staff', route: '/election/nominations/index', ready: '.empty, .card', wide: true },
  { name: 'election-audit', who: 'staff', route: '/election/audit/index', ready: '#audit-verify', wide: true },
  { name: 'notices-list', who: 'resident', route: '/notices/list/index', ready: '.card' },
  { name: 'notices-settings', who: 'resident', route: '/notices/settings/index', ready: '#credits-service' },
  { name: 'notices-compose', who: 'staff', route: '/notices/compose/index', ready: '#compose-title', wide: true },
  { name: 'election-day-results', who: 'resident', route: (f) => Promise.resolve(`/election-day/results/index?e=${f.election}`), ready: '.card' },
  // The print sheets (A4 on paper, checked as they show on the screen first), the counters' entry and
  // an elected member's 当选证书 (of a second election, run to its published results).
  {
    name: 'election-day-ballot',
    who: 'staff',
    route: (f) => Promise.resolve(`/election-day/ballot/index?e=${f.election}`),
    ready: '#ballot-sheet',
    wide: true,
  },
  { name: 'election-day-cards', who: 'staff', route: (f) => Promise.resolve(`/election-day/cards/index?e=${f.election}`), ready: '[id^="card-"]', wide: true },
  { name: 'election-day-tally', who: 'staff', route: (f) => Promise.resolve(`/election-day/tally/index?e=${f.election}`), ready: '#tally-cast' },
  {
    name: 'election-day-certificate',
    who: 'resident',
    route: (f) => certified(f).then((c) => `/election-day/certificate/index?e=${c.election}&c=${c.director}`),
    ready: '#cert',
    wide: true,
  },
  // The party branch: the organiser's pages, a counter's entry, the printed sheets, a member's own entry.
  { name: 'party-home', who: (f) => party(f).then((p) => p.organizer), route: '/party/index/index', ready: '#party-roster', wide: true },
  {
    name: 'party-meeting',
    who: (f) => party(f).then((p) => p.organizer),
    route: (f) => party(f).then((p) => `/party/meeting/index?id=${p.meeting}`),
    ready: '#party-quorum',
    wide: true,
  },
  {
    name: 'party-tally',
    who: (f) => party(f).then((p) => p.counter),
    route: (f) => party(f).then((p) => `/party/tally/index?id=${p.meeting}`),
    ready: '#tally-cast',
  },
  {
    name: 'party-results',
    who: (f) => party(f).then((p) => p.organizer),
    route: (f) => party(f).then((p) => `/party/results/index?id=${p.meeting}`),
    ready: '#results-sheet',
    wide: true,
  },
  {
    name: 'party-ballot',
    who: (f) => party(f).then((p) => p.organizer),
    route: (f) => party(f).then((p) => `/party/ballot/index?id=${p.meeting}`),
    ready: '#ballot-sheet',
    wide: true,
  },
  {
    name: 'party-paper',
    who: (f) => party(f).then((p) => p.organizer),
    route: (f) => party(f).then((p) => `/party/paper/index?id=${p.request}`),
    ready: '#paper-sheet',
    wide: true,
  },
  { name: 'party-me', who: (f) => party(f).then((p) => p.counter), route: '/party/me/index', ready: '#party-me-entry' },
];

/** Runs `visit` over `items`, two at a time. */
async function twoAtATime<T>(items: readonly T[], visit: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await visit(items[next++]!);
  };
  await Promise.all([worker(), worker()]);
}

/**
 * The pages are checked in two files that run side by side, each with its own server and browser:
 * what residents, newcomers and group leaders see (a11y-pages-residents.test.ts), and what staff
 * and the party branch see (a11y-pages-staff.test.ts, most of them also at 1280 px).
 */
export type Part = 'residents' | 'staff';
const partOf = (p: PageCase): Part => (typeof p.who === 'function' || p.who === 'staff' ? 'staff' : 'residents');

export function checkPages(part: Part): void {
  const mine = pages.filter((p) => partOf(p) === part);
  describe.runIf(run)(
    `every page ${part === 'staff' ? 'of staff and the party branch' : 'of residents and group leaders'}, each role and state, at 375 px (and staff at 1280 px), normal and care mode`,
    () => {
      let app: Awaited<ReturnType<typeof startApp>>;
      let fixture: Fixture;
      const dir = join(screenshotDir, 'a11y');

      beforeAll(async () => {
        app = await startApp();
        // This part's screenshots of an earlier run (the other part's stay: it may be running).
        mkdirSync(dir, { recursive: true });
        for (const file of readdirSync(dir))
          if (mine.some((p) => file.startsWith(`${p.name}-375-`) || file.startsWith(`${p.name}-1280-`))) rmSync(join(dir, file));
        const server = app.server;
        const tokens = new Map<Who, string>();
        const token = async (who: Who) => {
          if (who === 'nobody') return undefined;
          const known = tokens.get(who);
          if (known) return known;
          let t: string;
          if (who === 'newcomer') {
            const res = await server.request('POST', '/api/auth/register', { body: { phone: fakePhone(), password: 'Chunshu2026', name: '马兰花' } });
            t = res.body.token;
          } else t = await server.login(DEMO[who].username, DEMO[who].password);
          tokens.set(who, t);
          return t;
        };
        const groups = async () => (await server.request('GET', '/api/groups', { token: await token('staff') })).body.items as { id: string }[];
        const claim = async (name: string) => {
          const res = await server.request('POST', '/api/auth/register', { body: { phone: fakePhone(), password: 'Chunshu2026', name } });
          const c = await server.request('POST', '/api/me/resident-claim', {
            token: res.body.token,
            body: { name, idNumber: fakeIdNumber('19520304'), groupId: (await groups())[0]!.id },
          });
          return { token: res.body.token as string, residentId: c.body.resident.id as string };
        };
        const staffToken = (await token('staff')) as string;
        const daysAhead = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
        const election = (
          await server.request('POST', '/api/elections', {
            token: staffToken,
            body: { title: '八珠街社区第一届居民委员会选举', electionDay: daysAhead(20), seats: { director: 1, deputyDirector: 1, members: 3 } },
          })
        ).body.id as string;
        const residentIdOf = async (who: Who) => (await server.request('GET', '/api/me', { token: await token(who) })).body.resident.id as string;
        const [residentId, leaderId] = [await residentIdOf('resident'), await residentIdOf('leader')];
        for (const id of [residentId, leaderId])
          await server.request('POST', `/api/elections/${election}/voters`, { token: staffToken, body: { residentId: id } });
        const stages = ['asked', 'consented', 'approved'] as const;
        let proxyId: string | undefined;
        let proxyStage = -1;
        const proxy = async (stage: (typeof stages)[number]) => {
          const base = `/api/elections/${election}/proxy-applications`;
          if (!proxyId) {
            const r = await server.request('POST', base, {
              token: await token('resident'),
              body: { proxyResidentId: leaderId, reason: '腿脚不便，选举日去不了投票站' },
            });
            proxyId = r.body.id as string;
            proxyStage = 0;
          }
          const want = stages.indexOf(stage);
          if (want >= 1 && proxyStage < 1) await server.request('POST', `${base}/${proxyId}/consent`, { token: await token('leader'), body: { accept: true } });
          if (want >= 2 && proxyStage < 2) await server.request('POST', `${base}/${proxyId}/decision`, { token: staffToken, body: { approve: true } });
          proxyStage = Math.max(proxyStage, want);
          return proxyId;
        };
        fixture = {
          election,
          proxy,
          server,
          token,
          request: async (status) => {
            const resident = await token('resident');
            const staff = await token('staff');
            const r = await server.request('POST', '/api/service-requests', {
              token: resident,
              body: { categoryCode: 'certificate', title: '开居住证明', description: '我需要开一个居住证明，给孙子办理入学用。腿脚不方便，能不能请人送到家？' },
            });
            const id = r.body.id as string;
            const to = (s: string, extra: object = {}) =>
              server.request('POST', `/api/service-requests/${id}/status`, { token: staff, body: { status: s, ...extra } });
            if (status === 'resolved') {
              await to('accepted');
              await server.request('POST', `/api/service-requests/${id}/replies`, { token: staff, body: { body: '您好，证明已经开好了，明天上午送到您家。' } });
              await to('resolved');
            }
            if (status === 'rejected') await to('rejected', { note: '护照由县公安局出入境窗口办理，社区不能代办。', referTo: '县公安局出入境管理大队' });
            return id;
          },
          // One claim each, made on the first visit and shown in every visit after (registrations are rate limited).
          pendingClaim: once(async () => (await claim('杨秀珍')).token),
          returnedClaim: once(async () => {
            const c = await claim('何桂香');
            await server.request('POST', `/api/residents/${c.residentId}/return`, {
              token: await token('staff'),
              body: { reason: '姓名和身份证上不一致，请核对后重新提交。' },
            });
            return c.token;
          }),
        };
      });
      afterAll(async () => {
        await app?.close();
      });

      for (const p of mine) {
        it(`${p.name}: axe and the custom checks pass`, async () => {
          const findings: (Finding & { visit: string })[] = [];
          const widths = p.wide ? [375, 1280] : [375];
          // At 375 px also with the browser's text set to 24 px (a setting many older people use), in
          // both modes: no line narrower than about 8 characters, nothing wider than the window.
          const visits = widths.flatMap((width) => [
            { width, care: false, font: 16 },
            { width, care: true, font: 16 },
            ...(width === 375
              ? [
                  { width, care: false, font: 24 },
                  { width, care: true, font: 24 },
                ]
              : []),
          ]);
          // Who and where first, one visit after another (the fixture makes records as they are asked
          // for); then the visits themselves.
          const planned = [];
          for (const v of visits) {
            const token = typeof p.who === 'function' ? await p.who(fixture) : await fixture.token(p.who);
            const route = typeof p.route === 'function' ? await p.route(fixture) : p.route;
            planned.push({ ...v, token, route });
          }
          // The visits of one width, mode and account share a browser context, one after another
          // (each in a page of its own, its text size set before it loads): the second loads the app's
          // files from the browser's cache, as a person's second visit does. Contexts two at a time.
          const contexts = new Map<string, typeof planned>();
          for (const v of planned) {
            const key = `${v.width} ${v.care} ${v.token ?? ''}`;
            contexts.set(key, [...(contexts.get(key) ?? []), v]);
          }
          await twoAtATime([...contexts.values()], async (group) => {
            const { width, care, token } = group[0]!;
            const context = await a11yContext(app.browser, { width, care, token });
            try {
              for (const { font, route } of group) {
                const visit = `${p.name}-${width}-${care ? 'care' : 'normal'}${font === 16 ? '' : `-${font}px`}`;
                const found = findings.length;
                const page = await context.newPage();
                if (font !== 16) await setDefaultFontSize(page, font);
                await page.goto(`${app.server.url}/#${route}`);
                await page.locator(p.ready).first().waitFor();
                await settle(page);
                if (p.act) {
                  await p.act(page);
                  await settle(page);
                }
                // axe's findings do not change with the text size: it runs at 16 px.
                if (font === 16) for (const f of await axeViolations(page)) findings.push({ ...f, visit });
                for (const f of await customFindings(page, care ? CARE : NORMAL)) findings.push({ ...f, visit });
                for (const f of await narrowLines(page)) findings.push({ ...f, visit });
                // The screenshot of every visit with SCREENSHOTS=1, and of a visit that found something.
                if (SCREENSHOTS || findings.length > found) await fullShot(page, join(dir, `${visit}.png`));
                await page.close();
              }
            } finally {
              await context.close();
            }
          });
          expect(findings).toEqual([]);
        });
      }
    },
  );
}
