/**
 * Which domain may use which: functions/<domain> → functions/<other domain>, by static, type-only,
 * re-exported, side-effect or dynamic import (tests/unit/dependencies.test.ts holds every import
 * of the server to it). Every domain folder has an entry, even an empty one; each allowed use says
 * why in one line. A target is a whole domain, or one file of it (`election-day/majority.ts`)
 * where only that file is meant.
 *
 * The arrows run one way: no pair in both directions, and no longer circle either. When a new use
 * would close one, move the code to the side that may use both (as GET /api/elections/:id/me went
 * to proxy votes), or let the side that owns the rule be handed it by the route registry in
 * functions/_entry/ (as notices get elections' check of an election notice) — never list it.
 *
 * Every domain may use the kernel (functions/_platform, functions/_shared) and db/; none may use
 * functions/_entry/ (the layers, in dependencies.test.ts).
 */
export const allowedUses: Record<string, Record<string, string>> = {
  audit: {},
  auth: {
    audit: 'recording and removing a group leader are acts of the election record',
    residents: "GET /api/me answers with the account's resident record",
  },
  'candidate-nominations': {
    audit: 'each nomination, signature, answer and the fixed list go on the chain',
    elections: 'the election, its stage locks and its rules (seats, nomination window)',
    'election-day': 'the nominations end in the candidate list election day keeps, with its people lookup',
    residents: 'the nominator and the nominee are residents of the community',
  },
  community: {
    auth: "a new community's first administrator gets a password by auth's rule",
    'service-requests': 'a new community starts with the service window’s default categories',
  },
  consultations: {
    notices: 'a consultation is announced by a community notice (and its subscribe messages) when it opens',
    'service-requests/content-check.ts': "free-text answers pass WeChat's content check the way requests do",
  },
  'election-day': {
    audit: 'ballots, counts, rounds and results go on the chain',
    elections: 'the election, its voter list, stage locks and rules',
    notices: 'the candidate list and the results are published as election notices',
    residents: 'officials, candidates and voters are residents; near relatives are kept apart',
  },
  'election-desk': {
    'candidate-nominations': "the nomination window is one of the committee's steps the desk shows",
    elections: 'the desk shows an election’s steps, deadlines and stage, and publishes its voter list',
    notices: 'the voter list goes out as an election notice, checked by elections and sent at once',
  },
  elections: {
    audit: 'elections, voter registrations and representatives go on the chain',
    notices: "the calendar lists the election notices not yet published (notices' generic query)",
    residents: 'voters and households are the community’s residents',
  },
  housekeeping: {},
  notices: {
    audit: 'an election notice goes on the chain with its anchor',
  },
  'party-branch': {
    audit: "the branch's roster, requests, meetings and votes go on the chain",
    residents: "the branch's members are residents of the community",
    'election-day/majority.ts': "a meeting's secret ballot is counted by the one majority module every electing body shares",
  },
  'proxy-votes': {
    audit: 'applications, consents, decisions and withdrawals go on the chain',
    elections: 'the election, its voter list, stage locks and deadlines; the caller’s standing in it',
    notices: 'the approved list is published as an election notice; decisions are messages',
    residents: 'applicant and proxy are residents; near relatives where the rulebook asks',
  },
  reviews: {
    consultations: 'the report lists the consultations of the period with their turnout, counted by their own rule',
    'election-desk': "the calendar kept or missed is the desk's steps, from the desk's own facts",
    elections: 'the report is of one election: required, under the committee check',
  },
  residents: {
    audit: 'declared relations and password resets go on the chain',
  },
  'service-requests': {
    notices: 'progress messages (办事进度) go out through the outbox',
  },
  'voter-objections': {
    audit: 'objections and their decisions go on the chain',
    elections: 'an objection is about the voter list of an election, under its locks',
    notices: 'the decision reaches the objector as a message',
    residents: 'the person objected about is a resident',
  },
};
