import type { NoticeKind } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { electionNoticeKinds } from '../notices/notices.js';
import { type ElectionRow, requireElection } from './elections.js';
import { deadlines, isVoterListOnTime } from './rules.js';

/**
 * The election's side of its notices: the notices domain publishes, schedules and delivers them;
 * what an election notice must keep (its election, its deadline) and which ones the calendar
 * still misses are the election's rules, here.
 */

/**
 * Checks an election notice before the notices domain writes it (the route registry hands it to
 * POST /api/notices): its election is one of this community's, and a voter list is published on
 * time (NOTICE_TOO_LATE names the last day). The candidate list's deadline is held where it is
 * published (election-day/candidates.ts).
 */
export async function checkElectionNotice(ctx: Ctx, notice: { electionId: string; kind: NoticeKind | null; publishAt: Date }) {
  const election = await requireElection(ctx, notice.electionId);
  if (notice.kind === 'voter_list' && !isVoterListOnTime(notice.publishAt, election.electionDay, election.rulebook)) {
    const by = deadlines(election.electionDay, election.rulebook).voterListNoticeBy;
    throw new AppError(
      'NOTICE_TOO_LATE',
      `选民名单须在选举日（${election.electionDay}）前至少${election.rulebook.voterListNoticeDays}天公布，最晚${by}，这份公告的发布日期太晚了。`,
      { errors: [{ path: 'body.publishAt', message: `最晚${by}发布` }] },
    );
  }
}

/** The election notices the law and the plan require; their deadlines are the calendar's (rules.ts `deadlines`). */
const requiredNotices = ['voter_list', 'candidates', 'election_day', 'proxy_list', 'results'] as const satisfies readonly NoticeKind[];

/** The required notices the election has not published or scheduled yet, for its calendar's to-do list. */
export async function missingElectionNotices(ctx: Ctx, election: ElectionRow): Promise<NoticeKind[]> {
  const present = await electionNoticeKinds(ctx, election.id, requiredNotices);
  return requiredNotices.filter((kind) => !present.has(kind));
}
