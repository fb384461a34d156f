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

export const PublishedResults = ElectionNotice.extend({ onTime: z.boolean() });
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

export const Turnout = z.object({ registered: z.number(), ballotsIssued: z.number(), inPerson: z.number(), byProxy: z.number() });
export type Turnout = z.infer<typeof Turnout>;

export const IssuedBallot = z.object({
  id: z.string(),
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

const WriteIn = z.object({ name: z.string(), seat: Seat, votes: z.number() });

export const TallyEntered = z.object({
  id: z.string(),
  status: z.enum(['counting', 'final']),
  ballotsCast: z.number(),
  invalidBallots: z.number(),
  votes: z.record(z.string(), z.number()),
  writeIns: z.array(WriteIn),
  at: z.string(),
});
export type TallyEntered = z.infer<typeof TallyEntered>;

export const TallyEntry = TallyEntered.omit({ status: true }).extend({ counterResidentId: z.string(), counterName: z.string() });
export type TallyEntry = z.infer<typeof TallyEntry>;

export const Contender = z.object({ candidateId: z.string().nullable(), name: z.string(), votes: z.number() });
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
});
export type Results = z.infer<typeof Results>;

export const Certificate = z.object({
  certificateNo: z.string(),
  candidateId: z.string(),
  name: z.string(),
  seat: Seat,
  seatName: z.string(),
  votes: z.number(),
  ballotsCast: z.number().nullable(),
  electionId: z.string(),
  electionTitle: z.string(),
  electionDay: z.string(),
  communityName: z.string(),
  issuer: z.string(),
  text: z.string(),
  resultsPublishedAt: z.string().nullable(),
  auditHead: AuditHead,
  verifyUrl: z.string(),
  qrImage: z.string(),
});
export type Certificate = z.infer<typeof Certificate>;
