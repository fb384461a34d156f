import { communities } from '../../db/schema/index.js';
import { parseSettings } from '../_platform/env.js';
import { createLogger } from '../_platform/log.js';
import { anchorWords } from '../audit/anchors.js';
import { verifyCommunity } from '../audit/verify.js';
import { openConfiguredDatabase } from './services.js';

/**
 * `npm run audit:verify`: recomputes every community's audit chain and checks it against every
 * code printed on its notices and sheets; exits 1 if any is broken, naming the first sheet whose
 * code no longer matches so a person can take it from the notice board.
 */
const settings = parseSettings();
const database = await openConfiguredDatabase(settings, createLogger('warn'));
let broken = 0;
for (const c of await database.db.select({ id: communities.id, name: communities.name }).from(communities)) {
  const result = await verifyCommunity(database.db, c.id);
  const facts = `${result.length} entries, head ${result.head.slice(0, 16)}…`;
  if (result.ok) {
    console.log(`ok     ${c.name}: ${facts}`);
    continue;
  }
  broken += 1;
  const why = [
    result.brokenAnchor ? `核验码 ${result.brokenAnchor.code}（${anchorWords(result.brokenAnchor)}）与记录不符` : null,
    result.brokenAt !== undefined ? `第${result.brokenAt}条记录已被改动` : null,
  ].filter(Boolean);
  console.log(`BROKEN ${c.name}: ${why.join('；')}（${facts}）`);
}
await database.close();
process.exit(broken ? 1 : 0);
