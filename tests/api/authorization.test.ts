import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleName } from '../../db/schema/index.js';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import type { Access } from '../../functions/_platform/route.js';
import { personalDataLeaks } from '../support/pii-scan.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, DEMO_PASSWORDS, type Registered, register } from './helpers.js';

const routes = await loadAllRoutes();

/**
 * Who may call each route. A route added to functions/_entry/routes.ts without a line here fails the
 * first test: decide its access on purpose, then add it.
 */
const expectedAccess: Record<string, Access> = {
  'GET /api/health': 'anyone',
  'GET /api/health/ready': 'anyone',
  'GET /api/community': 'anyone',
  'POST /api/auth/register': 'anyone',
  'POST /api/auth/login': 'anyone',
  'POST /api/auth/wechat': 'anyone',
  'POST /api/auth/wechat/phone': 'account',
  'POST /api/auth/qr': 'anyone',
  'GET /api/auth/qr/:ticket': 'anyone',
  'POST /api/auth/qr/:ticket/scan': 'account',
  'POST /api/auth/qr/:ticket/confirm': 'account',
  'POST /api/auth/logout': 'account',
  'GET /api/me': 'account',
  'GET /api/groups': 'account',
  'POST /api/me/resident-claim': 'account',
  'POST /api/residents': ['staff', 'admin'],
  'GET /api/residents': ['staff', 'committee', 'admin'],
  'POST /api/residents/:id/verify': ['staff', 'admin'],
  'POST /api/residents/:id/return': ['staff', 'admin'],
  'POST /api/residents/:id/password-reset': ['staff', 'admin'],
  'POST /api/residents/:id/relations': ['staff', 'committee', 'admin'],
  'GET /api/service-categories': 'account',
  'POST /api/service-requests': 'account',
  'GET /api/service-requests': 'account',
  'GET /api/service-requests/dashboard': ['staff', 'admin'],
  'GET /api/service-requests/export.xlsx': ['staff', 'admin'],
  'GET /api/service-requests/:id': 'account',
  'POST /api/service-requests/:id/replies': 'account',
  'POST /api/service-requests/:id/status': ['staff', 'admin'],
  'POST /api/service-requests/:id/reopen': 'account',
  'POST /api/service-requests/:id/rating': 'account',
  'GET /api/cron/cleanup': 'cron',
  // Photos: any account uploads its own; who sees one is its request's visibility (404 otherwise).
  'POST /api/attachments': 'account',
  'GET /api/attachments/:id': 'account',
  // The folder store's signed links and WeChat's pushed verdicts carry their own signatures.
  'GET /api/files/:key{.+}': 'anyone',
  'GET /api/wechat/events': 'anyone',
  'POST /api/wechat/events': 'anyone',
  'GET /api/cron/photos': 'cron',
  // The number, whole, for whoever may call the resident: staff, and the leader of their group (404 to other leaders).
  'POST /api/residents/:id/phone-reveal': ['group_leader', 'staff', 'admin'],
  'GET /api/households/:id/origin': ['staff', 'admin'],
  'PUT /api/households/:id/origin': ['staff', 'admin'],
  'GET /api/accounts': ['admin'],
  'POST /api/accounts/:id/roles': ['admin'],
  'POST /api/accounts/:id/phone/verify': ['staff', 'admin'],
  'DELETE /api/accounts/:id/roles/:role': ['admin'],
  'POST /api/service-requests/:id/assignee': ['admin'],
  'GET /api/audit': ['committee', 'admin'],
  'GET /api/audit/verify': ['committee', 'admin'],
  'GET /api/public/anchors/:code': 'anyone',
  'POST /api/elections': ['committee', 'admin'],
  'GET /api/elections/current': 'account',
  'GET /api/elections/:id': 'account',
  'PUT /api/elections/:id': ['committee', 'admin'],
  'POST /api/elections/:id/voters': ['committee', 'admin'],
  'GET /api/elections/:id/voters': ['committee', 'admin'],
  'DELETE /api/elections/:id/voters/:residentId': ['committee', 'admin'],
  'GET /api/elections/:id/me': 'account',
  'POST /api/elections/:id/objections': 'account',
  'POST /api/elections/:id/voter-applications': 'account',
  'GET /api/elections/:id/objections': 'account',
  'GET /api/elections/:id/objection-people': 'account',
  'POST /api/elections/:id/objections/:oid/decision': ['committee', 'admin'],
  'GET /api/notices': 'account',
  'POST /api/notices': ['staff', 'committee', 'admin'],
  'GET /api/notices/:id': 'account',
  'GET /api/notices/:id/deliveries': ['staff', 'committee', 'admin'],
  'GET /api/notices/:id/not-reached': ['group_leader', 'staff', 'committee', 'admin'],
  'POST /api/notices/:id/not-reached/:residentId/informed': ['group_leader', 'staff', 'committee', 'admin'],
  'GET /api/notices/to-tell': ['group_leader', 'staff', 'committee', 'admin'],
  'GET /api/subscriptions': 'account',
  'PUT /api/subscriptions': 'account',
  'POST /api/subscriptions/grants': 'account',
  'GET /api/cron/deliveries': 'cron',
  'POST /api/elections/:id/nominations': ['group_leader', 'committee', 'admin'],
  'GET /api/elections/:id/nominations': 'account',
  'DELETE /api/elections/:id/nominations/:nid': ['group_leader', 'committee', 'admin'],
  'POST /api/elections/:id/nominations/:nid/confirm': ['committee', 'admin'],
  'GET /api/elections/:id/exports/voters.xlsx': ['committee', 'admin'],
  'GET /api/elections/:id/exports/nominations.xlsx': ['committee', 'admin'],
  'GET /api/households': ['staff', 'committee', 'admin'],
  'GET /api/groups/:id/residents': ['group_leader', 'staff', 'committee', 'admin'],
  'GET /api/elections/:id/proxy-search': 'account',
  'POST /api/elections/:id/proxy-applications': 'account',
  'GET /api/elections/:id/proxy-applications': 'account',
  'GET /api/elections/:id/proxy-applications/:pid': 'account',
  'POST /api/elections/:id/proxy-applications/:pid/consent': 'account',
  'POST /api/elections/:id/proxy-applications/:pid/decision': ['committee', 'admin'],
  'POST /api/elections/:id/proxy-applications/:pid/withdraw': 'account',
  'GET /api/elections/:id/exports/proxies.xlsx': ['committee', 'admin'],
  'POST /api/elections/:id/proxy-applications/publish': ['committee', 'admin'],
  'POST /api/elections/:id/candidates': ['committee', 'admin'],
  // Before publication only the committee and the day's officials see entries (checked in the verb).
  'GET /api/elections/:id/candidates': 'account',
  'DELETE /api/elections/:id/candidates/:cid': ['committee', 'admin'],
  'PUT /api/elections/:id/candidates/order': ['committee', 'admin'],
  'POST /api/elections/:id/candidates/publish': ['committee', 'admin'],
  'POST /api/elections/:id/officials': ['committee', 'admin'],
  'GET /api/elections/:id/officials': 'account',
  // Officials are appointed per election (election_officials), not account roles: these routes
  // admit any account and the verb answers 403 to anyone who is neither committee nor an official
  // of the right kind (election-day.test.ts drives each refusal).
  'POST /api/elections/:id/ballots': 'account', // committee or the election's clerks
  'GET /api/elections/:id/turnout': 'account',
  'GET /api/elections/:id/desk': 'account', // committee or the election's officials
  'GET /api/elections/:id/desk/:residentId': 'account', // committee or the election's officials
  'GET /api/elections/:id/voter-cards': ['committee', 'admin'],
  'GET /api/elections/:id/voter-cards/:residentId': 'account', // committee, officials, or the voter's own
  'POST /api/elections/:id/tally': 'account', // the election's counters only
  'GET /api/elections/:id/results': 'account',
  'POST /api/elections/:id/results/publish': ['committee', 'admin'],
  'GET /api/elections/:id/certificates/:candidateId': 'account',
  'POST /api/elections/:id/rounds': ['committee', 'admin'],
  'POST /api/elections/:id/write-ins/:wid/match': ['committee', 'admin'],
  'PUT /api/elections/:id/households/:householdId/voter': ['committee', 'admin'],
  // Any account; the verbs admit registered voters, the named co-signer or the nominee (404 to others),
  // and paper forms from the committee only (candidate-nominations.test.ts drives each).
  'POST /api/elections/:id/candidate-nominations': 'account',
  'GET /api/elections/:id/candidate-nominations': 'account',
  'POST /api/elections/:id/candidate-nominations/:nid/sign': 'account',
  'POST /api/elections/:id/candidate-nominations/:nid/answer': 'account',
  'POST /api/elections/:id/candidates/fix': ['committee', 'admin'],
  'GET /api/elections/:id/steps': ['committee', 'admin'],
  'GET /api/election-calendar': ['committee', 'admin'],
  'POST /api/elections/:id/voter-list/publish': ['committee', 'admin'],
  // The party branch is hidden (route.hidden): every caller without the organiser's role gets 404,
  // not 403, and the branch's existence does not show. Ballots, count and results also admit the
  // meeting's officials, the own entry its member (checked by `admits`, before the input is read).
  'GET /api/consultations': 'account',
  'POST /api/consultations': ['staff', 'committee', 'admin'],
  'GET /api/consultations/templates/satisfaction': ['staff', 'committee', 'admin'],
  'GET /api/consultations/:id': 'account',
  'PUT /api/consultations/:id/answer': 'account',
  'GET /api/consultations/:id/results': 'account',
  'GET /api/consultations/:id/results.xlsx': ['staff', 'committee', 'admin'],
  'GET /api/consultations/:id/turnout': 'account',
  'GET /api/reviews': ['staff', 'committee', 'admin'],
  'GET /api/reviews/report.xlsx': ['staff', 'committee', 'admin'],
  'PUT /api/reviews/:electionId/sections': ['committee', 'admin'],
  'GET /api/party/members': ['party_organizer'],
  'POST /api/party/members': ['party_organizer'],
  'PUT /api/party/members/:id': ['party_organizer'],
  'GET /api/party/me': 'account',
  'GET /api/party/requests': ['party_organizer'],
  'POST /api/party/requests': ['party_organizer'],
  'GET /api/party/requests/:rid': ['party_organizer'],
  'POST /api/party/requests/:rid/approval': ['party_organizer'],
  'GET /api/party/meetings': ['party_organizer'],
  'POST /api/party/meetings': ['party_organizer'],
  'GET /api/party/meetings/:mid': ['party_organizer'],
  'POST /api/party/meetings/:mid/attendance': ['party_organizer'],
  'POST /api/party/meetings/:mid/candidates': ['party_organizer'],
  'POST /api/party/meetings/:mid/candidates/:cid/review': ['party_organizer'],
  'POST /api/party/meetings/:mid/candidates/publish': ['party_organizer'],
  'POST /api/party/meetings/:mid/officials': ['party_organizer'],
  'POST /api/party/meetings/:mid/assignments': ['party_organizer'],
  'POST /api/party/meetings/:mid/ballots': 'account',
  'POST /api/party/meetings/:mid/tally': 'account',
  'GET /api/party/meetings/:mid/results': 'account',
  'POST /api/party/meetings/:mid/rounds': ['party_organizer'],
};

type Caller = 'nobody' | 'resident1' | 'leader1' | 'staff' | 'fresh account' | 'staff@other';
/** Each caller's roles, all held in the caller's own community. */
const callerRoles: Record<Exclude<Caller, 'nobody'>, RoleName[]> = {
  resident1: ['resident'],
  leader1: ['group_leader', 'resident'],
  staff: ['staff', 'committee'],
  // Registration gives every account the resident role, before any resident record exists.
  'fresh account': ['resident'],
  'staff@other': ['staff', 'committee'],
};
const callers = ['nobody', ...Object.keys(callerRoles)] as Caller[];

const keyOf = (route: { method: string; path: string }) => `${route.method.toUpperCase()} ${route.path}`;
const normalise = (access: Access) => (typeof access === 'string' ? access : [...access].sort());

/**
 * What a caller should get from a route with this access: allowed, or refused with 401 or 403 —
 * 404 from a hidden route (the party branch), whose `admits` also turns away 'account' callers
 * who are none of its people (no caller here is a party member or a meeting's official).
 */
function expectedOutcome(access: Access, caller: Caller, hidden = false): 'allowed' | 401 | 403 | 404 {
  if (access === 'anyone') return 'allowed';
  // Scheduled jobs answer only to the cron secret, never to a person's token.
  if (access === 'cron') return 401;
  if (caller === 'nobody') return 401;
  if (hidden) return callerRoles[caller].includes('party_organizer') ? 'allowed' : 404;
  if (access === 'account') return 'allowed';
  return callerRoles[caller].some((role) => access.includes(role)) ? 'allowed' : 403;
}

const refusal = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' } as const;

/** Path parameters filled with values that pass validation but name nothing. */
const fillPath = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => (name === 'ticket' ? randomBytes(16).toString('hex') : randomUUID()));

let server: TestServer;
let fresh: Registered;
beforeAll(async () => {
  server = await startTestServer();
  fresh = await register(server, '赵新户');
});
afterAll(() => server?.close());

/** New sessions for every caller, so a route like logout cannot spoil the next route's tokens. */
async function signIn(): Promise<Record<Caller, string | undefined>> {
  const login = async (body: Record<string, string>) => {
    const res = await server.request('POST', '/api/auth/login', { body });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    return res.body.token as string;
  };
  const [resident1, leader1, staff, freshToken, staffOther] = await Promise.all([
    login({ username: DEMO.resident1.username, password: DEMO.resident1.password }),
    login({ username: DEMO.leader1.username, password: DEMO.leader1.password }),
    login({ username: DEMO.staff.username, password: DEMO.staff.password }),
    login({ phone: fresh.phone, password: fresh.password }),
    login({ username: DEMO.staffOther.username, password: DEMO.staffOther.password }),
  ]);
  return { nobody: undefined, resident1, leader1, staff, 'fresh account': freshToken, 'staff@other': staffOther };
}

/** The callers' tokens, signed in once (a password check costs tens of milliseconds each) and again after a route ends a session. */
let session: Promise<Record<Caller, string | undefined>> | undefined;
const signedIn = () => {
  session ??= signIn();
  return session;
};

describe('the access table', () => {
  it('has an entry for every registered route', () => {
    const missing = routes.map(keyOf).filter((key) => !(key in expectedAccess));
    expect(missing, 'routes without an entry in expectedAccess').toEqual([]);
  });

  it('names no route that is not registered', () => {
    const registered = new Set(routes.map(keyOf));
    expect(Object.keys(expectedAccess).filter((key) => !registered.has(key))).toEqual([]);
  });

  it('registers each METHOD path once', () => {
    const keys = routes.map(keyOf);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });
});

describe('every route', () => {
  it.each(routes.map((route) => [keyOf(route), route] as const))(
    '%s: declared as the table says; each caller gets what that access allows, never a 5xx',
    async (key, route) => {
      const access = expectedAccess[key];
      expect(access, `no entry for ${key} in expectedAccess`).toBeDefined();
      expect(normalise(route.access)).toEqual(normalise(access!));

      const tokens = await signedIn();
      const path = fillPath(route.path);
      const outcomes: Record<string, unknown> = {};
      const wanted: Record<string, unknown> = {};
      for (const caller of callers) {
        const res = await server.request(route.method.toUpperCase(), path, { token: tokens[caller], body: route.method === 'get' ? undefined : {} });
        const expected = expectedOutcome(access!, caller, !!route.hidden);
        const code = typeof res.body === 'object' && res.body ? res.body.code : undefined;
        outcomes[caller] =
          res.status >= 500
            ? `${res.status} ${code}`
            : expected === 'allowed'
              ? res.status === 401 || res.status === 403
                ? `${res.status} ${code}`
                : 'allowed'
              : `${res.status} ${code}`;
        wanted[caller] = expected === 'allowed' ? 'allowed' : `${expected} ${refusal[expected]}`;
      }
      // A route that ended a session (logging out, say) makes the next route sign in again.
      for (const caller of callers) {
        if (tokens[caller] && (await server.request('GET', '/api/me', { token: tokens[caller] })).status === 401) session = undefined;
      }
      expect(outcomes).toEqual(wanted);
    },
  );
});

it('never sent a whole ID number, a phone outside its owner’s own view, a password, a hash or a session key to any caller', () => {
  const leaks = personalDataLeaks(server.recorded, {
    phones: [{ phone: fresh.phone, ownerAccountId: fresh.accountId }],
    passwords: [...DEMO_PASSWORDS, fresh.password],
  });
  expect(leaks).toEqual([]);
});
