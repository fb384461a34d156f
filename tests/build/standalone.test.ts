import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from './build-output.js';

/**
 * Every API test must pass when run alone (`vitest run -t '<name>'`): a test that counts rows an
 * earlier test made, or needs an earlier test's step, fails here. Running all of them alone takes an
 * hour, so each commit runs a sample: which tests is decided by the commit (STANDALONE_SEED
 * replays a sample), and over many commits every test gets its turn. The sample's tests come from
 * different files and run in one vitest process, each the only test run in its file.
 */
const SAMPLE = Number(process.env.STANDALONE_SAMPLE ?? 6);
/** Files that are not plain behaviour tests: long runs, or a private Postgres cluster of their own. */
const SKIP = new Set(['load.test.ts', 'notices-fanout.test.ts', 'outage.test.ts', 'hostile-generated.test.ts', 'audit-long-chain.test.ts']);

interface Candidate {
  file: string;
  name: string;
}

/** Plain `it('…')` titles (not `it.each`), unique within their file so `-t` picks exactly one. */
function testsOf(file: string, source: string): Candidate[] {
  const names = [...source.matchAll(/^\s*it\((['`])((?:(?!\1).)+)\1,/gm)].map((m) => m[2]!);
  return names.filter((name) => names.filter((n) => n.includes(name)).length === 1).map((name) => ({ file, name }));
}

function seed(): string {
  if (process.env.STANDALONE_SEED) return process.env.STANDALONE_SEED;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'no-git';
  }
}

/**
 * `n` tests from `n` different files, chosen by `key`. They run in one vitest process, each file
 * on its own copy of the database, so each test is alone in its file as long as the combined `-t`
 * pattern picks nothing else there: a name that appears anywhere in another chosen file's source
 * (as a title, or inside a describe's) is passed over.
 */
function sample(all: Candidate[], n: number, key: string, sourceOf: (file: string) => string): Candidate[] {
  const rank = (c: Candidate) => createHash('sha256').update(`${key} ${c.file} ${c.name}`).digest('hex');
  const chosen: Candidate[] = [];
  for (const c of [...all].sort((a, b) => rank(a).localeCompare(rank(b)))) {
    if (chosen.length === n) break;
    if (chosen.some((o) => o.file === c.file)) continue;
    if (chosen.some((o) => sourceOf(o.file).includes(c.name) || sourceOf(c.file).includes(o.name))) continue;
    chosen.push(c);
  }
  return chosen;
}

const asPattern = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const apiDir = join(root, 'tests/api');
const sources = new Map<string, string>(
  readdirSync(apiDir)
    .filter((f) => f.endsWith('.test.ts') && !SKIP.has(f))
    .map((f) => [`tests/api/${f}`, readFileSync(join(apiDir, f), 'utf8')] as const),
);
const candidates = [...sources].flatMap(([file, source]) => testsOf(file, source));
const key = seed();
const chosen = sample(candidates, SAMPLE, key, (file) => sources.get(file) ?? '');

interface Report {
  testResults: { name: string; assertionResults: { title: string; fullName: string; status: string }[] }[];
}

describe(`API tests run alone (sample of ${SAMPLE} by ${key.slice(0, 12)})`, () => {
  it('finds the tests to choose from', () => {
    expect(candidates.length).toBeGreaterThan(250);
    expect(testsOf('x', "it('a b', x);\nit('a', y);\n  it(`c`, z);\nit.each([])('d', w);")).toEqual([
      { file: 'x', name: 'a b' },
      { file: 'x', name: 'c' },
    ]);
  });

  let report: Report | null = null;
  let detail = '';
  beforeAll(() => {
    // One vitest process for the whole sample: its files run as they would alone, each on its own
    // database; one process instead of one each saves a migrate-and-seed per test.
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--project',
        'api',
        ...chosen.map((c) => c.file),
        '-t',
        chosen.map((c) => `(?:${asPattern(c.name)})`).join('|'),
        '--reporter',
        'json',
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, STANDALONE_SAMPLE: undefined }, maxBuffer: 64 << 20 },
    );
    const start = run.stdout.indexOf('{');
    report = start >= 0 ? (JSON.parse(run.stdout.slice(start)) as Report) : null;
    detail = `${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`;
  });

  it('chooses each test from a file of its own', () => {
    expect(chosen).toHaveLength(SAMPLE);
    expect(new Set(chosen.map((c) => c.file)).size).toBe(SAMPLE);
  });

  it.each(chosen.map((c) => [`${c.file} › ${c.name}`, c] as const))('%s', (_, c) => {
    expect(report, detail).not.toBeNull();
    const file = report!.testResults.find((r) => r.name.endsWith(c.file));
    expect(file, detail).toBeDefined();
    // The chosen test ran and passed, and nothing else in its file ran before or after it.
    const ran = file!.assertionResults.filter((a) => a.status === 'passed' || a.status === 'failed');
    expect(
      ran.map((a) => ({ name: a.title, status: a.status })),
      detail,
    ).toEqual([{ name: c.name, status: 'passed' }]);
  });
});
