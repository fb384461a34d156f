import { startTestServer, type TestServer } from '../support/server.js';
import { newIdNumber, withBasis } from './helpers.js';

export const seats = { director: 1, deputyDirector: 1, members: 3 };

/**
 * The world of the election suites: a test server at a pinned clock (the current election must not
 * depend on the day the suite runs), the committee, group leader 1, resident 1 and another
 * community's committee signed in, and the helpers the committee and the leader act through. New
 * elections fall on days of their own from 1 January of `year`, so suites never share one.
 * `start` goes in beforeAll, `close` in afterAll; the helpers are arrow properties.
 */
export class ElectionWorld {
  server!: TestServer;
  committee!: string;
  leader!: string;
  resident!: string;
  otherCommittee!: string;
  groups!: { id: string; name: string }[];
  private dayOffset = 0;

  constructor(private readonly year: number) {}

  async start() {
    this.server = await startTestServer();
    this.server.setNow(new Date('2026-11-26T02:00:00Z'));
    [this.committee, this.leader, this.resident, this.otherCommittee] = await Promise.all([
      this.server.login('staff', 'Staff#2026'),
      this.server.login('leader1', 'Leader#2026'),
      this.server.login('resident1', 'Resident#2026'),
      this.server.login('staff@other', 'Staff#2026'),
    ]);
    this.groups = (await this.server.request('GET', '/api/groups', { token: this.committee })).body.items;
  }

  close = () => this.server.close();

  /** A new election, each on a day of its own (never the current one unless asked). */
  newElection = async (opts: { electionDay?: string; rules?: Record<string, unknown>; title?: string } = {}) => {
    const electionDay = opts.electionDay ?? new Date(Date.UTC(this.year, 0, 1 + this.dayOffset++)).toISOString().slice(0, 10);
    const res = await this.server.request('POST', '/api/elections', {
      token: this.committee,
      body: { title: opts.title ?? `选举${electionDay}`, electionDay, seats, ...(opts.rules ? { rules: opts.rules, ...withBasis(opts.rules) } : {}) },
    });
    if (res.status !== 201) throw new Error(`election: ${res.status} ${res.text}`);
    return res.body as { id: string; title: string; electionDay: string; rules: Record<string, unknown> };
  };

  /** A verified resident entered at the window. */
  newResident = async (groupId: string, name = '韩春生', birth = '19700101', extra: Record<string, unknown> = {}) => {
    const res = await this.server.request('POST', '/api/residents', {
      token: this.committee,
      body: { name, idNumber: newIdNumber(birth), groupId, ...extra },
    });
    if (res.status !== 201) throw new Error(`resident: ${res.status} ${res.text}`);
    return res.body as { id: string; name: string; household?: { id: string; label: string } };
  };

  registerAll = (electionId: string, groupId?: string) =>
    this.server.request('POST', `/api/elections/${electionId}/voters`, { token: this.committee, body: { all: true, ...(groupId ? { groupId } : {}) } });
  nominate = (electionId: string, residentId: string, token = this.leader) =>
    this.server.request('POST', `/api/elections/${electionId}/nominations`, { token, body: { residentId } });
}
