import type { PartyMemberStatus, PartyPost } from '../../db/schema/index.js';
import { type BodyRules, type Contender, type CountBase, moreThanFraction, outcomeUnder, type RoundRule, type SeatOutcome } from '../election-day/majority.js';

/**
 * The party branch's election rules as pure functions. Sources (docs/PARTY-BRANCH.md is the table):
 *
 * - 《中国共产党基层组织选举工作条例》(2020年7月13日中共中央发布), 第五条, read here word for word:
 *   正式党员有表决权、选举权、被选举权；受留党察看处分的党员在留党察看期间没有……；预备党员没有
 *   表决权、选举权和被选举权。
 * - The same 条例's chapter on conducting the vote (quorum of more than 4/5 of those entitled to
 *   attend; more yes-votes than half of those entitled elects; more such than seats → most votes;
 *   a tie → the tied vote again; seats left → 另行选举; a ballot naming more than the seats is
 *   invalid). Its article numbers could not be read through the search tool: the rules are cited
 *   by their words, as the 条例 and the organisation department's published answers state them
 *   (docs/PARTY-BRANCH.md names each reading), not by a guessed number.
 * - The founding plan, step 3.2 ②: 按照多于应选人数的20%差额选举产生支部委员会；支部委员会会议
 *   采用投票方式等额选举书记、副书记，并对支部委员进行分工.
 */

/** A member as the rules see them on a given day. */
export interface MemberFacts {
  status: PartyMemberStatus;
  /** 留党察看. */
  suspended: boolean;
  /** Transferred out on or before the meeting: off the roll. */
  transferredOut: boolean;
}

/** 条例第五条: only full members not under 留党察看 vote and stand. */
export const hasVote = (m: MemberFacts) => m.status === 'full' && !m.suspended && !m.transferredOut;

/** 条例第五条 likewise: who may be a candidate is who may vote. */
export const mayStand = hasVote;

/** Why a member has no vote, in the organiser's words; null when they have one. */
export function noVoteReason(m: MemberFacts): string | null {
  if (m.transferredOut) return '该党员的组织关系已转出，不在本支部参加选举。';
  if (m.status === 'probationary') return '预备党员没有表决权、选举权和被选举权（《中国共产党基层组织选举工作条例》第五条）。';
  if (m.suspended) return '受留党察看处分的党员在留党察看期间没有表决权、选举权和被选举权（《中国共产党基层组织选举工作条例》第五条）。';
  return null;
}

/**
 * The branch's rules as data for the shared majority module:
 * - quorum: 有选举权的到会人数超过应到会人数的4/5, 会议有效 — `present` against the entitled;
 * - 被选举人获得的赞成票超过应到会有选举权的党员人数的一半, 始得当选 — against the entitled, not the ballots;
 * - 另行选举 needs the same majority (the 条例 lowers no threshold for it);
 * - a further field with the plan's 20 % surplus and at least one more than the seats left.
 */
export const PARTY_BRANCH: BodyRules = {
  turnout: { counts: 'present', above: [4, 5] },
  majorityOf: 'entitled',
  further: 'majority',
  fieldSurplus: { atLeast: 1, fraction: 0.2 },
};

/** The quorum: more than four fifths of the members entitled to attend are present (exactly 4/5 is not). */
export const hasQuorum = (present: number, entitled: number) => moreThanFraction(present, entitled, PARTY_BRANCH.turnout.above);

/** The fewest present that makes a quorum: 8 of 9, 9 of 10 (8 of 10 is exactly four fifths). */
export const quorumNeeded = (entitled: number) => Math.floor((entitled * 4) / 5) + 1;

/** Elected in the main vote: yes-votes from more than half of those entitled (exactly half is not). */
export const hasPartyMajority = (yes: number, entitled: number) => yes * 2 > entitled;

/** The plan's 差额: at least 20 % more candidates than seats, rounded up (5 seats need 6, 10 need 12). */
export const candidatesNeeded = (seats: number) => seats + Math.ceil((seats * 20) / 100);

/**
 * Whether a meeting's list is right: the members' meeting needs the 20 % surplus; the committee's
 * meeting elects secretary and deputy 等额 (exactly as many candidates as seats).
 */
export function candidateListCheck(kind: 'members' | 'committee', seats: number, candidates: number): { ok: boolean; need: number; detail?: string } {
  if (kind === 'members') {
    const need = candidatesNeeded(seats);
    return candidates >= need
      ? { ok: true, need }
      : { ok: false, need, detail: `应选${seats}名委员，候选人应比应选人数多20%以上，至少${need}名；现有${candidates}名。` };
  }
  return candidates === seats
    ? { ok: true, need: seats }
    : { ok: false, need: seats, detail: `书记、副书记实行等额选举：应选${seats}名，候选人须正好${seats}名；现有${candidates}名。` };
}

/** A ballot marking more yes-votes (own names and written-in names together) than seats is invalid. */
export const isBallotValid = (yesMarks: number, seats: number) => yesMarks <= seats;

export interface PartyCount extends CountBase {
  seats: number;
  contenders: Contender[];
}

/** One post's outcome in one round, under the branch's rules (the same module the residents' count uses). */
export const partyOutcome = (rule: RoundRule, count: PartyCount): SeatOutcome => outcomeUnder(PARTY_BRANCH, rule, count);

/** The posts a meeting elects, in the order a ballot lists them. */
export const postOrder: readonly PartyPost[] = ['committee', 'secretary', 'deputy_secretary'];

export const postLabels: Record<PartyPost, string> = { committee: '支部委员', secretary: '书记', deputy_secretary: '副书记' };

/**
 * Whom the branch's papers (请示, 报告) are addressed to: the party committee of the township or
 * town the community's region ends with (乡党委, 镇党委), or the subdistrict's working committee
 * (街道党工委); a region that names none, the superior committee in general words.
 */
export function superiorCommitteeOf(region: string): string {
  const unit = /([^省市县区州盟旗]+?(乡|镇|街道))$/u.exec(region.trim());
  if (!unit) return '上级党委';
  return `${unit[1]}${unit[2] === '街道' ? '党工委' : '党委'}`;
}
