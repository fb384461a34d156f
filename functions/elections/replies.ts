import * as z from 'zod';

/** What the election routes answer (API.md "Elections"). */
export const Seats = z.object({ director: z.number(), deputyDirector: z.number(), members: z.number() });
export type Seats = z.infer<typeof Seats>;

/** The election's stored rules with their defaults filled in (elections/rules.ts). */
export const Rules = z.object({
  minVoterAge: z.number(),
  voterListNoticeDays: z.number(),
  candidateNoticeDays: z.number(),
  repsPerGroup: z.number(),
  maxProxiesPerVoter: z.number(),
  proxyApplyDaysBefore: z.number(),
  proxyMayBeCandidate: z.boolean(),
  candidateSurplus: Seats,
  objectionDays: z.number(),
  objectionDecisionDays: z.number(),
  nominationClosesDaysBefore: z.number(),
  preliminaryAbove: z.number(),
  womanMember: z.boolean(),
  proxyRelativesOnly: z.boolean(),
});
export type Rules = z.infer<typeof Rules>;

/** China-time dates (and one instant, proxyApplyClosesAt) the calendar derives from election day. */
export const Deadlines = z.object({
  voterListNoticeBy: z.string(),
  candidateListBy: z.string(),
  proxyApplyBy: z.string(),
  proxyApplyClosesAt: z.string(),
  electionDay: z.string(),
  resultsNoticeBy: z.string(),
});
export type Deadlines = z.infer<typeof Deadlines>;

export const Election = z.object({
  id: z.string(),
  title: z.string(),
  electionDay: z.string(),
  seats: Seats,
  rules: Rules,
  deadlines: Deadlines,
  createdAt: z.string(),
  /** The law it runs under, and its name. */
  law: z.string(),
  lawName: z.string(),
  /** Who votes: every voter, one member per household, or the groups' representatives. */
  mode: z.enum(['voters', 'households', 'representatives']),
  term: z.string(),
  /** Why the rules depart from the law's defaults, and which do (each with the law's default and source). */
  basis: z.string().nullable(),
  departures: z.array(z.object({ rule: z.string(), name: z.string(), value: z.unknown(), lawDefault: z.unknown(), source: z.string() })),
});
export type Election = z.infer<typeof Election>;

export const Phase = z.object({
  code: z.enum(['preparation', 'mobilisation', 'implementation', 'review']),
  name: z.string(),
  todo: z.array(z.string()),
});
export type Phase = z.infer<typeof Phase>;

/** The current election with its calendar, or `{ election: null }` when there is none. */
export const CurrentElection = z.union([
  z.object({ election: z.null() }),
  z.object({ election: Election, rules: Rules, deadlines: Deadlines, today: z.string(), phase: Phase, registeredVoters: z.number() }),
]);
export type CurrentElection = z.infer<typeof CurrentElection>;

export const Voter = z.object({
  id: z.string(),
  electionId: z.string(),
  residentId: z.string(),
  name: z.string(),
  age: z.number(),
  status: z.enum(['registered', 'removed']),
  /** Why the person may be registered here: 户籍, residence (on application), community work. */
  basis: z.enum(['hukou', 'residence', 'worker']),
});
export type Voter = z.infer<typeof Voter>;

export const VotersRegistered = z.object({
  registered: z.number(),
  /** Who was left off, and why (those registered for this term in another community: counted, never named). */
  skipped: z.array(z.object({ code: z.string(), count: z.number(), detail: z.string() })),
});
export type VotersRegistered = z.infer<typeof VotersRegistered>;

/** POST voters answers the one voter registered, or how many `all` registered. */
export const VoterRegistration = z.union([Voter, VotersRegistered]);
export type VoterRegistration = z.infer<typeof VoterRegistration>;

export const VoterRow = z.object({
  residentId: z.string(),
  name: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  age: z.number(),
  status: z.enum(['registered', 'removed']),
  registeredAt: z.string(),
  removedReason: z.string().optional(),
});
export const VoterPage = z.object({ items: z.array(VoterRow), nextCursor: z.string().nullable() });
export type VoterPage = z.infer<typeof VoterPage>;

export const NominationStatus = z.enum(['nominated', 'confirmed', 'withdrawn']);
export type NominationStatus = z.infer<typeof NominationStatus>;

export const Nomination = z.object({
  id: z.string(),
  electionId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  residentId: z.string(),
  name: z.string(),
  status: NominationStatus,
  nominatedByName: z.string().optional(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  /** The group meeting that elected the representative, where recorded. */
  meeting: z.object({ on: z.string(), present: z.number(), votesFor: z.number() }).nullable(),
});
export type Nomination = z.infer<typeof Nomination>;

export const NominationList = z.object({ items: z.array(Nomination), repsPerGroup: z.number() });
export type NominationList = z.infer<typeof NominationList>;

const ElectionRef = z.object({ id: z.string(), title: z.string(), electionDay: z.string() }).nullable();

export const Household = z.object({
  /** The household's id, or `unhoused-<groupId>` for a group's residents in no household yet (未分户). */
  id: z.string(),
  label: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  unhoused: z.boolean(),
  members: z.array(
    z.object({
      residentId: z.string(),
      name: z.string(),
      age: z.number(),
      voter: z.boolean(),
      eligible: z.boolean(),
      verified: z.boolean(),
      /** In an election by households: the member named to vote for the household. */
      votesForHousehold: z.boolean(),
    }),
  ),
  registered: z.number(),
  missing: z.array(z.string()),
});
export type Household = z.infer<typeof Household>;

export const HouseholdPage = z.object({
  election: ElectionRef.unwrap()
    .extend({ mode: z.enum(['voters', 'households', 'representatives']) })
    .nullable(),
  items: z.array(Household),
  nextCursor: z.string().nullable(),
});
export type HouseholdPage = z.infer<typeof HouseholdPage>;

export const GroupResident = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string().optional(),
  status: z.enum(['pending', 'verified', 'returned']),
  age: z.number(),
  household: z.object({ id: z.string(), label: z.string() }).optional(),
  voter: z.boolean().optional(),
});
export type GroupResident = z.infer<typeof GroupResident>;

export const GroupResidents = z.object({ group: z.object({ id: z.string(), name: z.string() }), election: ElectionRef, items: z.array(GroupResident) });
export type GroupResidents = z.infer<typeof GroupResidents>;
