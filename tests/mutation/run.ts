/**
 * Mutation testing, on demand (`npm run test:mutation [folder…]`): Stryker changes one rule at a
 * time in a domain folder of functions/ and runs that folder's tests against each change. A
 * change no test notices (a surviving mutant) is a rule the suite does not protect.
 * Each folder runs with its own tests only (the whole suite per mutant would take hours), and
 * its score is kept in reports/mutation/<folder>.json; the table at the end is what
 * docs/TESTING.md records.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Each domain folder and the tests that speak for it. */
const FOLDERS: Record<string, string[]> = {
  'service-requests': [
    'tests/unit/service-rules.test.ts',
    'tests/api/service-requests.test.ts',
    'tests/api/service-requests-paging.test.ts',
    'tests/api/service-requests-visibility.test.ts',
    'tests/api/service-requests-handling.test.ts',
    'tests/api/service-requests-handover.test.ts',
    // On Postgres (TEST_DB=pg) these race the row locks that PGlite cannot.
    'tests/api/service-requests-race.test.ts',
    'tests/api/wechat.test.ts',
    'tests/api/verb-authorization.test.ts',
    'tests/api/resident-window.test.ts',
    // Photos on requests and replies, WeChat's media check (photos.ts, photo-*.ts, content-check.ts).
    'tests/unit/photo-rules.test.ts',
    'tests/api/attachments.test.ts',
    // The household's original village on the staff request page (read-model.ts).
    'tests/api/resident-contacts.test.ts',
  ],
  auth: [
    'tests/unit/password.test.ts',
    'tests/unit/session-token.test.ts',
    'tests/api/auth.test.ts',
    'tests/api/roles.test.ts',
    'tests/api/auth-rules.test.ts',
    'tests/api/verb-authorization.test.ts',
    'tests/api/wechat.test.ts',
    'tests/api/wechat-calls.test.ts',
    'tests/api/hardening.test.ts',
  ],
  residents: [
    'tests/unit/id-number.test.ts',
    'tests/unit/temporary-password.test.ts',
    'tests/api/residents.test.ts',
    'tests/api/resident-window.test.ts',
    'tests/api/verb-authorization.test.ts',
  ],
  elections: [
    'tests/unit/election-rules.test.ts',
    'tests/api/elections.test.ts',
    'tests/api/nominations.test.ts',
    'tests/api/elections-rules.test.ts',
    'tests/api/verb-authorization.test.ts',
    // The election notices' check and the calendar's missing notices (election-notices.ts).
    'tests/api/notices.test.ts',
    'tests/api/notices-rules.test.ts',
    // The stage's locks (locks.ts), the law's rulebook (law.ts), who votes by household or
    // representative (households.ts), a voter's term claimed in one community (term-registrations.ts).
    'tests/unit/election-locks.test.ts',
    'tests/api/election-locks.test.ts',
    'tests/api/lawful-election.test.ts',
    'tests/api/election-modes.test.ts',
    'tests/api/voter-objections.test.ts',
  ],
  'proxy-votes': [
    'tests/unit/proxy-rules.test.ts',
    'tests/api/proxy-votes.test.ts',
    'tests/api/proxy-votes-rules.test.ts',
    // GET /api/elections/:id/me (my-status.ts): the voter's standing and nominations.
    'tests/api/elections.test.ts',
    'tests/api/elections-rules.test.ts',
    // On Postgres (TEST_DB=pg): racing decisions and withdrawals against the row locks.
    'tests/api/proxy-votes-concurrency.test.ts',
    // Entrustments fixed with the election's results (refuseIfProxiesFixed).
    'tests/api/election-locks.test.ts',
    // A rulebook that limits entrustment to near relatives (proxyRelativesOnly).
    'tests/api/women-relatives.test.ts',
    // The exported proxy list's anchor and check code (export.ts).
    'tests/api/audit-anchors.test.ts',
  ],
  'election-day': [
    'tests/unit/majority.test.ts',
    'tests/api/election-day.test.ts',
    'tests/api/election-day-rules.test.ts',
    // Rounds, re-votes and further elections (rounds.ts, round-verbs.ts, results.ts).
    'tests/api/election-rounds.test.ts',
    // The desk's steps and who takes a ballot by the election's mode (ballots.ts, ballot-holders.ts).
    'tests/api/election-desk.test.ts',
    'tests/api/election-modes.test.ts',
    // On Postgres (TEST_DB=pg): two desks racing for one voter's ballot.
    'tests/api/election-day-race.test.ts',
    // No woman elected, near relatives elected together (women-and-relatives.ts).
    'tests/api/women-relatives.test.ts',
    // The results poster's anchor and check code (publish.ts), and what is fixed once they are published.
    'tests/api/audit-anchors.test.ts',
    'tests/api/election-locks.test.ts',
  ],
  // not-reached: the group leader's list of those a notice did not reach, their house, 已告知 (notices.ts).
  notices: [
    'tests/unit/notice-rules.test.ts',
    'tests/api/notices.test.ts',
    'tests/api/notices-rules.test.ts',
    'tests/api/not-reached.test.ts',
    'tests/api/verb-authorization.test.ts',
    // An election notice's printed anchor and check code (notices.ts: recordAnchor, noticeAnchor).
    'tests/api/audit-anchors.test.ts',
    // Deliveries (outbox.ts): 5,000 subscribers, two workers, transient failures, a worker killed
    // mid-run (on Postgres; skipped on PGlite), and WeChat's answers to subscribe messages.
    'tests/api/notices-fanout.test.ts',
    'tests/api/wechat.test.ts',
  ],
  // audit-anchors: the printed anchors, their check codes and verification (verify.ts, anchors.ts, check-code.ts).
  // party-branch: the party's entries are kept out of the audit list for everyone but its organisers.
  audit: [
    'tests/unit/audit-hash.test.ts',
    'tests/api/audit.test.ts',
    'tests/api/audit-anchors.test.ts',
    'tests/api/party-branch.test.ts',
    'tests/api/verb-authorization.test.ts',
  ],
  community: ['tests/api/community-create.test.ts', 'tests/api/platform.test.ts'],
  housekeeping: ['tests/api/housekeeping.test.ts'],
  _shared: [
    'tests/unit/shared-rules.test.ts',
    'tests/unit/service-rules.test.ts',
    // The labels and words moved here from the domains (proxy-status.ts, title.ts).
    'tests/unit/proxy-status.test.ts',
    'tests/unit/title.test.ts',
    'tests/api/service-requests-paging.test.ts',
  ],
};
/** The registry's own checks (summary, section, access of every route) speak for every folder. */
for (const tests of Object.values(FOLDERS)) tests.unshift('tests/unit/route-docs.test.ts', 'tests/unit/route-replies.test.ts');

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

function score(folder: string) {
  const file = path.join(root, 'reports/mutation', `${folder}.json`);
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  const tally: Record<string, number> = {};
  for (const { mutants } of Object.values(report.files)) for (const m of mutants) tally[m.status] = (tally[m.status] ?? 0) + 1;
  const killed = (tally.Killed ?? 0) + (tally.Timeout ?? 0);
  const valid = killed + (tally.Survived ?? 0) + (tally.NoCoverage ?? 0);
  return { folder, mutants: valid, killed, survived: tally.Survived ?? 0, noCoverage: tally.NoCoverage ?? 0, score: valid ? (100 * killed) / valid : 100 };
}

const asked = process.argv.slice(2);
const unknown = asked.filter((f) => !FOLDERS[f]);
if (unknown.length) {
  console.error(`unknown folder(s): ${unknown.join(', ')}; known: ${Object.keys(FOLDERS).join(', ')}`);
  process.exit(2);
}
mkdirSync(path.join(root, 'reports/mutation'), { recursive: true });
for (const folder of asked.length ? asked : Object.keys(FOLDERS)) {
  console.log(`\n== mutating functions/${folder}/ against ${FOLDERS[folder]!.length} test files`);
  // MUTATE narrows a run to some files of the folder (comma-separated paths or globs).
  const mutate = process.env.MUTATE ?? `functions/${folder}/**/*.ts`;
  // Incremental: a second run re-tests only the mutants whose code or covering tests changed
  // since the last one, so killing survivors and measuring again takes minutes, not the hour.
  const incremental = ['--incremental', '--incrementalFile', `reports/mutation/${folder}.incremental.json`];
  const run = spawnSync('npx', ['stryker', 'run', '--mutate', mutate, ...incremental], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_TESTS: FOLDERS[folder]!.join(',') },
  });
  if (run.status !== 0) console.error(`stryker failed on ${folder} (exit ${run.status})`);
  else renameSync(path.join(root, 'reports/mutation/mutation.json'), path.join(root, 'reports/mutation', `${folder}.json`));
}

console.log('\n| folder | mutants | killed | survived | no test | score |\n|---|---:|---:|---:|---:|---:|');
for (const folder of Object.keys(FOLDERS)) {
  const s = score(folder);
  if (s) console.log(`| functions/${folder}/ | ${s.mutants} | ${s.killed} | ${s.survived} | ${s.noCoverage} | ${s.score.toFixed(1)} % |`);
}
