import { communities } from '../../db/schema/index.js';
import { parseSettings } from '../_platform/env.js';
import { createLogger } from '../_platform/log.js';
import { verifyChain } from '../audit/chain.js';
import { openConfiguredDatabase } from './services.js';

/** `npm run audit:verify`: recomputes every community's audit chain; exits 1 if any is broken. */
const settings = parseSettings();
const database = await openConfiguredDatabase(settings, createLogger('warn'));
let broken = 0;
for (const c of await database.db.select({ id: communities.id, name: communities.name }).from(communities)) {
  const result = await verifyChain(database.db, c.id);
  console.log(
    `${result.ok ? 'ok    ' : 'BROKEN'} ${c.name}: ${result.length} entries, head ${result.head.slice(0, 16)}…${result.ok ? '' : ` (first bad entry: ${result.brokenAt})`}`,
  );
  if (!result.ok) broken += 1;
}
await database.close();
process.exit(broken ? 1 : 0);
