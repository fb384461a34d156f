import * as z from 'zod';
import { Nomination } from '../elections/replies.js';

/** What the proxy-vote routes answer (API.md "Proxy votes"). */
export const ProxyApplicationStatus = z.enum(['awaiting_consent', 'awaiting_approval', 'approved', 'rejected', 'declined', 'withdrawn']);
export type ProxyApplicationStatus = z.infer<typeof ProxyApplicationStatus>;

const Person = z.object({ residentId: z.string(), name: z.string(), groupName: z.string() });
/** `sex` as read from the ID number (null where not recorded): the pages say 他 or 她. */
const Party = Person.extend({ sex: z.enum(['male', 'female']).nullable() });

export const ProxyApplication = z.object({
  id: z.string(),
  electionId: z.string(),
  status: ProxyApplicationStatus,
  reason: z.string(),
  /** The applicant with their sex, so the proxy's page says 替他 or 替她; the proxy is named with their group only. */
  applicant: Party,
  proxy: Person,
  /** The caller's part in it: the one who applied, the one named, or neither (the committee). */
  role: z.enum(['applicant', 'proxy']).nullable().optional(),
  createdAt: z.string(),
  consentedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ProxyApplication = z.infer<typeof ProxyApplication>;

/** One legal check of an application (the committee sees them before deciding). */
export const ProxyCheck = z.object({
  rule: z.enum([
    'selfProxy',
    'applicantVoter',
    'applicantNotOfficial',
    'proxyVoter',
    'beforeElectionDay',
    'proxyNotCandidate',
    'proxyNotEntrusting',
    'proxyLimit',
    'proxyRelative',
  ]),
  ok: z.boolean(),
  label: z.string(),
  detail: z.string().optional(),
});
export type ProxyCheck = z.infer<typeof ProxyCheck>;

/** The committee's list rows carry the checks; a resident's do not. */
export const ProxyApplicationRow = ProxyApplication.extend({ checks: z.array(ProxyCheck).optional() });
export type ProxyApplicationRow = z.infer<typeof ProxyApplicationRow>;

export const ProxyApplicationPage = z.object({ items: z.array(ProxyApplicationRow), nextCursor: z.string().nullable() });
export type ProxyApplicationPage = z.infer<typeof ProxyApplicationPage>;

export const ProxyApplicationDetail = ProxyApplicationRow.extend({
  election: z.object({ id: z.string(), title: z.string(), electionDay: z.string() }),
});
export type ProxyApplicationDetail = z.infer<typeof ProxyApplicationDetail>;

export const ProxyCandidates = z.object({ items: z.array(Person) });
export type ProxyCandidates = z.infer<typeof ProxyCandidates>;

/** The caller's standing in an election: on the list or why not, nominations, entrustments. */
export const MyElectionStatus = z.object({
  voter: z.object({ residentId: z.string(), name: z.string(), age: z.number(), status: z.literal('registered') }).nullable(),
  reason: z.string().nullable(),
  eligible: z.boolean().optional(),
  nominations: z.array(Nomination),
  proxyApplications: z.array(ProxyApplication),
});
export type MyElectionStatus = z.infer<typeof MyElectionStatus>;
