import type { AuthedCtx } from '../_platform/context.js';
import { nominationsOf } from '../elections/nominations.js';
import { myVoterStatus } from '../elections/voters.js';
import { myProxyApplications } from './list.js';

/**
 * The caller's standing in an election (GET /api/elections/:id/me): on the voter list or why not,
 * the representatives' nominations naming them, the entrustments they are applicant or proxy of.
 * It gathers from elections and from proxy votes, so it lives on the side that may use both:
 * proxy votes use elections, never the other way round.
 */
export async function myElectionStatus({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  const status = await myVoterStatus(ctx, input.electionId);
  return {
    voter: status.voter,
    reason: status.reason,
    ...(status.eligible !== undefined ? { eligible: status.eligible } : {}),
    nominations: status.resident ? await nominationsOf(ctx, input.electionId, status.resident.id) : [],
    proxyApplications: status.resident ? await myProxyApplications(ctx, input.electionId, status.resident.id) : [],
  };
}
