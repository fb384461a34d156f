import { and, eq, inArray, or } from 'drizzle-orm';
import { type DeclaredRelation, residentRelations, residents } from '../../db/schema/index.js';
import { requireRole } from '../_platform/authorize.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { appendAudit } from '../audit/chain.js';
import type { RelationFacts } from './near-relatives.js';

export const relationNamesZh: Record<DeclaredRelation, string> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent: '祖父母或外祖父母',
  grandchild: '孙子女或外孙子女',
};

const alreadyRecorded = (a: string, b: string) => new AppError('RELATION_ALREADY_RECORDED', `${a}和${b}之间的亲属关系已经登记过了（每两人只登记一次）。`);

/**
 * Staff record a near relative beyond what the household shows ("relatedResidentId is
 * residentId's <relation>"); the election rules read it (officials, 回避, proxies). One record
 * per pair whichever way round: both residents' rows are locked so two desks cannot record it twice.
 */
export async function declareRelation({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { residentId: string; relatedResidentId: string; relation: DeclaredRelation };
}) {
  requireRole(ctx, 'staff', 'committee', 'admin');
  return withTransaction(ctx, async (tx) => {
    const ids = [input.residentId, input.relatedResidentId];
    const people = await tx.db
      .select({ id: residents.id, name: residents.name })
      .from(residents)
      .where(and(eq(residents.communityId, tx.communityId), inArray(residents.id, ids)))
      .orderBy(residents.id)
      .for('update');
    const person = people.find((p) => p.id === input.residentId);
    const related = people.find((p) => p.id === input.relatedResidentId);
    if (!person || !related) throw notFound('居民');
    if (person.id === related.id) throw new AppError('RELATION_TO_SELF', '不能登记一个人和自己的亲属关系，请选择另一位居民。');
    const [existing] = await tx.db
      .select({ id: residentRelations.id })
      .from(residentRelations)
      .where(
        and(
          eq(residentRelations.communityId, tx.communityId),
          or(
            and(eq(residentRelations.residentId, person.id), eq(residentRelations.relatedResidentId, related.id)),
            and(eq(residentRelations.residentId, related.id), eq(residentRelations.relatedResidentId, person.id)),
          ),
        ),
      );
    if (existing) throw alreadyRecorded(person.name, related.name);
    let row: typeof residentRelations.$inferSelect | undefined;
    try {
      [row] = await tx.db
        .insert(residentRelations)
        .values({
          communityId: tx.communityId,
          residentId: person.id,
          relatedResidentId: related.id,
          relation: input.relation,
          declaredByAccountId: tx.actor.accountId,
          createdAt: tx.now,
        })
        .returning();
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyRecorded(person.name, related.name);
      throw error;
    }
    await appendAudit(tx, {
      action: 'resident.relation_declared',
      subject: `resident:${person.id}`,
      payload: { residentId: person.id, relatedResidentId: related.id, relation: input.relation },
    });
    return {
      id: row!.id,
      residentId: person.id,
      residentName: person.name,
      relatedResidentId: related.id,
      relatedName: related.name,
      relation: row!.relation,
      relationName: relationNamesZh[row!.relation],
      createdAt: row!.createdAt.toISOString(),
    };
  });
}

/** The facts `areNearRelatives` reads for these residents: relations declared with any of them, and their households. */
export async function relationFacts(ctx: Ctx, ids: readonly string[]): Promise<RelationFacts> {
  if (ids.length === 0) return { declared: [], households: new Map() };
  const list = [...new Set(ids)];
  const declared = await ctx.db
    .select({ residentId: residentRelations.residentId, relatedResidentId: residentRelations.relatedResidentId, relation: residentRelations.relation })
    .from(residentRelations)
    .where(
      and(
        eq(residentRelations.communityId, ctx.communityId),
        or(inArray(residentRelations.residentId, list), inArray(residentRelations.relatedResidentId, list)),
      ),
    );
  const rows = await ctx.db
    .select({ id: residents.id, householdId: residents.householdId, householdRelation: residents.householdRelation })
    .from(residents)
    .where(and(eq(residents.communityId, ctx.communityId), inArray(residents.id, list)));
  return { declared, households: new Map(rows.map((r) => [r.id, r])) };
}
