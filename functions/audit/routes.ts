import { and, asc, eq, gt } from 'drizzle-orm';
import * as z from 'zod';
import { auditLog } from '../../db/schema/index.js';
import { defineRoute } from '../_platform/route.js';
import { keysetPage } from '../_shared/keyset.js';
import { committeeRoles } from '../_shared/roles.js';
import { verifyChain } from './chain.js';
import { AuditPage, AuditVerify } from './replies.js';

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
      const { ok, length, head, brokenAt } = await verifyChain(ctx.db, ctx.communityId);
      if (ok) return { ok, length, head };
      // Name the first entry that no longer matches its hash, so the committee can find it.
      const [broken] = await ctx.db
        .select({ seq: auditLog.seq, at: auditLog.at, action: auditLog.action, subject: auditLog.subject, actorName: auditLog.actorName })
        .from(auditLog)
        .where(and(eq(auditLog.communityId, ctx.communityId), eq(auditLog.seq, brokenAt!)));
      return { ok, length, head, brokenAt, brokenEntry: broken ? { ...broken, at: broken.at.toISOString() } : null };
    },
  }),
];
