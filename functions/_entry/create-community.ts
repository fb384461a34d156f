import { parseArgs } from 'node:util';
import { parseSettings } from '../_platform/env.js';
import { createLogger } from '../_platform/log.js';
import { createCommunity } from '../community/create-community.js';
import { openConfiguredDatabase } from './services.js';

/**
 * `npm run community:create -- --slug bazhujie --name 八珠街社区 --region 甘肃省八珠乡 --groups 8 \
 *    --admin-username zhangsan --admin-name 张三` (the password is read from ADMIN_PASSWORD, never
 * from the command line, so it stays out of shell history).
 */
const { values } = parseArgs({
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    region: { type: 'string' },
    households: { type: 'string' },
    population: { type: 'string' },
    groups: { type: 'string', default: '8' },
    'admin-username': { type: 'string' },
    'admin-name': { type: 'string' },
  },
});
const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const groupCount = Number(values.groups);
const password = process.env.ADMIN_PASSWORD;
if (
  !values.slug ||
  !values.name ||
  !values.region ||
  !values['admin-username'] ||
  !values['admin-name'] ||
  !password ||
  !(groupCount >= 1 && groupCount <= 20)
) {
  console.error('usage: ADMIN_PASSWORD=… npm run community:create -- --slug S --name N --region R [--groups 1–20] --admin-username U --admin-name 姓名');
  process.exit(2);
}
const settings = parseSettings();
const database = await openConfiguredDatabase(settings, createLogger('warn'));
const created = await createCommunity(database.db, {
  slug: values.slug,
  name: values.name,
  region: values.region,
  households: values.households ? Number(values.households) : undefined,
  population: values.population ? Number(values.population) : undefined,
  groups: numerals.slice(0, groupCount).map((n) => `第${n}居民小组`),
  admin: { username: values['admin-username'], name: values['admin-name'], password },
});
console.log(`created ${values.name} (${created.communityId}) with ${created.groups.length} resident groups; admin ${values['admin-username']}`);
await database.close();
