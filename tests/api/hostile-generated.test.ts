import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import * as z from 'zod';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import type { AnyRoute } from '../../functions/_platform/route.js';
import { type RawResponse, rawRequest } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, register } from './helpers.js';

const routes = await loadAllRoutes();

/**
 * Generated hostile input (fast-check) on every route of the registry, as every kind of caller:
 * nobody, a resident, a group leader, staff, an administrator, an account of another community,
 * and forged or broken tokens. Bodies follow each route's own schema closely enough to reach the
 * handler, with hostile leaves (wrong types, huge and deep values, lone surrogates, RTL marks,
 * full-width digits, SQL and script fragments, enormous numbers, other communities' ids), or are
 * not JSON at all; headers may be malformed or oversized. For every answer:
 * - never a 5xx;
 * - a refusal (4xx) is problem JSON with a Chinese `detail`;
 * - a refusal changed no row in any table (a fingerprint of every table, before and after).
 *
 * HOSTILE_RUNS sets the total number of inputs (spread evenly over the routes): the default is
 * the short run of `npm test`; `npm run test:hostile` runs 10,000. HOSTILE_SEED replays a run.
 */
const TOTAL_RUNS = Number(process.env.HOSTILE_RUNS ?? 300);
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined;
const perRoute = Math.max(3, Math.ceil(TOTAL_RUNS / routes.length));
/**
 * Tables a refusal is meant to write: failed sign-ins are the lockout's count; the WeChat access
 * token is a cache fetched before WeChat refuses a phone code.
 */
const WRITTEN_ON_REFUSAL = new Set(['login_failures', 'wechat_tokens']);
const SETUP_ADDRESS = '203.0.113.77';

type Caller = 'nobody' | 'resident' | 'leader' | 'staff' | 'admin' | 'fresh' | 'other';
const CALLERS: Caller[] = ['nobody', 'resident', 'leader', 'staff', 'admin', 'fresh', 'other'];

let server: TestServer;
const tokens: Record<Caller, string | undefined> = { nobody: undefined } as Record<Caller, string | undefined>;
const credentials: Partial<Record<Caller, Record<string, string>>> = {
  resident: { username: DEMO.resident1.username, password: DEMO.resident1.password },
  leader: { username: DEMO.leader1.username, password: DEMO.leader1.password },
  staff: { username: DEMO.staff.username, password: DEMO.staff.password },
  other: { username: DEMO.staffOther.username, password: DEMO.staffOther.password },
};
let adminAccountId = '';
let homeCommunityId = '';
let ownIds: string[] = [];
let otherIds: string[] = [];
let tables: string[] = [];

async function signIn(caller: Caller) {
  const body = credentials[caller];
  if (!body) return;
  const res = await server.request('POST', '/api/auth/login', { body, headers: { 'X-Forwarded-For': SETUP_ADDRESS } });
  if (res.status !== 200) throw new Error(`sign-in of ${caller} failed: ${res.status} ${res.text}`);
  tokens[caller] = res.body.token;
}

/** A route may sign its caller out (logout) or take a role away: sign in again, give admin back. */
async function restoreCallers() {
  for (const caller of CALLERS) {
    const token = tokens[caller];
    if (!token) continue;
    const me = await server.request('GET', '/api/me', { token });
    if (me.status === 401) await signIn(caller);
  }
  await server.db.execute(
    sql`insert into account_roles (id, account_id, community_id, role) values (${randomUUID()}, ${adminAccountId}, ${homeCommunityId}, 'admin') on conflict do nothing`,
  );
}

/** Every table's row count and content hash (ordered), so a refused request that wrote anything shows. */
async function fingerprint(): Promise<Record<string, string>> {
  const parts = tables.map(
    (t) => `select '${t}' as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as f from "${t}" x`,
  );
  const result = await server.db.execute(sql.raw(parts.join(' union all ')));
  const rows = (Array.isArray(result) ? result : (result as { rows: { t: string; f: string }[] }).rows) as { t: string; f: string }[];
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

beforeAll(async () => {
  server = await startTestServer();
  await Promise.all((['resident', 'leader', 'staff', 'other'] as Caller[]).map(signIn));
  const me = await server.request('GET', '/api/me', { token: tokens.staff });
  homeCommunityId = me.body.account.communityId ?? me.body.account.community?.id;
  if (!homeCommunityId) {
    const c = await server.request('GET', '/api/community', { token: tokens.staff });
    homeCommunityId = c.body.id;
  }
  for (const caller of ['admin', 'fresh'] as const) {
    const account = await register(server, caller === 'admin' ? '管理员' : '新用户');
    credentials[caller] = { phone: account.phone, password: account.password };
    tokens[caller] = account.token;
    if (caller === 'admin') adminAccountId = account.accountId;
  }
  await restoreCallers();

  // Ids of real records, of this community and of the other one, from every table that has both.
  const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, string>[];
  const scoped = rowsOf(
    await server.db.execute(sql`select c.table_name as t from information_schema.columns c
      join information_schema.columns k on k.table_name = c.table_name and k.table_schema = c.table_schema and k.column_name = 'community_id'
      where c.table_schema = 'public' and c.column_name = 'id' and c.data_type = 'uuid'`),
  ).map((r) => r.t!);
  for (const t of scoped) {
    for (const row of rowsOf(await server.db.execute(sql.raw(`select id::text as id, community_id::text as c from "${t}" limit 40`)))) {
      (row.c === homeCommunityId ? ownIds : otherIds).push(row.id!);
    }
  }
  ownIds = ownIds.length ? ownIds : [randomUUID()];
  otherIds = otherIds.length ? otherIds : [randomUUID()];
  tables = rowsOf(
    await server.db.execute(sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
  )
    .map((r) => r.t!)
    .filter((t) => !WRITTEN_ON_REFUSAL.has(t))
    .sort();
}, 120_000);
afterAll(() => server?.close());

// ---- generators ----

const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u202e\u202dabc\u200f',
  '\u2066\u2069',
  '１２３４５６７８９０１',
  '０',
  '－１',
  "'; drop table accounts; --",
  "1' or '1'='1",
  '1; select pg_sleep(10)',
  '$1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}\u0024{7*7}',
  '../../../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '\\',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '-0',
  '1e309',
  '9'.repeat(400),
  '0x7fffffff',
  '__proto__',
  'constructor',
  '\r\n',
  '\u2028\u2029',
  '\ufeff',
  'e\u0301'.repeat(300),
  '𠀀'.repeat(300),
  '👨‍👩‍👧‍👦'.repeat(50),
  'x'.repeat(5000),
  'Ａ'.repeat(100),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 70_000 }).map((n) => '字'.repeat(n)) },
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1e308, -1e308, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e-300, 1.2345678901234567e19),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const idValue = () => fc.oneof(fc.constantFrom(...ownIds), fc.constantFrom(...otherIds), fc.uuid());
const deep = fc.integer({ min: 1, max: 3000 }).map((n) => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: hostileString },
    { weight: 3, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constant(null).chain(() => idValue()) },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileString, tie('v'), { maxKeys: 4 }) },
    { weight: 1, arbitrary: deep },
  ),
})).v;

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

const CJK = fc.constantFrom(...'社区居民小组路灯坏了请帮忙处理张王李赵低保救助选举投票通知公告一二三四五六七八九十'.split(''));

/** Values that satisfy the schema (so the input reaches the handler), with hostile leaves among them. */
function fromSchema(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFromSchema(s, depth);
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function validFromSchema(s: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return hostileValue;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return fc.oneof(...union.map((u) => validFromSchema(u, depth + 1)));
  if (s.allOf?.length) return validFromSchema(s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'uuid') return idValue();
      if (s.format === 'date-time')
        return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === 'date')
        return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (s.pattern) {
        try {
          return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 200));
        } catch {}
      }
      const max = Math.min(s.maxLength ?? 30, 60);
      const min = Math.min(s.minLength ?? 0, max);
      return fc.string({ unit: CJK, minLength: min, maxLength: max });
    }
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.max(s.minimum ?? -5, -1e9), max: Math.min(s.maximum ?? 500, 1e9) });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(s.items, depth + 1), { maxLength: 5 });
    case 'object': {
      const props = s.properties ?? {};
      const shaped = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
      return fc.oneof(
        { weight: 4, arbitrary: fc.record(shaped, { requiredKeys: (s.required ?? []).filter((k) => k in props) }) },
        { weight: 1, arbitrary: fc.record(shaped, { requiredKeys: [] }) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.record(shaped),
              fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'communityId', 'id', 'status', 'accountId', 'role'), hostileValue),
            )
            .map(([a, b]) => ({ ...b, ...a })),
        },
      );
    }
    default:
      return hostileValue;
  }
}

const jsonSchemaOf = (schema: z.ZodType | undefined): JsonSchema | undefined =>
  schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;

/** Bytes of a percent-encoded component: lone surrogates become U+FFFD, as a browser would send. */
const encode = (v: string) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, (c, i, all) => (isPaired(all, i) ? c : '\ufffd')));
const isPaired = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c < 0xdc00 ? (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 : i > 0 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
};
const asText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

interface Input {
  caller: Caller;
  auth: string | null;
  method: string;
  target: string;
  headers: [string, string][];
  body?: string | Buffer;
}

function inputs(route: AnyRoute): fc.Arbitrary<Input> {
  const method = route.method.toUpperCase();
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const paramSchema = jsonSchemaOf(route.params)?.properties ?? {};
  const querySchema = jsonSchemaOf(route.query);
  const bodySchema = jsonSchemaOf(route.body);

  const param = (name: string) =>
    fc.oneof(
      { weight: 4, arbitrary: validFromSchema(paramSchema[name], 0).map((v) => encode(asText(v))) },
      { weight: 2, arbitrary: hostileString.map(encode) },
      // Sent unencoded: the target itself is malformed.
      { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '..', '%2e%2e%2f', 'a b', 'ü', '\t', '#', '?x=1', '//') },
    );
  const path = fc.tuple(...names.map(param)).map((values) => {
    let i = 0;
    return route.path.replace(/:(\w+)/g, () => values[i++] ?? '');
  });
  const queryKeys = Object.keys(querySchema?.properties ?? {});
  const query = fc
    .tuple(
      querySchema ? (validFromSchema(querySchema, 0) as fc.Arbitrary<Record<string, unknown>>) : fc.constant({}),
      fc.dictionary(fc.constantFrom(...queryKeys, 'limit', 'cursor', 'x', '__proto__', ''), hostileValue, { maxKeys: 3 }),
      fc.boolean(),
      fc.constantFrom('', '&&', '&a', '&=', '&%', '&a=%zz', `&${'k'.repeat(3000)}=1`),
    )
    .map(([valid, extra, mix, tail]) => {
      const all = { ...(typeof valid === 'object' && valid ? valid : {}), ...(mix ? extra : {}) };
      const parts = Object.entries(all).map(([k, v]) => `${encode(k)}=${encode(asText(v))}`);
      const q = parts.join('&') + tail;
      return q ? `?${q}` : '';
    });

  const jsonBody = bodySchema ? fromSchema(bodySchema) : fc.oneof(fc.constant({}), hostileValue);
  const body = fc.oneof(
    { weight: 8, arbitrary: jsonBody.map((v) => JSON.stringify(v) ?? '') },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | Buffer>(
        '{',
        '{"a":',
        '[1,2',
        'not json',
        'null',
        '"x"',
        '1e999',
        `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
        `{"a":${'['.repeat(5000)}`,
        '{"__proto__":{"isAdmin":true}}',
        Buffer.from([0xff, 0xfe, 0xfd, 0x7b, 0x7d]),
        Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]),
        'x'.repeat(70_000),
        `{"description":"${'字'.repeat(30_000)}"}`,
      ),
    },
  );

  // Any byte but CR and LF: those would end the header and smuggle a second request behind it,
  // which tests the client, not the server.
  const headerValue = hostileString.map((s) =>
    Buffer.from(s, 'utf8')
      .toString('latin1')
      .replace(/[\r\n]/g, ' '),
  );
  const extraHeaders = fc.array(
    fc.oneof(
      fc.tuple(
        fc.constantFrom('Content-Type'),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          '',
          'application/json; charset=gbk',
        ),
      ),
      fc.tuple(fc.constantFrom('Idempotency-Key', 'X-Request-Id', 'X-Forwarded-For', 'Accept', 'Accept-Encoding', 'Origin', 'Cookie'), headerValue),
      fc.tuple(
        fc.constantFrom('X-Big'),
        fc.integer({ min: 1000, max: 20_000 }).map((n) => 'h'.repeat(n)),
      ),
    ),
    { maxLength: 3 },
  );

  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | null>(null) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic dXNlcjpwYXNz',
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
        'Bearer a.b.c',
        'bearer   x y',
        `Bearer ${'a'.repeat(9000)}`,
        'Bearer \u00ff\u00fe',
      ),
    },
  );

  return fc
    .record({
      caller: fc.constantFrom(...CALLERS),
      auth,
      method: fc.oneof({ weight: 12, arbitrary: fc.constant(method) }, { weight: 1, arbitrary: fc.constantFrom('PATCH', 'PUT', 'DELETE', 'POST', 'GET') }),
      path,
      query: method === 'GET' || method === 'DELETE' ? query : fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: query }),
      headers: extraHeaders,
      body: method === 'GET' || method === 'DELETE' ? fc.constant(undefined) : body,
      tamper: fc.constantFrom(0, 0, 0, 0, 1, 2),
    })
    .map(({ caller, auth, method, path, query, headers, body, tamper }) => {
      let token = tokens[caller];
      // A real token with its signature or payload broken.
      if (token && tamper === 1) token = `${token.slice(0, -3)}AAA`;
      if (token && tamper === 2) token = token.split('.').reverse().join('.');
      const authorization = auth ?? (token ? `Bearer ${token}` : null);
      const all: [string, string][] = [...(authorization ? [['Authorization', authorization] as [string, string]] : []), ...headers];
      if (body !== undefined && !headers.some(([n]) => n === 'Content-Type')) all.push(['Content-Type', 'application/json']);
      return { caller, auth: authorization, method, target: path + query, headers: all, body };
    });
}

const hasChinese = (s: unknown) => typeof s === 'string' && /[\u4e00-\u9fa5]/.test(s);

function judge(res: RawResponse): string | null {
  if (res.status >= 500) return `${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status < 400) return null;
  if (!res.headers['content-type']?.includes('application/problem+json'))
    return `${res.status} without problem JSON (${res.headers['content-type']}): ${res.text.slice(0, 200)}`;
  let problem: { detail?: unknown; status?: unknown };
  try {
    problem = JSON.parse(res.text);
  } catch {
    return `${res.status} problem body is not JSON: ${res.text.slice(0, 200)}`;
  }
  if (!hasChinese(problem.detail)) return `${res.status} detail has no Chinese: ${res.text.slice(0, 200)}`;
  if (problem.status !== res.status) return `problem status ${problem.status} ≠ HTTP ${res.status}`;
  return null;
}

const describeInput = (i: Input) =>
  `${i.caller} ${i.method} ${i.target.slice(0, 300)} headers=${JSON.stringify(i.headers.map(([n, v]) => [n, v.slice(0, 60)]))} body=${(typeof i.body === 'string' ? i.body : (i.body?.toString('hex') ?? '')).slice(0, 300)}`;

describe(`generated hostile input, ${perRoute} inputs per route`, () => {
  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s: never 5xx; refusals are Chinese problems and write nothing',
    async (_, route) => {
      let before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(inputs(route), async (input) => {
          const res = await rawRequest(server.url, { method: input.method, target: input.target, headers: input.headers, body: input.body });
          const verdict = judge(res);
          if (verdict) throw new Error(`${verdict}\n  for ${describeInput(input)}`);
          if (res.status >= 400) {
            const after = await fingerprint();
            const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
            if (changed.length) {
              before = after;
              throw new Error(`refused with ${res.status} but changed ${changed.join(', ')}\n  for ${describeInput(input)}`);
            }
          } else {
            await restoreCallers();
            before = await fingerprint();
          }
        }),
        { numRuns: perRoute, seed: SEED, endOnFailure: process.env.HOSTILE_SHRINK !== '1', verbose: 0 },
      );
    },
    600_000,
  );
});
