import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationAnswers, consultationRespondents } from '../../db/schema/index.js';
import { personalDataLeaks } from '../support/pii-scan.js';
import { startTestServer } from '../support/server.js';
import { DEMO, DEMO_PASSWORDS, expectProblem, newIdNumber } from './helpers.js';
import { CRON_SECRET, NOTICE_TEMPLATE, NoticeWorld } from './notices-support.js';

/**
 * Consultations (征求意见) over HTTP: who is asked, once per resident or household, changes until
 * it closes, entry at the door, anonymity read back from every reply, spreadsheet and log.
 */
const w = new NoticeWorld();
const T0 = new Date('2027-01-10T02:00:00Z');
const opensAt = '2027-01-10T00:00:00Z';
const closesAt = '2027-01-20T00:00:00Z';

let g1: string;
let g2: string;
const put = (id: string, token: string, body: Record<string, unknown>) => w.server.request('PUT', `/api/consultations/${id}/answer`, { token, body });
const create = (body: Record<string, unknown>, token = w.staff) =>
  w.server.request('POST', '/api/consultations', {
    token,
    body: {
      title: '广场改造征求意见',
      purpose: '社区准备改造广场，想听听大家的想法。',
      questions: [
        { kind: 'single', text: '您同意改造广场吗？', options: ['同意', '不同意', '无所谓'] },
        { kind: 'multiple', text: '希望增加什么？', options: ['健身器材', '座椅', '路灯', '绿化'] },
        { kind: 'scale', text: '您对现在的广场打几分？' },
        { kind: 'text', text: '其他建议' },
      ],
      opensAt,
      closesAt,
      ...body,
    },
  });

beforeAll(async () => {
  // The notice suites' world, on a server that keeps every log line (requests included) for the anonymity check.
  w.server = await startTestServer({ settings: { CRON_SECRET, OUTBOX_KICK: '0' }, captureLog: 'info' });
  w.server.setNow(T0);
  [w.staff, w.leader, w.resident1, w.staffOther] = await Promise.all([
    w.server.login(DEMO.staff.username, DEMO.staff.password),
    w.server.login(DEMO.leader1.username, DEMO.leader1.password),
    w.server.login(DEMO.resident1.username, DEMO.resident1.password),
    w.server.login(DEMO.staffOther.username, DEMO.staffOther.password),
  ]);
  w.groups = (await w.server.request('GET', '/api/groups', { token: w.staff })).body.items;
  g1 = w.groups[0]!.id;
  g2 = w.groups[1]!.id;
});
afterAll(() => w.close());

describe('building a consultation', () => {
  it('is for the office: a resident and a group leader are refused', async () => {
    expectProblem(await create({}, w.resident1), 403, 'FORBIDDEN');
    expectProblem(await create({}, w.leader), 403, 'FORBIDDEN');
  });

  it('refuses bad input with a Chinese detail and a 4xx, never a 5xx', async () => {
    expectProblem(await create({ title: '' }), 400, 'VALIDATION_FAILED');
    expectProblem(await create({ questions: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await create({ questions: [{ kind: 'single', text: '只有一个选项', options: ['是'] }] }), 400, 'VALIDATION_FAILED');
    expectProblem(await create({ questions: [{ kind: 'vote', text: '?' }] }), 400, 'VALIDATION_FAILED');
    expectProblem(await create({ closesAt: opensAt }), 400, 'VALIDATION_FAILED', '截止时间要晚于开始时间。');
    expectProblem(await create({ opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-02-01T00:00:00Z' }), 400, 'VALIDATION_FAILED');
    expectProblem(await create({ audience: { groups: ['00000000-0000-7000-8000-000000000000'] } }), 400, 'VALIDATION_FAILED');
    expectProblem(await create({ audience: { votersOf: 'x' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await create({ opensAt: 'tomorrow' }), 400, 'VALIDATION_FAILED');
    const res = await w.server.request('POST', '/api/consultations', { token: w.staff, raw: '[1,2', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
  });

  it('offers the satisfaction template for 回头看, to the office only', async () => {
    const t = await w.server.request('GET', '/api/consultations/templates/satisfaction', { token: w.staff });
    expect(t.status).toBe(200);
    expect(t.body.questions.map((q: { kind: string }) => q.kind)).toEqual(['scale', 'scale', 'single', 'multiple', 'text']);
    const made = await create({ ...t.body, title: '回头看满意度' });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ anonymous: true, state: 'open' });
    expectProblem(await w.server.request('GET', '/api/consultations/templates/satisfaction', { token: w.resident1 }), 403, 'FORBIDDEN');
  });

  it("sends subscribers of community notices WeChat's subscribe message when it opens", async () => {
    const follower = await w.wechatResident('何玉兰');
    expect((await w.subscribe(follower.token, ['community'])).status).toBe(200);
    await w.grant(follower);
    const made = await create({ title: '消息提醒征求意见' });
    expect(made.status).toBe(201);
    expect((await w.cron()).status).toBe(200);
    const messages = await w.messagesTo(follower.openid);
    expect(messages.filter((m) => m.templateId === NOTICE_TEMPLATE && JSON.stringify(m.data).includes('消息提醒征求意见'))).toHaveLength(1);
  });

  it('publishes a community notice when it opens (scheduled until then)', async () => {
    const made = await create({ title: '春节活动征求意见', opensAt: '2027-01-12T00:00:00Z' });
    expect(made.status).toBe(201);
    expect(made.body.state).toBe('upcoming');
    const before = await w.server.request('GET', '/api/notices', { token: w.resident1 });
    expect(JSON.stringify(before.body)).not.toContain('春节活动征求意见');
    // Residents do not see it, nor may they answer, before it opens.
    expect((await w.server.request('GET', '/api/consultations', { token: w.resident1 })).body.items.map((c: { title: string }) => c.title)).not.toContain(
      '春节活动征求意见',
    );
    expectProblem(await put(made.body.id, w.resident1, { answers: [{ option: 0 }, {}, {}, {}] }), 404, 'NOT_FOUND');
    w.server.setNow(new Date('2027-01-12T01:00:00Z'));
    try {
      const after = await w.server.request('GET', '/api/notices', { token: w.resident1 });
      expect(JSON.stringify(after.body)).toContain('征求意见：春节活动征求意见');
    } finally {
      w.server.setNow(T0);
    }
  });
});

describe('answering', () => {
  it('once per resident: a second answer replaces the first, and the count stays one', async () => {
    const c = (await create({ title: '每人一份' })).body;
    const first = await put(c.id, w.resident1, { answers: [{ option: 0 }, { options: [0, 2] }, { value: 4 }, { text: '多种树' }] });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ answered: true, changed: false, onBehalf: false });
    expect(first.body.receipt).toBeUndefined();
    const again = await put(c.id, w.resident1, { answers: [{ option: 1 }, { options: [3] }, { value: 2 }, {}] });
    expect(again.body).toMatchObject({ changed: true });
    const mine = await w.server.request('GET', `/api/consultations/${c.id}`, { token: w.resident1 });
    expect(mine.body).toMatchObject({ answered: true, myAnswers: [{ option: 1 }, { options: [3] }, { value: 2 }, {}] });
    const r = await w.server.request('GET', `/api/consultations/${c.id}/results`, { token: w.staff });
    expect(r.status).toBe(200);
    expect(r.body.answered).toBe(1);
    expect(r.body.questions[0].counts).toEqual([0, 1, 0]);
    expect(r.body.questions[1].counts).toEqual([0, 0, 0, 1]);
    expect(r.body.questions[2]).toMatchObject({ counts: [0, 1, 0, 0, 0], mean: 2 });
    expect(r.body.questions[3].texts).toEqual([]);
    expect(r.body.audience).toBeGreaterThan(10);
  });

  it('refuses answers that do not fit the questions, in Chinese', async () => {
    const c = (await create({ title: '答题格式' })).body;
    expectProblem(await put(c.id, w.resident1, { answers: [{ option: 0 }] }), 400, 'VALIDATION_FAILED');
    expectProblem(await put(c.id, w.resident1, { answers: [{ option: 3 }, {}, {}, {}] }), 400, 'VALIDATION_FAILED', '第 1 题请从给出的选项中选一个。');
    expectProblem(await put(c.id, w.resident1, { answers: [{}, { options: [9] }, {}, {}] }), 400, 'VALIDATION_FAILED');
    expectProblem(await put(c.id, w.resident1, { answers: [{}, {}, { value: 6 }, {}] }), 400, 'VALIDATION_FAILED', '第 3 题请打 1 到 5 分。');
    expectProblem(await put(c.id, w.resident1, { answers: [{}, {}, {}, { text: '   ' }] }), 400, 'VALIDATION_FAILED', '请至少回答一道题。');
    expectProblem(await put(c.id, w.resident1, { answers: 'yes' }), 400, 'VALIDATION_FAILED');
    expectProblem(await put('not-an-id', w.resident1, { answers: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await put('00000000-0000-7000-8000-000000000000', w.resident1, { answers: [{ option: 0 }] }), 404, 'NOT_FOUND');
  });

  it('asks only its audience: another group, a fresh account, the voters of an election (NOT_IN_AUDIENCE 404)', async () => {
    const onlyG2 = (await create({ title: '第二组的事', audience: { groups: [g2] } })).body;
    expectProblem(await put(onlyG2.id, w.resident1, { answers: [{ option: 0 }, {}, {}, {}] }), 404, 'NOT_IN_AUDIENCE');
    const neighbour = await w.wechatResident('马玉兰', g2);
    expect((await put(onlyG2.id, neighbour.token, { answers: [{ option: 0 }, {}, {}, {}] })).status).toBe(200);
    const listed = await w.server.request('GET', '/api/consultations', { token: w.resident1 });
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(onlyG2.id);
    expectProblem(await w.server.request('GET', `/api/consultations/${onlyG2.id}`, { token: w.resident1 }), 404, 'NOT_IN_AUDIENCE');

    const fresh = await w.server.request('POST', '/api/auth/register', {
      body: { phone: `137${Date.now() % 100_000_000}`.padEnd(11, '0'), password: 'Fresh#2026x', name: '新用户' },
    });
    const all = (await create({ title: '全社区' })).body;
    expectProblem(await put(all.id, fresh.body.token, { answers: [{ option: 0 }, {}, {}, {}] }), 404, 'NOT_IN_AUDIENCE');

    const election = await w.server.request('POST', '/api/elections', {
      token: w.staff,
      body: { title: '选民征求意见用', electionDay: '2027-03-20', seats: { director: 1, deputyDirector: 1, members: 3 } },
    });
    expect(election.status, election.text).toBe(201);
    const voters = (await create({ title: '选民的事', audience: { votersOf: election.body.id } })).body;
    expectProblem(await put(voters.id, neighbour.token, { answers: [{ option: 0 }, {}, {}, {}] }), 404, 'NOT_IN_AUDIENCE');
    const reg = await w.server.request('POST', `/api/elections/${election.body.id}/voters`, { token: w.staff, body: { residentId: neighbour.residentId } });
    expect(reg.status, reg.text).toBe(201);
    expect((await put(voters.id, neighbour.token, { answers: [{ option: 2 }, {}, {}, {}] })).status).toBe(200);
    const r = await w.server.request('GET', `/api/consultations/${voters.id}/results`, { token: w.staff });
    expect(r.body).toMatchObject({ answered: 1, audience: 1 });
  });

  it('once per household: a second member replaces the household answer', async () => {
    const head = await w.server.request('POST', '/api/residents', {
      token: w.staff,
      body: { name: '杨德明', idNumber: newIdNumber('19600101'), groupId: g1, householdLabel: '东巷9号' },
    });
    expect(head.status, head.text).toBe(201);
    const c = (await create({ title: '每户一份', per: 'household', audience: { households: [head.body.household.id] } })).body;
    const one = await put(c.id, w.staff, { answers: [{ option: 0 }, {}, {}, {}], onBehalfOfResidentId: head.body.id });
    expect(one.status, one.text).toBe(200);
    const spouse = await w.server.request('POST', '/api/residents', {
      token: w.staff,
      body: { name: '杨秀英', idNumber: newIdNumber('19620101'), groupId: g1, householdId: head.body.household.id },
    });
    expect(spouse.status, spouse.text).toBe(201);
    const two = await put(c.id, w.leader, { answers: [{ option: 1 }, {}, {}, {}], onBehalfOfResidentId: spouse.body.id });
    expect(two.body).toMatchObject({ changed: true, onBehalf: true });
    const r = await w.server.request('GET', `/api/consultations/${c.id}/results`, { token: w.staff });
    expect(r.body).toMatchObject({ answered: 1, audience: 1 });
    expect(r.body.questions[0].counts).toEqual([0, 1, 0]);
    // resident1 is in no household of the audience.
    expectProblem(await put(c.id, w.resident1, { answers: [{ option: 0 }, {}, {}, {}] }), 404, 'NOT_IN_AUDIENCE');
  });

  it('is changeable until it closes, then CONSULTATION_CLOSED 422; results reach residents once closed', async () => {
    const c = (await create({ title: '到期关闭', closesAt: '2027-01-11T00:00:00Z' })).body;
    expect((await put(c.id, w.resident1, { answers: [{ option: 0 }, {}, {}, {}] })).status).toBe(200);
    expectProblem(await w.server.request('GET', `/api/consultations/${c.id}/results`, { token: w.resident1 }), 403, 'FORBIDDEN');
    w.server.setNow(new Date('2027-01-11T00:00:00Z'));
    try {
      expectProblem(await put(c.id, w.resident1, { answers: [{ option: 1 }, {}, {}, {}] }), 422, 'CONSULTATION_CLOSED');
      expectProblem(
        await put(c.id, w.staff, { answers: [{ option: 1 }, {}, {}, {}], onBehalfOfResidentId: (await w.wechatResident('韩文斌')).residentId }),
        422,
        'CONSULTATION_CLOSED',
      );
      const r = await w.server.request('GET', `/api/consultations/${c.id}/results`, { token: w.resident1 });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ state: 'closed', answered: 1 });
      expect(r.body.questions[0].counts).toEqual([1, 0, 0]);
    } finally {
      w.server.setNow(T0);
    }
  });

  it('is entered at the door by the group leader or staff, recorded as on the resident’s behalf', async () => {
    const c = (await create({ title: '上门代填' })).body;
    const grandma = await w.server.request('POST', '/api/residents', {
      token: w.staff,
      body: { name: '刘淑珍', idNumber: newIdNumber('19400101'), groupId: g1 },
    });
    const other = await w.server.request('POST', '/api/residents', {
      token: w.staff,
      body: { name: '何海军', idNumber: newIdNumber('19500101'), groupId: g2 },
    });
    const res = await put(c.id, w.leader, { answers: [{ option: 0 }, {}, { value: 5 }, { text: '老人想要座椅' }], onBehalfOfResidentId: grandma.body.id });
    expect(res.status, res.text).toBe(200);
    expect(res.body.onBehalf).toBe(true);
    // Another group's resident: not the leader's to enter.
    expectProblem(await put(c.id, w.leader, { answers: [{ option: 0 }, {}, {}, {}], onBehalfOfResidentId: other.body.id }), 404, 'NOT_FOUND');
    expectProblem(await put(c.id, w.resident1, { answers: [{ option: 0 }, {}, {}, {}], onBehalfOfResidentId: grandma.body.id }), 404, 'NOT_FOUND');
    const rows = await w.server.db.select().from(consultationRespondents).where(eq(consultationRespondents.consultationId, c.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ residentId: grandma.body.id });
    expect(rows[0]!.enteredByAccountId).not.toBeNull();
    const book = new ExcelJS.Workbook();
    const x = await fetch(`${w.server.url}/api/consultations/${c.id}/results.xlsx`, { headers: { Authorization: `Bearer ${w.staff}` } });
    expect(x.status).toBe(200);
    await book.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const sheet = book.getWorksheet('答卷')!;
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['刘淑珍', '是', '同意', 5, '老人想要座椅']));
    // The leader sees their group's turnout and who is still to visit; a resident may not.
    const t = await w.server.request('GET', `/api/consultations/${c.id}/turnout`, { token: w.leader });
    expect(t.status, t.text).toBe(200);
    expect(t.body.groups).toHaveLength(1);
    expect(t.body.groups[0]).toMatchObject({ groupId: g1, answered: 1 });
    expect(t.body.groups[0].waiting.map((p: { name: string }) => p.name)).not.toContain('刘淑珍');
    expect(t.body.groups[0].waiting.length).toBe(t.body.groups[0].audience - 1);
    expectProblem(await w.server.request('GET', `/api/consultations/${c.id}/turnout`, { token: w.resident1 }), 403, 'FORBIDDEN');
    expectProblem(await w.server.request('GET', `/api/consultations/${c.id}/results.xlsx`, { token: w.leader }), 403, 'FORBIDDEN');
  });

  it("puts free text through WeChat's content check", async () => {
    const c = (await create({ title: '内容检查' })).body;
    await w.wx('/test/content', { text: '违禁词语', suggest: 'risky' });
    const wx = await w.wechatResident('周雨欣');
    expectProblem(await put(c.id, wx.token, { answers: [{ option: 0 }, {}, {}, { text: '这里有违禁词语' }] }), 422, 'CONTENT_REJECTED');
    const r = await w.server.request('GET', `/api/consultations/${c.id}/results`, { token: w.staff });
    expect(r.body.answered).toBe(0);
    expect((await put(c.id, wx.token, { answers: [{ option: 0 }, {}, {}, { text: '希望多装路灯' }] })).status).toBe(200);
  });

  it('keeps other communities out', async () => {
    const c = (await create({ title: '本社区的事' })).body;
    expectProblem(await w.server.request('GET', `/api/consultations/${c.id}/results`, { token: w.staffOther }), 404, 'NOT_FOUND');
    expectProblem(await put(c.id, w.staffOther, { answers: [{ option: 0 }, {}, {}, {}] }), 404, 'NOT_FOUND');
  });
});

describe('anonymity', () => {
  it('links no anonymous answer to its author: not in any reply, the spreadsheet, the rows, the audit chain or the log', async () => {
    const c = (await create({ title: '不记名', anonymous: true })).body;
    const a = await w.wechatResident('郭俊杰');
    const b = await w.wechatResident('陈佳怡');
    const secretA = '甲的匿名意见路灯太暗';
    const secretB = '乙的匿名意见垃圾桶太少';
    const ra = await put(c.id, a.token, { answers: [{ option: 0 }, {}, { value: 1 }, { text: secretA }] });
    expect(ra.status, ra.text).toBe(200);
    expect(ra.body.receipt).toEqual(expect.any(String));
    const rb = await put(c.id, b.token, { answers: [{ option: 1 }, {}, { value: 5 }, { text: secretB }] });
    const byLeader = await put(c.id, w.leader, {
      answers: [{ option: 2 }, {}, {}, {}],
      onBehalfOfResidentId: (
        await w.server.request('POST', '/api/residents', { token: w.staff, body: { name: '赵德明', idNumber: newIdNumber('19450101'), groupId: g1 } })
      ).body.id,
    });
    expect(byLeader.status).toBe(200);
    // Changing needs the receipt: without it the person is refused, with it the answer changes.
    expectProblem(await put(c.id, a.token, { answers: [{ option: 2 }, {}, {}, {}] }), 409, 'CONFLICT');
    expectProblem(await put(c.id, a.token, { answers: [{ option: 2 }, {}, {}, {}], receipt: rb.body.receipt.slice(1) }), 409, 'CONFLICT');
    const changed = await put(c.id, a.token, { answers: [{ option: 0 }, {}, { value: 2 }, { text: secretA }], receipt: ra.body.receipt });
    expect(changed.body).toMatchObject({ changed: true });
    const mine = await w.server.request('GET', `/api/consultations/${c.id}`, { token: a.token });
    expect(mine.body).toMatchObject({ answered: true, myAnswers: null });

    const results = await w.server.request('GET', `/api/consultations/${c.id}/results`, { token: w.staff });
    expect(results.body.answered).toBe(3);
    expect(results.body.questions[2].counts).toEqual([0, 1, 0, 0, 1]);
    expect(results.body.questions[3].texts.sort()).toEqual([secretA, secretB].sort());
    await w.server.request('GET', `/api/consultations/${c.id}/turnout`, { token: w.staff });
    await w.server.request('GET', '/api/consultations', { token: w.staff });
    const x = await fetch(`${w.server.url}/api/consultations/${c.id}/results.xlsx`, { headers: { Authorization: `Bearer ${w.staff}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const cells: string[] = [];
    book.eachSheet((s) => s.eachRow((r) => r.eachCell((cell) => cells.push(String(cell.value)))));
    const people = [a, b].flatMap((p) => [p.name, p.residentId, p.accountId, p.openid]);
    for (const p of people) expect(cells.join('|')).not.toContain(p);
    expect(book.getWorksheet('答卷')!.getRow(1).values).not.toContain('居民');

    // Every reply the server gave in this suite: none carries a secret together with anything of its author.
    for (const text of w.server.recorded) {
      if (!text.includes(secretA) && !text.includes(secretB)) continue;
      for (const p of people) expect(text).not.toContain(p);
    }
    // The rows: no person, account, household or time on an anonymous answer; ids are random, not time-ordered.
    const rows = await w.server.db.select().from(consultationAnswers).where(eq(consultationAnswers.consultationId, c.id));
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r).toMatchObject({ respondentKey: null, residentId: null, householdId: null, enteredByAccountId: null, answeredAt: null });
      expect(r.id[14]).toBe('4');
      expect(r.receiptHash).not.toContain(ra.body.receipt);
    }
    // The audit chain and the log name no consultation answer.
    const audit = await w.server.request('GET', '/api/audit', { token: w.staff });
    expect(audit.status).toBe(200);
    expect(audit.text).not.toContain(c.id);
    const logs = w.server.logs();
    expect(logs.some((l) => l.includes(`/api/consultations/${c.id}/answer`))).toBe(true);
    for (const line of logs) {
      for (const s of [secretA, secretB]) expect(line).not.toContain(s);
      if (line.includes(c.id)) for (const p of people) expect(line).not.toContain(p);
    }
    const column = await w.server.db.execute(sql`select count(*) as n from consultation_respondents where consultation_id = ${c.id}::uuid`);
    expect(Number(((column as { rows?: { n: string }[] }).rows ?? (column as unknown as { n: string }[]))[0]!.n)).toBe(3);
  });
});

it('never sent a whole ID number, a password or a session key in any reply of this suite', () => {
  expect(personalDataLeaks(w.server.recorded, { passwords: DEMO_PASSWORDS })).toEqual([]);
});
