import * as z from 'zod';

/** What the election-day routes answer (API.md "Election day"). */
export const Seat = z.enum(['director', 'deputyDirector', 'members']);
export type Seat = z.infer<typeof Seat>;

const SeatCounts = z.object({ director: z.number(), deputyDirector: z.number(), members: z.number() });
const AuditHead = z.object({ seq: z.number(), hash: z.string() });

export const Candidate = z.object({ id: z.string(), residentId: z.string(), name: z.string(), groupName: z.string(), seat: Seat });
export type Candidate = z.infer<typeof Candidate>;

export const ListedCandidate = Candidate.extend({
  seatName: z.string(),
  sortOrder: z.number(),
  proxiesHeld: z.number(),
  /** Holds entrustments although the rules forbid a candidate to (proxyMayBeCandidate). */
  proxyConflict: z.boolean(),
});
export type ListedCandidate = z.infer<typeof ListedCandidate>;

export const CandidateList = z.object({
  items: z.array(ListedCandidate),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  seats: SeatCounts,
  candidateSurplus: SeatCounts.optional(),
});
export type CandidateList = z.infer<typeof CandidateList>;

export const CandidateOrder = z.object({ items: z.array(ListedCandidate.omit({ proxyConflict: true })) });
export type CandidateOrder = z.infer<typeof CandidateOrder>;

/** A candidate list or the results, published as an election notice under the audit chain's head. */
export const ElectionNotice = z.object({
  id: z.string(),
  category: z.literal('election'),
  kind: z.enum(['candidates', 'results']),
  electionId: z.string(),
  title: z.string(),
  body: z.string(),
  publishAt: z.string(),
  auditHead: AuditHead,
});
export type ElectionNotice = z.infer<typeof ElectionNotice>;

export const PublishedResults = ElectionNotice.extend({ onTime: z.boolean(), anchor: z.object({ seq: z.number(), code: z.string() }) });
export type PublishedResults = z.infer<typeof PublishedResults>;

export const OfficialRole = z.enum(['counter', 'monitor', 'clerk']);
export type OfficialRole = z.infer<typeof OfficialRole>;

export const Official = z.object({
  id: z.string(),
  residentId: z.string(),
  name: z.string(),
  groupName: z.string(),
  role: OfficialRole,
  roleName: z.string(),
  approvedAt: z.string(),
  hasAccount: z.boolean().optional(),
});
export type Official = z.infer<typeof Official>;

export const Officials = z.object({
  items: z.array(Official),
  /** The caller's own appointment in this election, if any. */
  me: z.object({ residentId: z.string(), role: OfficialRole, roleName: z.string() }).nullable(),
});
export type Officials = z.infer<typeof Officials>;

export const Turnout = z.object({ round: z.number(), registered: z.number(), ballotsIssued: z.number(), inPerson: z.number(), byProxy: z.number() });
export type Turnout = z.infer<typeof Turnout>;

export const IssuedBallot = z.object({
  id: z.string(),
  round: z.number(),
  voterResidentId: z.string(),
  voterName: z.string(),
  handedToResidentId: z.string(),
  handedToName: z.string(),
  byProxy: z.boolean(),
  issuedAt: z.string(),
  turnout: Turnout,
});
export type IssuedBallot = z.infer<typeof IssuedBallot>;

export const BallotInfo = z.object({ issuedAt: z.string(), handedToResidentId: z.string(), handedToName: z.string(), byProxy: z.boolean() });
export type BallotInfo = z.infer<typeof BallotInfo>;

export const DeskRecord = z.object({
  electionId: z.string(),
  electionDay: z.string(),
  isElectionDay: z.boolean(),
  voter: z.object({ residentId: z.string(), name: z.string(), groupName: z.string(), registered: z.boolean() }),
  round: z.number(),
  ballot: BallotInfo.nullable(),
  entrustedTo: z.object({ residentId: z.string(), name: z.string() }).nullable(),
  entrustments: z.array(
    z.object({ applicantResidentId: z.string(), name: z.string(), groupName: z.string(), registered: z.boolean(), ballot: BallotInfo.nullable() }),
  ),
  turnout: Turnout,
});
export type DeskRecord = z.infer<typeof DeskRecord>;

export const DeskSearch = z.object({
  items: z.array(z.object({ residentId: z.string(), name: z.string(), groupName: z.string(), issued: z.boolean(), byProxy: z.boolean() })),
  nextCursor: z.string().nullable(),
});
export type DeskSearch = z.infer<typeof DeskSearch>;

export const VoterCard = z.object({
  electionId: z.string(),
  electionTitle: z.string(),
  electionDay: z.string(),
  residentId: z.string(),
  name: z.string(),
  groupName: z.string(),
  deskUrl: z.string(),
  qrImage: z.string(),
});
export type VoterCard = z.infer<typeof VoterCard>;

export const VoterCardPage = z.object({ items: z.array(VoterCard), nextCursor: z.string().nullable() });
export type VoterCardPage = z.infer<typeof VoterCardPage>;

const TypedWriteIn = z.object({ name: z.string(), seat: Seat, votes: z.number() });
const WriteIn_ = TypedWriteIn;

export const TallyEntered = z.object({
  id: z.string(),
  round: z.number(),
  status: z.enum(['counting', 'final', 'matching', 'void']),
  ballotsCast: z.number(),
  invalidBallots: z.number(),
  votes: z.record(z.string(), z.number()),
  writeIns: z.array(WriteIn_),
  at: z.string(),
});
export type TallyEntered = z.infer<typeof TallyEntered>;

export const TallyEntry = TallyEntered.omit({ status: true }).extend({ counterResidentId: z.string(), counterName: z.string() });
export type TallyEntry = z.infer<typeof TallyEntry>;

export const Contender = z.object({ candidateId: z.string().nullable(), name: z.string(), votes: z.number() });

/** A name written in on an agreed count, as the committee matched it. */
export const WriteIn = z.object({
  id: z.string(),
  name: z.string(),
  seat: Seat,
  votes: z.number(),
  residentId: z.string().nullable(),
  notEligible: z.boolean(),
});
export type WriteIn = z.infer<typeof WriteIn>;

const Anchor = z.object({ seq: z.number(), code: z.string() });
const SeatSome = z.object({ director: z.number(), deputyDirector: z.number(), members: z.number() }).partial();
const RoundKind = z.enum(['main', 'further', 'tie', 'repeat']);

/** One round of the count (API.md "Rounds"). */
export const RoundResult = z.object({
  n: z.number(),
  kind: RoundKind,
  seat: Seat.nullable(),
  seats: SeatSome,
  status: z.enum(['counting', 'mismatch', 'matching', 'final', 'void']),
  void: z.literal('more_returned_than_issued').optional(),
  valid: z.boolean().nullable(),
  ballotsIssued: z.number(),
  ballotsCast: z.number().nullable(),
  invalidBallots: z.number().nullable(),
  contenders: z.partialRecord(Seat, z.array(Contender)),
  /** Who is on the round's ballot, in ballot order. */
  ballot: z.array(z.object({ id: z.string(), name: z.string(), seat: Seat })),
  elected: z.array(Contender.extend({ seat: Seat })),
  tie: z.array(Contender.extend({ seat: Seat, seats: z.number() })),
  left: z.array(z.object({ seat: Seat, seats: z.number(), field: z.array(Contender) })),
  writeIns: z.array(WriteIn),
});

/** A round the committee opened. */
export const Round = z.object({
  n: z.number(),
  kind: RoundKind,
  seat: Seat.nullable(),
  seatsToFill: z.number(),
  contenders: z.array(z.object({ id: z.string(), residentId: z.string(), name: z.string() })),
  repeatOf: z.number().nullable(),
  openedAt: z.string(),
});
export type Round = z.infer<typeof Round>;
export type Contender = z.infer<typeof Contender>;

export const SeatOutcome = z.object({
  elected: z.array(Contender),
  tie: z.array(Contender),
  tieSeats: z.number(),
  runoff: z.array(Contender),
  runoffSeats: z.number(),
});
export type SeatOutcome = z.infer<typeof SeatOutcome>;

export const Results = z.object({
  electionId: z.string(),
  title: z.string(),
  electionDay: z.string(),
  seatCounts: SeatCounts,
  status: z.enum(['counting', 'mismatch', 'final']),
  registered: z.number(),
  rounds: z.array(RoundResult),
  /** The round taking ballots and entries now; null when the latest is counted. */
  openRound: z.number().nullable(),
  next: z.array(z.object({ kind: z.enum(['match', 'further', 'tie', 'repeat', 'rerun']), seat: Seat.nullable(), text: z.string() })),
  /**
   * What the law says of who was elected (《甘肃省居民委员会选举办法》第五条): no woman elected, near
   * relatives elected together (回避). Absent from results published before it was said.
   */
  notes: z.array(z.string()).optional(),
  ballotsIssued: z.number(),
  ballotsCast: z.number().nullable(),
  invalidBallots: z.number().nullable(),
  valid: z.boolean().nullable(),
  /** Only once the count is final. */
  seats: z.partialRecord(Seat, SeatOutcome),
  candidates: z.array(z.object({ id: z.string(), name: z.string(), seat: Seat, groupName: z.string() })),
  /** The committee and the election's officials see each counter's latest entry. */
  entries: z.array(TallyEntry).optional(),
  published: ElectionNotice.nullable(),
  auditHead: AuditHead,
  /** The check code printed on the results poster (after publication). */
  anchor: Anchor.optional(),
});
export type Results = z.infer<typeof Results>;

export const Certificate = z.object({
  certificateNo: z.string(),
  candidateId: z.string(),
  name: z.string(),
  seat: Seat,
  seatName: z.string(),
  votes: z.number(),
  round: z.number(),
  ballotsCast: z.number().nullable(),
  electionId: z.string(),
  electionTitle: z.string(),
  electionDay: z.string(),
  communityName: z.string(),
  issuer: z.string(),
  text: z.string(),
  resultsPublishedAt: z.string().nullable(),
  auditHead: AuditHead,
  anchor: Anchor,
  verifyUrl: z.string(),
  qrImage: z.string(),
});
export type Certificate = z.infer<typeof Certificate>;

/** The member who votes for a household in an election by households. */
export const HouseholdVoter = z.object({ householdId: z.string(), householdLabel: z.string(), residentId: z.string(), name: z.string() });
export type HouseholdVoter = z.infer<typeof HouseholdVoter>;
