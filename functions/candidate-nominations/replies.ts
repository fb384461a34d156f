import * as z from 'zod';
import { candidateNominationStatuses } from '../../db/schema/index.js';
import { seatKeys } from '../elections/rules.js';

/** What the candidate-nomination routes answer (API.md "Election lifecycle and the law"). */
const Seat = z.enum(seatKeys);
const Person = z.object({ residentId: z.string(), name: z.string(), groupName: z.string() });
const Seats = z.object({ director: z.number(), deputyDirector: z.number(), members: z.number() });

export const CandidateNomination = z.object({
  id: z.string(),
  seat: Seat,
  seatName: z.string(),
  nominee: Person,
  nominator: Person,
  signers: z.array(Person.extend({ signedAt: z.string().nullable() })),
  status: z.enum(candidateNominationStatuses),
  onPaper: z.boolean(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  /** The caller's parts on it (none for the committee reading others'). */
  myParts: z.array(z.enum(['nominator', 'signer', 'nominee'])),
});
export type CandidateNomination = z.infer<typeof CandidateNomination>;

/** Accepted nominations of one nominee for one seat. */
export const NominationCount = Person.extend({ seat: Seat, seatName: z.string(), nominations: z.number() });
export type NominationCount = z.infer<typeof NominationCount>;

export const CandidateNominationList = z.object({
  window: z.object({
    opensAt: z.string().nullable(),
    closesAt: z.string(),
    /** The last China-time date nominations are taken. */
    lastDay: z.string(),
    state: z.enum(['not_open', 'open', 'closed']),
  }),
  seats: Seats,
  candidateSurplus: Seats,
  counts: z.array(NominationCount),
  items: z.array(CandidateNomination),
  nextCursor: z.string().nullable(),
});
export type CandidateNominationList = z.infer<typeof CandidateNominationList>;

const Fixed = Person.extend({ id: z.string(), seat: Seat, nominations: z.number() });
export const FixedCandidates = z.object({
  seat: Seat,
  seatName: z.string(),
  /** Seats plus the surplus: the least the list needs. */
  need: z.number(),
  items: z.array(Fixed),
  /** Those tied at the cut-off, all taken in. */
  tieAtCutOff: z.array(Person.omit({ groupName: true }).extend({ nominations: z.number() })),
});
export type FixedCandidates = z.infer<typeof FixedCandidates>;
