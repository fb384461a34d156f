import * as z from 'zod';

/** What the party branch's routes answer (API.md "Party branch"). */
export const PartyPost = z.enum(['committee', 'secretary', 'deputy_secretary']);
const Seats = z.object({ committee: z.number().optional(), secretary: z.number().optional(), deputy_secretary: z.number().optional() });

export const PartyMember = z.object({
  id: z.string(),
  name: z.string(),
  residentId: z.string().nullable(),
  status: z.enum(['full', 'probationary']),
  admittedOn: z.string(),
  fullOn: z.string().nullable(),
  suspended: z.boolean(),
  transferredInOn: z.string().nullable(),
  transferredOutOn: z.string().nullable(),
  /** A vote and the right to stand today (条例第五条). */
  hasVote: z.boolean(),
});
export type PartyMember = z.infer<typeof PartyMember>;
export const PartyMemberList = z.object({ items: z.array(PartyMember), nextCursor: z.null() });

// addressee: whom the paper goes to (乡党委 …); papers drawn up before it was recorded have none.
const FoundingFigures = z.object({
  addressee: z.string().optional(),
  communityName: z.string(),
  households: z.number().nullable(),
  population: z.number().nullable(),
  fullMembers: z.number(),
  probationaryMembers: z.number(),
  suspendedMembers: z.number(),
  withVote: z.number(),
  proposedSeats: z.number().nullable(),
});
const ReportFigures = z.object({
  addressee: z.string().optional(),
  membersMeeting: z.object({ date: z.string(), entitled: z.number(), present: z.number(), elected: z.array(z.object({ name: z.string(), yes: z.number() })) }),
  committeeMeeting: z.object({ date: z.string(), secretary: z.array(z.string()), deputySecretary: z.array(z.string()) }),
  assignments: z.array(z.object({ name: z.string(), duty: z.string(), label: z.string().nullable() })),
});

export const PartyRequest = z.object({
  id: z.string(),
  kind: z.enum(['founding', 'results_report']),
  branchType: z.enum(['independent', 'joint', 'provisional']).nullable(),
  body: z.string(),
  figures: z.union([FoundingFigures, ReportFigures]),
  submittedOn: z.string(),
  status: z.enum(['submitted', 'approved']),
  approvedOn: z.string().nullable(),
  documentNo: z.string().nullable(),
});
export type PartyRequest = z.infer<typeof PartyRequest>;
export const PartyRequestList = z.object({ items: z.array(PartyRequest), nextCursor: z.null() });

const Quorum = z.object({ entitled: z.number(), present: z.number(), onLeave: z.number(), needed: z.number(), met: z.boolean() });

export const PartyCandidate = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  post: PartyPost,
  recommendations: z.number(),
  reviewed: z.boolean(),
});
export type PartyCandidate = z.infer<typeof PartyCandidate>;

export const PartyOfficial = z.object({ memberId: z.string(), name: z.string(), role: z.enum(['counter', 'monitor']) });
export const PartyAssignment = z.object({
  memberId: z.string(),
  name: z.string(),
  duty: z.enum(['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'other']),
  label: z.string().nullable(),
});

export const PartyMeeting = z.object({
  id: z.string(),
  kind: z.enum(['members', 'committee']),
  date: z.string(),
  seats: Seats,
  electsFromMeetingId: z.string().nullable(),
  candidatesPublishedAt: z.string().nullable(),
  quorum: Quorum,
  attendance: z.array(z.object({ memberId: z.string(), name: z.string(), status: z.enum(['present', 'leave', 'absent', 'unrecorded']) })),
  candidates: z.array(PartyCandidate),
  officials: z.array(PartyOfficial),
  assignments: z.array(PartyAssignment),
  currentRound: z.number().nullable(),
  ballotsIssuedTo: z.array(z.string()),
});
export type PartyMeeting = z.infer<typeof PartyMeeting>;

export const PartyMeetingList = z.object({
  items: z.array(
    z.object({ id: z.string(), kind: z.enum(['members', 'committee']), date: z.string(), seats: Seats, candidatesPublishedAt: z.string().nullable() }),
  ),
  nextCursor: z.null(),
});

export const PartyAttendance = z.object({ memberId: z.string(), status: z.enum(['present', 'leave', 'absent']), quorum: Quorum });

export const PartyBallot = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  round: z.number(),
  issuedAt: z.string(),
  ballotsIssued: z.number(),
});

const CountStatus = z.enum(['counting', 'mismatch', 'final', 'void']);
export const PartyTallyEntered = z.object({ round: z.number(), status: CountStatus });

const ContenderResult = z.object({
  candidateId: z.string().nullable(),
  memberId: z.string().nullable(),
  name: z.string(),
  post: PartyPost,
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
  writeIn: z.boolean(),
});
const Elected = z.object({ memberId: z.string(), name: z.string(), yes: z.number() });

export const PartyResults = z.object({
  meetingId: z.string(),
  kind: z.enum(['members', 'committee']),
  date: z.string(),
  seats: Seats,
  entitled: z.number(),
  present: z.number(),
  onLeave: z.number(),
  quorum: z.object({ needed: z.number(), met: z.boolean() }),
  rounds: z.array(
    z.object({
      n: z.number(),
      kind: z.enum(['main', 'tie', 'further', 'repeat']),
      seats: Seats,
      status: CountStatus,
      ballotsIssued: z.number(),
      ballotsCast: z.number().nullable(),
      invalidBallots: z.number().nullable(),
      contenders: z.array(ContenderResult),
      elected: z.array(ContenderResult),
      tie: z.array(ContenderResult),
      tieSeats: z.number(),
      left: Seats,
      runoff: z.array(ContenderResult),
      entries: z.number(),
    }),
  ),
  elected: z.object({ committee: z.array(Elected).optional(), secretary: z.array(Elected).optional(), deputy_secretary: z.array(Elected).optional() }),
  left: Seats,
  complete: z.boolean(),
});
export type PartyResults = z.infer<typeof PartyResults>;

export const PartyRound = z.object({
  n: z.number(),
  kind: z.enum(['tie', 'further', 'repeat']),
  seats: Seats,
  contenders: z.array(z.object({ candidateId: z.string(), memberId: z.string(), name: z.string(), post: PartyPost })),
});

export const PartyMe = z.object({
  member: PartyMember,
  meetings: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['members', 'committee']),
      date: z.string(),
      seats: Seats,
      candidates: z.array(z.object({ name: z.string(), post: PartyPost })),
      elected: z.array(z.object({ name: z.string(), post: z.string() })),
      complete: z.boolean(),
      myRole: z.enum(['counter', 'monitor']).nullable(),
    }),
  ),
});
export type PartyMe = z.infer<typeof PartyMe>;
