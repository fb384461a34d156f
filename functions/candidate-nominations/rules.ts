import type { CandidateNominationStatus } from '../../db/schema/index.js';
import { addDays, chinaMidnight } from '../_shared/china-time.js';
import type { ElectionRules } from '../elections/rules.js';

/** Names in pinyin order, one collator for the process (what `localeCompare(b, 'zh')` builds per pair). */
const pinyinOrder = new Intl.Collator('zh');

/*
 * Candidates nominated by the voters (选民提名) and the 正式候选人 fixed from the nominations.
 *
 * The law: the revised 《城市居民委员会组织法》 (in force 2026-01-01) and the 《甘肃省居民委员会选举办法》
 * (2025-11-27, in force 2026-01-01). Of the Gansu text only articles 13–16 could be read here;
 * article 13 gives the election committee "组织提名候选人，审查候选人资格，公布候选人名单". Chapter 4
 * (候选人的产生) could not be read (searched 2026: only the table of contents and chapter 1 of the
 * text were found). Where it is silent to us, the stricter reading of 《村民委员会组织法》第十五条
 * is taken: "由登记参加选举的村民直接提名候选人。候选人名额应当多于应选名额" — only registered voters
 * nominate, only registered voters are nominated, and every list has more candidates than seats.
 * A provincial village rule found in the same search ("填写的候选人人数不得超过应选人数"; "选民所提名的
 * 候选人人数多于规定的正式候选人人数时 … 预选，按得票数由高到低确定正式候选人") supports the quota and
 * the preliminary vote below; it is practice, not the Gansu text.
 */

/** When nominations may be made, signed and answered. */
export interface NominationWindow {
  /** The voter list notice's publication (null: not yet on the wall, so not yet open). */
  opensAt: Date | null;
  /** 00:00 China time, `nominationClosesDaysBefore` days before election day. */
  closesAt: Date;
  /** The last China-time date on which nominations are taken. */
  lastDay: string;
}

/**
 * Nominations open with the voter list's notice (who may nominate and be nominated is then known
 * and public) and close at 00:00 China time `nominationClosesDaysBefore` days before election day,
 * leaving the committee time to fix the list before `candidateNoticeDays`.
 */
export function nominationWindow(
  voterListNoticeAt: Date | null,
  electionDay: string,
  rules: Pick<ElectionRules, 'nominationClosesDaysBefore'>,
): NominationWindow {
  const closeDay = addDays(electionDay, -rules.nominationClosesDaysBefore);
  return { opensAt: voterListNoticeAt, closesAt: chinaMidnight(closeDay), lastDay: addDays(closeDay, -1) };
}

export type WindowState = 'not_open' | 'open' | 'closed';

export function windowState(now: Date, w: NominationWindow): WindowState {
  if (now.getTime() >= w.closesAt.getTime()) return 'closed';
  if (!w.opensAt || now.getTime() < w.opensAt.getTime()) return 'not_open';
  return 'open';
}

const dayZh = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The sentence a voter reads when the window is not open, naming its dates. */
export function windowRefusal(state: WindowState, w: NominationWindow): string | null {
  if (state === 'open') return null;
  if (state === 'closed') return `候选人提名已于${dayZh(w.lastDay)}24时截止，不能再提名、联名或答复。`;
  return `候选人提名从选民名单公告之日开始，到${dayZh(w.lastDay)}24时截止；选民名单还没有公告，现在还不能提名。`;
}

/** Only the nominee's acceptance makes a nomination count. */
export const counts = (status: CandidateNominationStatus) => status === 'accepted';
/** Which statuses hold a place in a voter's quota: everything not declined or withdrawn. */
export const isLive = (status: CandidateNominationStatus) => status !== 'declined' && status !== 'withdrawn';
export const canSign = (status: CandidateNominationStatus) => status === 'awaiting_signatures';
export const canAnswer = (status: CandidateNominationStatus) => status === 'awaiting_acceptance';

/**
 * A voter puts their name (as nominator or co-signer) to at most as many nominees per seat as the
 * seat has places — as on a ballot, and as the nomination forms of provincial practice say
 * ("填写的候选人人数不得超过应选人数"). Declined and withdrawn nominations free the place.
 */
export const withinQuota = (liveForSeat: number, seats: number) => liveForSeat < seats;

/** One nominee of one seat with the accepted nominations they received. */
export interface Tally {
  residentId: string;
  name: string;
  nominations: number;
}

export type FixOutcome =
  | { outcome: 'fixed'; need: number; chosen: Tally[]; tieAtCutOff: Tally[] }
  | { outcome: 'too_few'; need: number; have: number }
  | { outcome: 'preliminary'; need: number; among: Tally[]; reason: 'too_many' | 'tie' };

/**
 * Fixes one seat's 正式候选人 from the accepted nominations, most first.
 *
 * - `need` = seats + `candidateSurplus` (差额: "候选人名额应当多于应选名额").
 * - Fewer nominees with an accepted nomination than `need`: too few, nothing is fixed.
 * - Otherwise the `need` with most nominations. A tie at the cut-off (the last place and the first
 *   left out have as many) goes in whole: nobody is left out by a draw or by name order, and the
 *   list only grows, so 差额 still holds. Where the rulebook asks for a preliminary vote
 *   (`preliminaryAbove` > 0) the tie goes to that vote (among the tied) instead.
 * - `preliminaryAbove` > 0 and more nominees than seats × (1 + preliminaryAbove): 预选 among them all.
 *
 * `chosen` is sorted by nominations, most first, then by the collator given (stroke order).
 */
export function fixFromNominations(
  tallies: readonly Tally[],
  seats: number,
  rules: { surplus: number; preliminaryAbove: number },
  byName: (a: string, b: string) => number = pinyinOrder.compare,
): FixOutcome {
  const need = seats + rules.surplus;
  const ranked = tallies.filter((t) => t.nominations > 0).sort((a, b) => b.nominations - a.nominations || byName(a.name, b.name));
  if (ranked.length < need) return { outcome: 'too_few', need, have: ranked.length };
  if (rules.preliminaryAbove > 0 && ranked.length > seats * (1 + rules.preliminaryAbove)) {
    return { outcome: 'preliminary', need, among: ranked, reason: 'too_many' };
  }
  const cutOff = ranked[need - 1]!.nominations;
  const chosen = ranked.filter((t) => t.nominations >= cutOff);
  const tieAtCutOff = chosen.length > need ? ranked.filter((t) => t.nominations === cutOff) : [];
  if (tieAtCutOff.length > 0 && rules.preliminaryAbove > 0) return { outcome: 'preliminary', need, among: tieAtCutOff, reason: 'tie' };
  return { outcome: 'fixed', need, chosen, tieAtCutOff };
}

/** One nominee's votes in the preliminary vote (预选), entered by the committee from its count. */
export interface PreliminaryVotes {
  residentId: string;
  votes: number;
}

export type PreliminaryOutcome =
  | { outcome: 'fixed'; need: number; chosen: Tally[]; tieAtCutOff: Tally[] }
  /** The preliminary vote left a tie at the cut-off: the tied are voted on again. */
  | { outcome: 'tie'; need: number; among: Tally[] }
  /** The votes entered do not name exactly those who stood in the preliminary vote. */
  | { outcome: 'wrong_field'; missing: Tally[]; extra: string[] };

/**
 * 正式候选人 after a preliminary vote (预选, "按得票数由高到低确定正式候选人"), for a seat that
 * `fixFromNominations` sent to one. Those above a tie at the cut-off keep their places; the field
 * of the vote (all nominees, or the tied) fills the places left by votes, most first. A tie at the
 * new cut-off is not broken by a draw or by name: the tied are voted on again.
 */
export function fixFromPreliminary(
  sent: Extract<FixOutcome, { outcome: 'preliminary' }>,
  tallies: readonly Tally[],
  votes: readonly PreliminaryVotes[],
): PreliminaryOutcome {
  const byId = new Map(votes.map((v) => [v.residentId, v.votes]));
  const field = new Set(sent.among.map((t) => t.residentId));
  const missing = sent.among.filter((t) => !byId.has(t.residentId));
  const extra = votes.filter((v) => !field.has(v.residentId)).map((v) => v.residentId);
  if (missing.length > 0 || extra.length > 0) return { outcome: 'wrong_field', missing, extra };
  const tiedAt = sent.reason === 'tie' ? sent.among[0]!.nominations : -1;
  const above = tallies.filter((t) => t.nominations > 0 && t.nominations > tiedAt && !field.has(t.residentId));
  const places = sent.need - above.length;
  const ranked = [...sent.among].sort((a, b) => byId.get(b.residentId)! - byId.get(a.residentId)!);
  const cut = byId.get(ranked[places - 1]!.residentId)!;
  const atOrAbove = ranked.filter((t) => byId.get(t.residentId)! >= cut);
  if (atOrAbove.length > places) {
    return { outcome: 'tie', need: sent.need, among: ranked.filter((t) => byId.get(t.residentId) === cut) };
  }
  return { outcome: 'fixed', need: sent.need, chosen: [...above, ...atOrAbove], tieAtCutOff: [] };
}
