import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles } from '../_shared/roles.js';
import { checkAnchorCode } from './check-code.js';
import { listAudit, verifyAudit } from './list.js';
import { AnchorCheck, AuditPage, AuditVerify } from './replies.js';

const committee = committeeRoles;

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/audit',
    summary: "The community's hash-chained record of election acts (committee)",
    tag: 'audit',
    access: committee,
    query: z.object({
      electionId: z.uuid().optional(),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .catch(100)
        .default(100)
        .transform((n) => Math.min(n, 100)),
      cursor: z.coerce.number().int().min(0).optional(),
    }),
    response: AuditPage,
    handle: ({ ctx, input }) => listAudit({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/audit/verify',
    summary: "Recompute the community's audit chain (committee)",
    tag: 'audit',
    access: committee,
    response: AuditVerify,
    handle: ({ ctx }) => verifyAudit({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/public/anchors/:code',
    summary: 'Check a code printed on a notice or sheet against the audit chain (anyone, no sign-in)',
    tag: 'audit',
    access: 'anyone',
    params: z.object({ code: z.string().max(64) }),
    response: AnchorCheck,
    handle: ({ ctx, input }) => checkAnchorCode({ ctx, input: { code: input.params.code } }),
  }),
];
