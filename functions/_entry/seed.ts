import { count } from 'drizzle-orm';
import { communities } from '../../db/schema/index.js';
import { parseSettings } from '../_platform/env.js';
import { createLogger } from '../_platform/log.js';
import { seedDemo } from './seed-demo.js';
import { buildServices, openConfiguredDatabase } from './services.js';

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
