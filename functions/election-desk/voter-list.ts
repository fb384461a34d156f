import { and, asc, eq } from 'drizzle-orm';
import { electionVoters, households, notices, residentGroups, residents } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { checkElectionNotice } from '../elections/election-notices.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { chinaMomentZh } from '../elections/locks.js';
import { publishNotice } from '../notices/notices.js';
import { kickDeliveries } from '../notices/outbox.js';

const dayZh = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The voter list's notice (选民名单公告) written from the list itself: every registered voter by
 * group, in the group's order, then household and name, with how to object. Published through the
 * notices domain like any election notice (on time by `voterListNoticeDays`, NOTICE_TOO_LATE),
 * once per election. The spreadsheet for the wall is GET …/exports/voters.xlsx.
 */
export async function publishVoterList({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; publishAt?: Date } }) {
  requireCommittee(ctx);
  const election = await requireElection(ctx, input.electionId);
  const [already] = await ctx.db
    .select({ publishAt: notices.publishAt })
    .from(notices)
    .where(and(eq(notices.communityId, ctx.communityId), eq(notices.electionId, election.id), eq(notices.kind, 'voter_list')))
    .limit(1);
  if (already) throw new AppError('CONFLICT', `选民名单已于${chinaMomentZh(already.publishAt)}公布（或已定好发布时间），不用再发。要更改名单请处理异议。`);
  const rows = await ctx.db
    .select({ name: residents.name, group: residentGroups.name, groupId: residentGroups.id })
    .from(electionVoters)
    .innerJoin(residents, and(eq(residents.id, electionVoters.residentId), eq(residents.communityId, electionVoters.communityId)))
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(and(eq(electionVoters.communityId, ctx.communityId), eq(electionVoters.electionId, election.id), eq(electionVoters.status, 'registered')))
    .orderBy(asc(residentGroups.sortOrder), asc(residentGroups.id), asc(households.label), asc(residents.name));
  if (rows.length === 0) throw new AppError('CONFLICT', '还没有登记任何选民，名单是空的。请先登记选民，再公布名单。');
  const byGroup = new Map<string, { group: string; names: string[] }>();
  for (const r of rows) {
    const entry = byGroup.get(r.groupId) ?? { group: r.group, names: [] };
    entry.names.push(r.name);
    byGroup.set(r.groupId, entry);
  }
  const rules = election.rulebook;
  const body = [
    `选举日：${dayZh(election.electionDay)}。经登记，本次选举共有选民 ${rows.length} 人，按居民小组公布如下：`,
    ...[...byGroup.values()].map((g) => `${g.group}（${g.names.length}人）：${g.names.join('、')}`),
    `对名单有不同意见的（漏登、错登、信息有误），请在公布之日起${rules.objectionDays}日内提出：在小程序“选举”里点“对选民名单提异议”，或到社区服务窗口。选举委员会在${rules.objectionDecisionDays}日内作出决定并告诉您。`,
  ].join('\n');
  const notice = await publishNotice(
    ctx,
    { category: 'election', kind: 'voter_list', electionId: election.id, title: '选民名单公告', body, publishAt: input.publishAt },
    checkElectionNotice,
  );
  kickDeliveries(ctx.services);
  return notice;
}
