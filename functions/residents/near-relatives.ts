import type { DeclaredRelation, HouseholdRelation } from '../../db/schema/index.js';

/**
 * Near relatives (近亲属, 《民法典》第一千零四十五条): 配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、
 * 孙子女、外孙子女. In-laws (儿媳、女婿、公婆、岳父母) are not near relatives. Pure, so the
 * mini-program can explain a refusal before the round trip.
 */
export interface RelationFacts {
  /** Relations staff declared (POST /api/residents/{id}/relations); either direction counts. */
  declared: readonly { residentId: string; relatedResidentId: string; relation: DeclaredRelation }[];
  /** Each resident's household and relation to its head (户主), as on the 户口簿, where known. */
  households: ReadonlyMap<string, { householdId: string | null; householdRelation: HouseholdRelation | null }>;
}

const pair = (a: HouseholdRelation, b: HouseholdRelation) => [a, b].sort().join('+');

/**
 * How the household reads. Each resident's relation is to the head, so two members are near
 * relatives when that relation settles it:
 * - the head and their spouse, child, parent, sibling, grandchild or grandparent;
 * - two children of the head (siblings), two siblings of the head, two parents of the head
 *   (taken as each other's spouse);
 * - the head's spouse and the head's child (parent and child) or grandchild (grandparent);
 * - the head's child and the head's parent (grandchild and grandparent);
 * - the head's parent and the head's sibling (parent and child).
 * Pairs the 户口簿 leaves open are not guessed: a child and a grandchild of the head (parent, or
 * uncle or aunt?), two grandchildren (siblings or cousins?), two grandparents (one couple or
 * both sides?), anyone and a child-in-law or `other`, and in-laws (the spouse and the head's
 * parents or siblings). Staff declare those where they are near relatives.
 */
const NEAR_IN_HOUSEHOLD = new Set([
  ...(['spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent'] as const).map((r) => pair('head', r)),
  pair('child', 'child'),
  pair('sibling', 'sibling'),
  pair('parent', 'parent'),
  pair('spouse', 'child'),
  pair('spouse', 'grandchild'),
  pair('child', 'parent'),
  pair('parent', 'sibling'),
]);

/** Whether `a` and `b` are near relatives by a declared relation (either direction) or by their household. */
export function areNearRelatives(a: string, b: string, facts: RelationFacts): boolean {
  if (a === b) return false;
  if (facts.declared.some((d) => (d.residentId === a && d.relatedResidentId === b) || (d.residentId === b && d.relatedResidentId === a))) return true;
  const ha = facts.households.get(a);
  const hb = facts.households.get(b);
  if (!ha?.householdId || ha.householdId !== hb?.householdId || !ha.householdRelation || !hb.householdRelation) return false;
  return NEAR_IN_HOUSEHOLD.has(pair(ha.householdRelation, hb.householdRelation));
}

/** Every pair of near relatives among `ids`, each once, in the order given. */
export function nearRelativePairs(ids: readonly string[], facts: RelationFacts): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) if (areNearRelatives(ids[i]!, ids[j]!, facts)) pairs.push([ids[i]!, ids[j]!]);
  }
  return pairs;
}
