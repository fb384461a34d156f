import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { type ProxyApplicationStatus, proxyApplications } from '../../db/schema/index.js';
import { type AuthedCtx, isCommittee } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { decodeCursor, page } from '../_platform/paging.js';
import { perDatabaseShape } from '../_platform/prepared.js';
import { requireElection } from '../elections/elections.js';
import { gatherFacts } from './facts.js';
import { type ApplicationWithNames, applicationView, callerResidentId, type Election, findApplication, selectApplications } from './queries.js';
import { approvalChecks } from './rules.js';

const isOpen = (r: ApplicationWithNames) => r.app.status === 'awaiting_consent' || r.app.status === 'awaiting_approval';

/** Open applications carry the rule checks as they stand now, so the committee sees what an approval would meet. */
async function withChecks(ctx: AuthedCtx, election: Election, rows: ApplicationWithNames[], me: string | null) {
  const open = rows.filter(isOpen).map((r) => r.app);
  const facts = await gatherFacts(ctx, election, open);
  const checks = new Map(open.map((app, i) => [app.id, approvalChecks(facts[i]!)]));
  return rows.map((r) => {
    const view = applicationView(r, me);
    const mine = checks.get(r.app.id);
    return mine ? { ...view, checks: mine.map(({ code: _code, ...c }) => c) } : view;
  });
}

const $ = sql.placeholder;

/**
 * The list's statement for one shape — the committee's whole list or a voter's own, a status
 * asked for or not, after a cursor or not — built once per database and prepared.
 */
const applicationPage = perDatabaseShape((db, shape: { committee: boolean; status: boolean; after: boolean }) =>
  selectApplications({ db })
    .where(
      and(
        eq(proxyApplications.communityId, $('communityId')),
        eq(proxyApplications.electionId, $('electionId')),
        shape.committee ? undefined : or(eq(proxyApplications.applicantResidentId, $('me')), eq(proxyApplications.proxyResidentId, $('me'))),
        shape.status ? eq(proxyApplications.status, $('status')) : undefined,
        shape.after ? gt(proxyApplications.id, $('after')) : undefined,
      ),
    )
    .orderBy(asc(proxyApplications.id))
    .limit($('limit'))
    .prepare(`proxy_applications_${shape.committee ? 'all' : 'own'}${shape.status ? '_s' : ''}${shape.after ? '_k' : ''}`),
);

/** The committee sees every application of the election; anyone else those they are applicant or proxy of. */
export async function listProxyApplications({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; status?: ProxyApplicationStatus; limit: number; cursor?: string };
}) {
  const election = await requireElection(ctx, input.electionId);
  const me = await callerResidentId(ctx);
  const committee = isCommittee(ctx);
  if (!committee && !me) return { items: [], nextCursor: null };
  const after = decodeCursor(input.cursor);
  const rows = await applicationPage(ctx.db, { committee, status: !!input.status, after: !!after }).execute({
    communityId: ctx.communityId,
    electionId: election.id,
    me,
    status: input.status,
    after,
    limit: input.limit + 1,
  });
  const shaped = page(
    rows.map((r) => ({ ...r, id: r.app.id })),
    input.limit,
    (r) => r,
  );
  const items = committee ? await withChecks(ctx, election, shaped.items, me) : shaped.items.map((r) => applicationView(r, me));
  return { items, nextCursor: shaped.nextCursor };
}

/**
 * One application with its election: for its applicant, its proxy and the committee (the printed
 * 委托书's QR code opens this, so a polling station official sees the current status). Anyone else: 404.
 */
export async function getProxyApplication({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; applicationId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const me = await callerResidentId(ctx);
  const r = await findApplication(ctx, election.id, input.applicationId);
  const committee = isCommittee(ctx);
  if (!committee && (!me || (r.app.applicantResidentId !== me && r.app.proxyResidentId !== me))) throw notFound('委托申请');
  // One application in, one view out.
  const view = (committee ? await withChecks(ctx, election, [r], me) : [applicationView(r, me)])[0]!;
  return { ...view, election: { id: election.id, title: election.title, electionDay: election.electionDay } };
}

/** The caller's own applications and the entrustments naming them, for GET /api/elections/:id/me. */
export async function myProxyApplications(ctx: AuthedCtx, electionId: string, residentId: string) {
  const rows = await applicationPage(ctx.db, { committee: false, status: false, after: false }).execute({
    communityId: ctx.communityId,
    electionId,
    me: residentId,
    limit: 100,
  });
  return rows.map((r) => applicationView(r, residentId));
}
