import { and, asc, eq, gt } from 'drizzle-orm';
import * as z from 'zod';
import { auditLog } from '../../db/schema/index.js';
import { defineRoute } from '../_platform/route.js';
import { keysetPage } from '../_shared/keyset.js';
import { committeeRoles } from '../_shared/roles.js';
import { checkAnchorCode } from './check-code.js';
import { AnchorCheck, AuditPage, AuditVerify } from './replies.js';
import { verifyCommunity } from './verify.js';

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
    async handle({ ctx, input }) {
      const { electionId, limit, cursor } = input.query;
      const rows = await ctx.db
        .select({
          seq: auditLog.seq,
          at: auditLog.at,
          actorName: auditLog.actorName,
          action: auditLog.action,
          subject: auditLog.subject,
          hash: auditLog.hash,
          prevHash: auditLog.prevHash,
        })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.communityId, ctx.communityId),
            electionId ? eq(auditLog.electionId, electionId) : undefined,
            cursor ? gt(auditLog.seq, cursor) : undefined,
          ),
        )
        .orderBy(asc(auditLog.seq))
        .limit(limit + 1);
      const { items, last } = keysetPage(rows, limit);
      return { items: items.map((r) => ({ ...r, at: r.at.toISOString() })), nextCursor: last ? String(last.seq) : null };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/audit/verify',
    summary: "Recompute the community's audit chain (committee)",
    tag: 'audit',
    access: committee,
    response: AuditVerify,
    async handle({ ctx }) {
      const { ok, length, head, brokenAt, brokenAnchor } = await verifyCommunity(ctx.db, ctx.communityId);
      if (ok) return { ok, length, head };
      // Name the first entry that no longer matches its hash, so the committee can find it.
      const [broken] =
        brokenAt === undefined
          ? []
          : await ctx.db
              .select({ seq: auditLog.seq, at: auditLog.at, action: auditLog.action, subject: auditLog.subject, actorName: auditLog.actorName })
              .from(auditLog)
              .where(and(eq(auditLog.communityId, ctx.communityId), eq(auditLog.seq, brokenAt)));
      return {
        ok,
        length,
        head,
        ...(brokenAt !== undefined ? { brokenAt, brokenEntry: broken ? { ...broken, at: broken.at.toISOString() } : null } : {}),
        ...(brokenAnchor ? { brokenAnchor: { ...brokenAnchor, at: brokenAnchor.at.toISOString() } } : {}),
      };
    },
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
