import type { NoticeKind } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { chinaDate } from '../_shared/china-time.js';
import { electionNoticeKinds } from '../notices/notices.js';
import { type ElectionRow, requireElection } from './elections.js';
import { deadlines, isVoterListOnTime, readRules } from './rules.js';

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

/** The election notices the law and the plan require, with the date each is due by, that the election has not published or scheduled. */
export async function missingElectionNotices(ctx: Ctx, election: ElectionRow) {
  const d = deadlines(election.electionDay, readRules(election.rules));
  const required: { kind: NoticeKind; dueBy: string }[] = [
    { kind: 'voter_list', dueBy: d.voterListNoticeBy },
    { kind: 'candidates', dueBy: d.candidateListBy },
    { kind: 'election_day', dueBy: d.candidateListBy },
    { kind: 'proxy_list', dueBy: d.electionDay },
    { kind: 'results', dueBy: d.resultsNoticeBy },
  ];
  const present = await electionNoticeKinds(
    ctx,
    election.id,
    required.map((r) => r.kind),
  );
  const today = chinaDate(ctx.now);
  return required.filter((r) => !present.has(r.kind)).map((r) => ({ ...r, overdue: today > r.dueBy }));
}
