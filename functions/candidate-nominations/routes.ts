import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles } from '../_shared/roles.js';
import { answerNomination } from './answer.js';
import { CandidateFixing, NewCandidateNomination, NominationAnswer } from './bodies.js';
import { fixCandidates } from './fix.js';
import { listNominations } from './list.js';
import { nominateCandidate } from './nominate.js';
import { CandidateNomination, CandidateNominationList, FixedCandidates } from './replies.js';
import { signNomination } from './sign.js';

const ElectionId = z.object({ id: z.uuid('选举编号无效') });
const NominationId = z.object({ id: z.uuid('选举编号无效'), nid: z.uuid('提名编号无效') });
const tag = 'elections';

/** Candidates nominated by the voters (API.md "Election lifecycle and the law"). */
export const candidateNominationRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidate-nominations',
    summary: 'Nominate a registered voter for a seat, alone or with co-signers (a voter; the committee enters paper forms)',
    tag,
    access: 'account',
    status: 201,
    idempotent: true,
    params: ElectionId,
    body: NewCandidateNomination,
    response: CandidateNomination,
    handle: ({ ctx, input }) => nominateCandidate({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/candidate-nominations',
    summary: 'Nomination counts per nominee and seat, with the nominations I am named on (committee: all)',
    tag,
    access: 'account',
    params: ElectionId,
    response: CandidateNominationList,
    handle: ({ ctx, input }) => listNominations({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidate-nominations/:nid/sign',
    summary: 'A named co-signer signs the joint nomination',
    tag,
    access: 'account',
    params: NominationId,
    response: CandidateNomination,
    handle: ({ ctx, input }) => signNomination({ ctx, input: { electionId: input.params.id, nominationId: input.params.nid } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidate-nominations/:nid/answer',
    summary: 'The nominee accepts or declines the nomination',
    tag,
    access: 'account',
    params: NominationId,
    body: NominationAnswer,
    response: CandidateNomination,
    handle: ({ ctx, input }) => answerNomination({ ctx, input: { electionId: input.params.id, nominationId: input.params.nid, accept: input.body.accept } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidates/fix',
    summary: "Fix one seat's 正式候选人 from the nomination counts, after nominations close (committee)",
    tag,
    access: committeeRoles,
    params: ElectionId,
    body: CandidateFixing,
    response: FixedCandidates,
    handle: ({ ctx, input }) => fixCandidates({ ctx, input: { electionId: input.params.id, seat: input.body.seat, preliminary: input.body.preliminary } }),
  }),
];
