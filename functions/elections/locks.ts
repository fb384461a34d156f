import { and, eq, sql } from 'drizzle-orm';
import { electionBallots, electionPublications, elections, notices } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaMinute } from '../_shared/china-time.js';

/**
 * What an election has decided so far: the moments of the steps that fix its parts (API.md,
 * "Election lifecycle and the law", Locks). Null until the step happens.
 */
export interface ElectionStage {
  /** The first `voter_list` notice whose publish time has come: the voter list is on the wall. */
  voterListNoticeAt: Date | null;
  /** The candidate list's publication. */
  candidatesPublishedAt: Date | null;
  /** The first ballot handed out, in any round. */
  firstBallotAt: Date | null;
  /** The results' publication. */
  resultsPublishedAt: Date | null;
}

/** Every kind of write to an election, by what it changes. */
export const electionActs = [
  'title',
  'electionDay',
  'seats',
  'rules',
  'mode',
  'voters',
  'candidates',
  'officials',
  /** Resident representatives (居民代表): nominate, withdraw, confirm. */
  'nominations',
  /** Proxy votes: apply, consent, decide, withdraw, publish the list. */
  'proxies',
] as const;
export type ElectionAct = (typeof electionActs)[number];

export interface LockOptions {
  /**
   * The change is a recorded decision with its reason (an upheld objection or voter
   * application): after the voter list's notice, the only way the list may still change.
   */
  byDecision?: boolean;
}

/** `2026年12月7日10:30`, China time. */
export function chinaMomentZh(at: Date): string {
  const [date, clock] = chinaMinute(at).split(' ') as [string, string];
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日${clock}`;
}

const fixedByCandidates: readonly ElectionAct[] = ['seats', 'rules', 'mode', 'candidates'];
const fixedByFirstBallot: readonly ElectionAct[] = ['electionDay', 'officials', 'voters'];

/**
 * Whether `act` is still open at this stage: null, or the lock with the sentence the committee
 * reads. Pure, so a page can explain a greyed-out button without the round trip.
 *
 * - Results published: everything is fixed, the title and the proxies included.
 * - First ballot: the election day, the officials and the voter list (even by decision).
 * - Candidate list published: seats, rules, mode and candidates. A ballot handed out before the
 *   list (a step out of order) fixes them too: the ballot carries them.
 * - Voter list notice: the list changes only by a recorded decision (`byDecision`).
 */
export function lockOf(act: ElectionAct, stage: ElectionStage, options: LockOptions = {}): { detail: string } | null {
  if (stage.resultsPublishedAt) {
    return { detail: `选举结果已于${chinaMomentZh(stage.resultsPublishedAt)}公布，选举的各项内容都已固定，不能再修改。` };
  }
  if (fixedByCandidates.includes(act)) {
    if (stage.candidatesPublishedAt) {
      return { detail: `候选人名单已于${chinaMomentZh(stage.candidatesPublishedAt)}公布，应选名额、选举规则和候选人都已固定，不能再修改。` };
    }
    if (stage.firstBallotAt) {
      return { detail: `选票已于${chinaMomentZh(stage.firstBallotAt)}开始发放，应选名额、选举规则和候选人都已固定，不能再修改。` };
    }
  }
  if (fixedByFirstBallot.includes(act) && stage.firstBallotAt) {
    return { detail: `选票已于${chinaMomentZh(stage.firstBallotAt)}开始发放，选举日、选举工作人员和选民名单都已固定，不能再修改。` };
  }
  if (act === 'voters' && stage.voterListNoticeAt && !options.byDecision) {
    return {
      detail: `选民名单已于${chinaMomentZh(stage.voterListNoticeAt)}公告，此后只能由选举委员会对异议作出决定并写明理由后更改，不能直接登记或移出选民。`,
    };
  }
  return null;
}

/** The election's stage in one statement (four indexed look-ups); 404 for another community's id. */
/**
 * The stage's one statement, built once per database and prepared: every check of a lock, every
 * window (objections, nominations) and the committee's steps ask it. The look-ups name the
 * election by parameter, not by the outer row: in a one-table select drizzle writes columns
 * unqualified, and `id` would then be read as the inner table's own.
 */
const stageOf = perDatabase((db) => {
  const communityId = sql.placeholder('communityId');
  const electionId = sql.placeholder('electionId');
  const publishedAt = (kind: 'candidates' | 'results') =>
    sql`(select ${electionPublications.publishedAt} from ${electionPublications}
          where ${electionPublications.communityId} = ${communityId} and ${electionPublications.electionId} = ${electionId}
            and ${electionPublications.kind} = ${sql.raw(`'${kind}'`)})`.mapWith(electionPublications.publishedAt);
  return db
    .select({
      voterListNoticeAt: sql`(select min(${notices.publishAt}) from ${notices}
          where ${notices.communityId} = ${communityId} and ${notices.electionId} = ${electionId}
            and ${notices.kind} = 'voter_list' and ${notices.publishAt} <= ${sql.placeholder('now')}::timestamptz)`.mapWith(notices.publishAt),
      candidatesPublishedAt: publishedAt('candidates'),
      firstBallotAt: sql`(select min(${electionBallots.issuedAt}) from ${electionBallots}
          where ${electionBallots.communityId} = ${communityId} and ${electionBallots.electionId} = ${electionId})`.mapWith(electionBallots.issuedAt),
      resultsPublishedAt: publishedAt('results'),
    })
    .from(elections)
    .where(and(eq(elections.id, electionId), eq(elections.communityId, communityId)))
    .prepare('election_stage');
});

export async function electionStage(ctx: Ctx, electionId: string): Promise<ElectionStage> {
  const [row] = await stageOf(ctx.db).execute({ communityId: ctx.communityId, electionId, now: ctx.now.toISOString() });
  if (!row) throw notFound('选举');
  return {
    voterListNoticeAt: (row.voterListNoticeAt as Date | null) ?? null,
    candidatesPublishedAt: (row.candidatesPublishedAt as Date | null) ?? null,
    firstBallotAt: (row.firstBallotAt as Date | null) ?? null,
    resultsPublishedAt: (row.resultsPublishedAt as Date | null) ?? null,
  };
}

/**
 * Refuses the acts the election's stage has fixed (`ELECTION_LOCKED`). Call it inside the
 * write's transaction after the election's row lock (`lockElection`), or `holdElection` for
 * writes that need not queue behind each other: the steps that move the stage (publishing
 * candidates or results) take that lock, and a ballot's insert holds the election row's key
 * lock, so no step slips in between this check and the write.
 */
export async function refuseIfLocked(ctx: Ctx, electionId: string, acts: ElectionAct | readonly ElectionAct[], options: LockOptions = {}) {
  const stage = await electionStage(ctx, electionId);
  for (const act of typeof acts === 'string' ? [acts] : acts) {
    const lock = lockOf(act, stage, options);
    if (lock) throw new AppError('ELECTION_LOCKED', lock.detail);
  }
}

/** Takes the election's row lock: acts that change its lists, its stage or its count queue behind each other. */
export async function lockElection(ctx: Ctx, electionId: string) {
  const [row] = await ctx.db
    .select({ id: elections.id })
    .from(elections)
    .where(and(eq(elections.id, electionId), eq(elections.communityId, ctx.communityId)))
    .for('update');
  if (!row) throw notFound('选举');
}

/**
 * A shared lock on the election's row: writes holding it run side by side, but a step that
 * moves the stage (taking the row lock) waits for them, and they for it.
 */
export async function holdElection(ctx: Ctx, electionId: string) {
  const [row] = await ctx.db
    .select({ id: elections.id })
    .from(elections)
    .where(and(eq(elections.id, electionId), eq(elections.communityId, ctx.communityId)))
    .for('share');
  if (!row) throw notFound('选举');
}
