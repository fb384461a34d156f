import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditAnchors, auditLog, communities } from '../../db/schema/index.js';
import type { Ctx } from '../../functions/_platform/context.js';
import { anchorCode } from '../../functions/audit/anchor-code.js';
import { auditHeadOf, entryHash, GENESIS, verifyChain } from '../../functions/audit/chain.js';
import { verifyCommunity } from '../../functions/audit/verify.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, expectProblem } from './helpers.js';

/**
 * The audit chain anchored on paper (API.md "Anchors"): every election notice carries the chain's
 * head, and verification (the committee's route, `npm run audit:verify`, the public 公告核验 check)
 * holds the chain to every code printed. The database is tampered with directly, three ways a
 * person with access to it could try, and each shows in all three checks.
 */
const root = path.resolve(import.meta.dirname, '../..');
let server: TestServer;
let staff: string;
let communityId: string;
let electionId: string;

interface Published {
  id: string;
  title: string;
  anchor: { seq: number; code: string };
}
const notices: Published[] = [];

// 2026-12-07 10:30, 10:31, 10:32 China time.
const times = ['2026-12-07T02:30:00.000Z', '2026-12-07T02:31:00.000Z', '2026-12-07T02:32:00.000Z'];
const titles = ['八珠街社区选民名单公告', '八珠街社区正式候选人名单公告', '八珠街社区选举结果公告'];
const kinds = ['voter_list', 'candidates', 'results'] as const;

beforeAll(async () => {
  server = await startTestServer();
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  communityId = community!.id;
  staff = await server.login(DEMO.staff.username, DEMO.staff.password);
});
afterAll(() => server?.close());

/**
 * The election and its three notices, made once, by the first test that runs: a fault in making
 * them (an anchor that cannot be recorded) fails the tests, where a hook's failure would only skip them.
 */
let made: Promise<void> | undefined;
beforeEach(() => (made ??= publishNotices()));

async function publishNotices() {
  server.setNow(new Date('2026-12-01T02:00:00Z'));
  const election = await server.request('POST', '/api/elections', {
    token: staff,
    // The founding plan's 10-day voter list: a departure from the 2026 law's 20 days, with its basis.
    body: {
      title: '核验码测试选举',
      electionDay: '2026-12-20',
      seats: { director: 1, deputyDirector: 1, members: 3 },
      rules: { voterListNoticeDays: 10 },
      basis: '建社方案：选举投票日前10日发布选民登记公告',
    },
  });
  expect(election.status, election.text).toBe(201);
  electionId = election.body.id;
  for (const [i, title] of titles.entries()) {
    server.setNow(new Date(times[i]!));
    // The voter list was due ten days before the election: published early enough, at 12-01.
    if (i === 0) server.setNow(new Date('2026-12-01T02:30:00Z'));
    const res = await server.request('POST', '/api/notices', {
      token: staff,
      body: { category: 'election', kind: kinds[i], electionId, title, body: `${title}（正文）` },
    });
    expect(res.status, res.text).toBe(201);
    notices.push(res.body);
  }
  server.setNow(null);
}

/** The committee's check. */
const apiVerify = async () => (await server.request('GET', '/api/audit/verify', { token: staff })).body;
/** The public check of a code, without signing in. */
const publicCheck = async (code: string) => server.request('GET', `/api/public/anchors/${encodeURIComponent(code)}`);

/**
 * `npm run audit:verify` as a child process against this test's database: on a Postgres server
 * through its URL; on PGlite through a copy of the in-memory database in a data directory.
 */
async function cliVerify(): Promise<{ status: number | null; out: string }> {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn' };
  let dir: string | undefined;
  if (server.dbUrl) {
    env.DATABASE_URL = server.dbUrl;
  } else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
    const { PGlite } = await import('@electric-sql/pglite');
    const live = (server.db as unknown as { $client: InstanceType<typeof PGlite> }).$client;
    const copy = new PGlite(path.join(dir, 'pglite'), { loadDataDir: await live.dumpDataDir('none') });
    await copy.waitReady;
    await copy.close();
    env.DATABASE_URL = undefined;
    env.DATA_DIR = dir;
  }
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'functions/_entry/audit-verify.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, out }));
    });
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const atSeq = (seq: number) => and(eq(auditLog.communityId, communityId), eq(auditLog.seq, seq));
const entriesFrom = (seq: number) =>
  server.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.communityId, communityId), gte(auditLog.seq, seq)))
    .orderBy(asc(auditLog.seq));

/** Puts the entries back exactly as they were, after a tampering case. */
async function restore(rows: (typeof auditLog.$inferSelect)[]) {
  const seqs = rows.map((r) => r.seq);
  await server.db.delete(auditLog).where(and(eq(auditLog.communityId, communityId), gte(auditLog.seq, Math.min(...seqs))));
  await server.db.insert(auditLog).values(rows);
  expect(await apiVerify()).toMatchObject({ ok: true });
}

/** What the command line says of a broken anchor: the sheet named in plain words. */
const brokenLine = (n: Published, time: string) => `BROKEN 八珠街社区: 核验码 ${n.anchor.code}（${n.title}，${time} 公布）与记录不符`;

describe('anchors on election notices', () => {
  it('gives every election notice the head just after its own entry, and shows it when the notice is read', async () => {
    for (const n of notices) {
      expect(n.anchor).toEqual({ seq: expect.any(Number), code: expect.stringMatching(/^[0-9a-f]{10}$/) });
      const [entry] = await server.db.select().from(auditLog).where(atSeq(n.anchor.seq));
      expect(entry).toMatchObject({ action: 'notice.published', subject: n.id });
      expect(entry!.hash.slice(0, 10)).toBe(n.anchor.code);
      const read = await server.request('GET', `/api/notices/${n.id}`, { token: staff });
      expect(read.body.anchor).toEqual(n.anchor);
    }
    expect(notices.map((n) => n.anchor.seq)).toEqual([notices[0]!.anchor.seq, notices[0]!.anchor.seq + 1, notices[0]!.anchor.seq + 2]);
  });

  it('gives other notices none', async () => {
    const res = await server.request('POST', '/api/notices', { token: staff, body: { category: 'community', title: '停水通知', body: '明天停水。' } });
    expect(res.status).toBe(201);
    expect(res.body.anchor).toBeUndefined();
    expect((await server.request('GET', `/api/notices/${res.body.id}`, { token: staff })).body.anchor).toBeUndefined();
  });

  it('anchors a scheduled election notice at the head of when it was written', async () => {
    const res = await server.request('POST', '/api/notices', {
      token: staff,
      body: { category: 'election', kind: 'election_day', electionId, title: '选举日公告', body: '……', publishAt: '2026-12-10T00:00:00Z' },
    });
    expect(res.status, res.text).toBe(201);
    const [entry] = await server.db.select().from(auditLog).where(atSeq(res.body.anchor.seq));
    expect(entry).toMatchObject({ action: 'notice.scheduled', subject: res.body.id });
  });
});

describe('the printed sheets', () => {
  it('anchors voter cards when they are printed, naming the election, not the voter', async () => {
    const res = await server.request('GET', `/api/elections/${electionId}/voter-cards`, { token: staff });
    expect(res.status, res.text).toBe(200);
    expect(res.body.anchor).toEqual({ seq: expect.any(Number), code: expect.stringMatching(/^[0-9a-f]{10}$/) });
    const [row] = await server.db
      .select()
      .from(auditAnchors)
      .where(and(eq(auditAnchors.what, 'voter_card'), eq(auditAnchors.code, res.body.anchor.code)));
    expect(row).toMatchObject({ label: '核验码测试选举选民证', electionId, subject: electionId, seq: res.body.anchor.seq });
    // The printing is on the chain, and the cards carry the head just after it.
    const [entry] = await server.db.select().from(auditLog).where(atSeq(res.body.anchor.seq));
    expect(entry).toMatchObject({ action: 'voter_cards.printed', subject: `election:${electionId}`, hash: expect.stringMatching(`^${res.body.anchor.code}`) });
    expect((await publicCheck(res.body.anchor.code)).body).toMatchObject({ matches: true, what: 'voter_card', label: '核验码测试选举选民证' });
  });

  it('anchors the exported proxy list and prints the code on it', async () => {
    const res = await fetch(`${server.url}/api/elections/${electionId}/exports/proxies.xlsx`, { headers: { Authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(200);
    const code = res.headers.get('x-anchor-code')!;
    const seq = Number(res.headers.get('x-anchor-seq'));
    expect(code).toMatch(/^[0-9a-f]{10}$/);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain(`核验码 ${code}（第${seq}条记录）　可在“公告核验”页输入核验码查验`);
    expect((await publicCheck(code)).body).toMatchObject({ matches: true, what: 'proxy_list', label: '核验码测试选举委托投票名单' });
    // The printing is an act of its own on the chain, and the sheet carries the head just after it.
    const [printed] = await server.db.select().from(auditLog).where(atSeq(seq));
    expect(printed).toMatchObject({ action: 'proxy_list.printed', subject: `election:${electionId}`, electionId, payload: { entries: 0 } });
  });
});

describe('the public check of a code', () => {
  it('matches a published notice’s code for anyone, read in any case and with spaces, naming only what was printed', async () => {
    const n = notices[2]!;
    const spaced = `${n.anchor.code.slice(0, 5).toUpperCase()} ${n.anchor.code.slice(5)}`;
    for (const code of [n.anchor.code, spaced]) {
      const res = await publicCheck(code);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ matches: true, at: times[2], what: 'notice', label: n.title });
    }
  });

  it('answers an unknown code with no match, and a malformed one with a sentence to act on', async () => {
    expect((await publicCheck('0123456789')).body).toEqual({ matches: false });
    const sentence = '核验码是10位，由数字0-9和字母a-f组成，请对照公告或证书重新输入。';
    for (const bad of ['12345', 'zzzzzzzzzz', '0123456789a']) {
      const res = await publicCheck(bad);
      expectProblem(res, 400, 'VALIDATION_FAILED', sentence);
      // The sentence stands beside the box the code was typed into.
      expect(res.body.errors).toEqual([{ path: 'params.code', message: sentence }]);
    }
  });
});

describe('tampering with the database', () => {
  it('untouched: every check says ok, and every code matches', async () => {
    expect(await apiVerify()).toMatchObject({ ok: true });
    const cli = await cliVerify();
    expect(cli.out).toMatch(/^ok {5}八珠街社区: /m);
    expect(cli.out).toMatch(/^ok {5}东关社区: /m);
    expect(cli.status, cli.out).toBe(0);
    for (const n of notices) expect((await publicCheck(n.anchor.code)).body.matches).toBe(true);
  });

  it('(a) the last entries cut off, from an anchored one on: the chain alone still checks out, the anchor does not', async () => {
    const n = notices[2]!;
    const saved = await entriesFrom(n.anchor.seq);
    await server.db.delete(auditLog).where(and(eq(auditLog.communityId, communityId), gte(auditLog.seq, n.anchor.seq)));
    try {
      expect(await verifyChain(server.db, communityId)).toMatchObject({ ok: true, length: n.anchor.seq - 1 });
      const api = await apiVerify();
      expect(api).toMatchObject({
        ok: false,
        length: n.anchor.seq - 1,
        brokenAnchor: { seq: n.anchor.seq, code: n.anchor.code, what: 'notice', label: n.title, at: times[2] },
      });
      // No entry is broken, so none is named.
      expect(api).not.toHaveProperty('brokenAt');
      expect(api).not.toHaveProperty('brokenEntry');
      const cli = await cliVerify();
      expect(cli.status, cli.out).toBe(1);
      expect(cli.out).toContain(brokenLine(n, '2026-12-07 10:32'));
      expect((await publicCheck(n.anchor.code)).body).toEqual({ matches: false });
      expect((await publicCheck(notices[1]!.anchor.code)).body.matches).toBe(true);
    } finally {
      await restore(saved);
    }
  });

  it('(b) an entry rewritten and every later hash recomputed: the chain alone checks out, the anchors from there on do not', async () => {
    const n = notices[1]!;
    const saved = await entriesFrom(n.anchor.seq);
    // A forger changes the published title and recomputes every hash after it.
    let prevHash = saved[0]!.prevHash;
    for (const [i, row] of saved.entries()) {
      const payload = i === 0 ? { ...(row.payload as object), title: '八珠街社区正式候选人名单公告（改）' } : row.payload;
      const forged = { ...row, payload, prevHash };
      const hash = entryHash(forged);
      await server.db.update(auditLog).set({ payload, prevHash, hash }).where(atSeq(row.seq));
      prevHash = hash;
    }
    try {
      expect(await verifyChain(server.db, communityId)).toMatchObject({ ok: true });
      const api = await apiVerify();
      expect(api).toMatchObject({ ok: false, brokenAnchor: { seq: n.anchor.seq, code: n.anchor.code, what: 'notice', label: n.title } });
      expect(api).not.toHaveProperty('brokenAt');
      expect(api).not.toHaveProperty('brokenEntry');
      const cli = await cliVerify();
      expect(cli.status, cli.out).toBe(1);
      expect(cli.out).toContain(brokenLine(n, '2026-12-07 10:31'));
      expect((await publicCheck(n.anchor.code)).body).toEqual({ matches: false });
      expect((await publicCheck(notices[2]!.anchor.code)).body).toEqual({ matches: false });
      expect((await publicCheck(notices[0]!.anchor.code)).body.matches).toBe(true);
    } finally {
      await restore(saved);
    }
  });

  it('(c) an entry before the anchors edited in place: the chain breaks there, and the first anchor after it is named', async () => {
    const n = notices[0]!;
    const seq = n.anchor.seq - 1;
    const saved = await entriesFrom(seq);
    const edited = saved[0]!;
    await server.db
      .update(auditLog)
      .set({ payload: { ...(edited.payload as object), forged: true } })
      .where(atSeq(seq));
    try {
      const api = await apiVerify();
      expect(api).toMatchObject({ ok: false, brokenAt: seq, brokenAnchor: { seq: n.anchor.seq, code: n.anchor.code, what: 'notice', label: n.title } });
      const cli = await cliVerify();
      expect(cli.status, cli.out).toBe(1);
      expect(cli.out).toContain(brokenLine(n, '2026-12-01 10:30'));
      // The anchored entry itself still has its hash: only the walk from the start shows the edit.
      const [own] = await server.db.select().from(auditLog).where(atSeq(n.anchor.seq));
      expect(own!.hash.slice(0, 10)).toBe(n.anchor.code);
      for (const each of notices) expect((await publicCheck(each.anchor.code)).body).toEqual({ matches: false });
    } finally {
      await restore(saved);
    }
  });

  it('(d) an entry after an anchor edited in place: the code printed before it still matches (it vouches for the record up to it), the later ones do not', async () => {
    const seq = notices[1]!.anchor.seq;
    const saved = await entriesFrom(seq);
    await server.db
      .update(auditLog)
      .set({ payload: { ...(saved[0]!.payload as object), forged: true } })
      .where(atSeq(seq));
    try {
      expect(await apiVerify()).toMatchObject({ ok: false, brokenAt: seq, brokenEntry: { seq, action: 'notice.published' } });
      expect((await publicCheck(notices[0]!.anchor.code)).body).toMatchObject({ matches: true, label: notices[0]!.title });
      expect((await publicCheck(notices[1]!.anchor.code)).body).toEqual({ matches: false });
      expect((await publicCheck(notices[2]!.anchor.code)).body).toEqual({ matches: false });
    } finally {
      await restore(saved);
    }
  });

  it('is whole again once the entries are put back', async () => {
    expect(await apiVerify()).toMatchObject({ ok: true });
    for (const n of notices) expect((await publicCheck(n.anchor.code)).body.matches).toBe(true);
  });
});

describe('a code printed before any act (seq 0: the empty chain’s head)', () => {
  it('the head of a community whose chain has no entry yet is seq 0 and the genesis hash', async () => {
    const [east] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'other'));
    expect(await verifyChain(server.db, east!.id)).toEqual({ ok: true, length: 0, head: GENESIS });
    expect(await auditHeadOf({ db: server.db, communityId: east!.id } as Ctx)).toEqual({ seq: 0, hash: GENESIS });
  });

  it('matches, and verification holds it, while the record is whole; a chain that no longer starts from nothing breaks it', async () => {
    const [east] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'other'));
    const at = new Date('2026-12-01T02:00:00Z');
    const [row] = await server.db
      .insert(auditAnchors)
      .values({
        communityId: east!.id,
        seq: 0,
        hash: GENESIS,
        code: anchorCode(GENESIS),
        what: 'notice',
        subject: 'seq-0',
        label: '东关社区换届选举筹备公告',
        at,
      })
      .returning();
    try {
      expect((await publicCheck(anchorCode(GENESIS))).body).toEqual({ matches: true, at: at.toISOString(), what: 'notice', label: '东关社区换届选举筹备公告' });
      expect(await verifyCommunity(server.db, east!.id)).toMatchObject({ ok: true });
      // The same anchor claiming another hash at seq 0: neither check may take it.
      await server.db
        .update(auditAnchors)
        .set({ hash: 'f'.repeat(64) })
        .where(eq(auditAnchors.id, row!.id));
      expect((await publicCheck(anchorCode(GENESIS))).body).toEqual({ matches: false });
      expect(await verifyCommunity(server.db, east!.id)).toMatchObject({ ok: false, brokenAnchor: { seq: 0, label: '东关社区换届选举筹备公告' } });
    } finally {
      await server.db.delete(auditAnchors).where(eq(auditAnchors.id, row!.id));
    }
  });
});
