import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditAnchors } from '../../db/schema/index.js';
import { GENESIS, verifyChain } from './chain.js';

/** The anchor a verification names: what carried the code, so a person can find the sheet. */
export interface BrokenAnchor {
  seq: number;
  code: string;
  what: string;
  label: string;
  at: Date;
}

export interface CommunityVerification {
  ok: boolean;
  length: number;
  head: string;
  /** The first entry that no longer matches its hash. */
  brokenAt?: number;
  /** The first anchor (lowest seq) the chain no longer vouches for. */
  brokenAnchor?: BrokenAnchor;
}

/**
 * Recomputes the community's chain (a page at a time) and checks it against every anchor, the
 * head printed on a notice or a sheet. An anchor holds only when the recomputed chain reaches its
 * seq unbroken and has the printed hash there. The plain chain check cannot see an end cut off
 * or a history rewritten with every later hash recomputed; the paper can: the first leaves the
 * chain shorter than the highest anchor, the second changes the hash at an anchored seq. An entry
 * edited in place breaks the chain, and with it every anchor at or after that entry.
 */
export async function verifyCommunity(db: Db, communityId: string, pageSize = 1000): Promise<CommunityVerification> {
  // Many sheets printed at one head are one check.
  const anchored = await db
    .selectDistinct({ seq: auditAnchors.seq, hash: auditAnchors.hash })
    .from(auditAnchors)
    .where(eq(auditAnchors.communityId, communityId))
    .orderBy(asc(auditAnchors.seq), asc(auditAnchors.hash));
  const wanted = new Set(anchored.map((a) => a.seq));
  // The hashes the recomputation vouched for at anchored seqs (seq 0: the empty chain).
  const verified = new Map<number, string>([[0, GENESIS]]);
  const chain = await verifyChain(db, communityId, pageSize, {
    onEntry: (seq, hash) => {
      if (wanted.has(seq)) verified.set(seq, hash);
    },
  });
  const broken = anchored.find((a) => verified.get(a.seq) !== a.hash);
  if (!broken) return chain;
  const [first] = await db
    .select({ seq: auditAnchors.seq, code: auditAnchors.code, what: auditAnchors.what, label: auditAnchors.label, at: auditAnchors.at })
    .from(auditAnchors)
    .where(and(eq(auditAnchors.communityId, communityId), eq(auditAnchors.seq, broken.seq), eq(auditAnchors.hash, broken.hash)))
    .orderBy(asc(auditAnchors.at))
    .limit(1);
  return { ...chain, ok: false, brokenAnchor: first! };
}
