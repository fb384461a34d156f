import { count } from 'drizzle-orm';
import { parseSettings } from '../functions/_platform/env.js';
import { createLogger } from '../functions/_platform/log.js';
import { buildServices, openConfiguredDatabase } from '../functions/_platform/services.js';
import { communities } from './schema/index.js';
import { seedDemo } from './seed-demo.js';

/** `npm run db:seed`: the demo community, once. Refuses in production. */
const settings = parseSettings();
if (settings.NODE_ENV === 'production') {
  console.error('The demo seed never runs in production.');
  process.exit(1);
}
const database = await openConfiguredDatabase(settings, createLogger('warn'));
const [row] = await database.db.select({ n: count() }).from(communities);
if (row && row.n > 0) {
  console.log('already seeded');
} else {
  await seedDemo(buildServices({ settings, database }));
  console.log('seeded the demo community 八珠街社区');
}
await database.close();
