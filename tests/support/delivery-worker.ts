/**
 * The delivery worker as a process of its own, for the test that kills one mid-run:
 * `tsx tests/support/delivery-worker.ts <database url> <WeChat base url>` runs it until the
 * queue is empty (or it is killed).
 */
import { openDatabase } from '../../db/client.js';
import { buildServices } from '../../functions/_entry/services.js';
import { runDeliveries } from '../../functions/notices/outbox.js';
import { testSettings } from './settings.js';

const [url, wechatBase] = process.argv.slice(2);
const settings = testSettings({ DATABASE_URL: url!, WECHAT_API_BASE: wechatBase!, OUTBOX_KICK: '0' });
const database = await openDatabase({ url: url!, driver: 'pg', max: 4 });
const services = buildServices({ settings, database });
process.stdout.write('ready\n');
const run = await runDeliveries(services, { budgetMs: 120_000 });
process.stdout.write(`${JSON.stringify(run)}\n`);
await database.close();
