import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allowedUses } from './domain-uses.js';

/**
 * The arrows run one way: entry (functions/_entry: the route registry, the server, the scripts)
 * → domains (functions/<domain>) → kernel (functions/_platform and other underscored folders) →
 * db. The kernel knows no domain, so it can be read, tested and reused without them; db knows no
 * code above it.
 *
 * Between domains, a domain uses another only as ./domain-uses.ts allows, each use with its reason,
 * and never both ways round.
 */

const root = path.resolve(import.meta.dirname, '../..');

interface Edge {
  /** The importing file, relative to the repository root. */
  from: string;
  /** The imported file relative to the root, or the package name as written. */
  to: string;
}

type Layer = 'kernel' | 'entry' | 'domain' | 'db' | 'api' | 'other';

function layerOf(file: string): Layer {
  if (file.startsWith('functions/_entry/')) return 'entry';
  // functions/_platform, and any other underscored folder of code below the domains.
  if (file.startsWith('functions/_')) return 'kernel';
  if (file.startsWith('functions/')) return 'domain';
  if (file.startsWith('db/')) return 'db';
  if (file.startsWith('api/')) return 'api';
  return 'other';
}

/** Who may not import whom. */
const forbidden: Record<Layer, Layer[]> = {
  kernel: ['domain', 'entry', 'api'],
  domain: ['entry', 'api'],
  db: ['kernel', 'domain', 'entry', 'api'],
  entry: ['api'],
  api: [],
  other: [],
};

function violations(edges: Edge[]): string[] {
  return edges.filter((e) => forbidden[layerOf(e.from)].includes(layerOf(e.to))).map((e) => `${e.from} → ${e.to}`);
}

/** Every module specifier of a file: static, `import type`, `export … from`, side-effect and `import()`. */
function readImports(from: string, source: string): Edge[] {
  return ts.preProcessFile(source, true, true).importedFiles.map(({ fileName }) => ({
    from,
    to: fileName.startsWith('.') ? path.posix.join(path.posix.dirname(from), fileName) : fileName,
  }));
}

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tsFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** `elections` for functions/elections/…, null for the kernel, the entry points and everything else. */
function domainOf(file: string): string | null {
  const m = /^functions\/([^/_][^/]*)\//.exec(file);
  return m ? m[1]! : null;
}

type UseTable = Record<string, Record<string, string>>;

/**
 * Uses of one domain by another that the table does not allow: the target domain, or the one file
 * of it the table names (`election-day/majority.ts`), must be listed under the importing domain.
 */
function undeclaredUses(found: Edge[], table: UseTable): string[] {
  return found
    .filter((e) => {
      const from = domainOf(e.from);
      const to = domainOf(e.to);
      if (!from || !to || from === to) return false;
      const allowed = table[from] ?? {};
      const file = e.to.slice('functions/'.length).replace(/\.js$/, '.ts');
      return !(to in allowed) && !(file in allowed);
    })
    .map((e) => `${e.from} → ${e.to}`);
}

const targetDomain = (target: string) => target.split('/')[0]!;

/** Pairs of domains the table lets use each other. */
function twoWay(table: UseTable): string[] {
  return Object.entries(table).flatMap(([from, uses]) =>
    Object.keys(uses)
      .map(targetDomain)
      .filter((to) => from < to && Object.keys(table[to] ?? {}).some((back) => targetDomain(back) === from))
      .map((to) => `${from} ⇄ ${to}`),
  );
}

/** A circle of uses (a → b → … → a), or null: the domains in the order they are met. */
function circle(table: UseTable): string[] | null {
  const done = new Set<string>();
  const visit = (domain: string, path: string[]): string[] | null => {
    if (path.includes(domain)) return [...path.slice(path.indexOf(domain)), domain];
    if (done.has(domain)) return null;
    for (const to of Object.keys(table[domain] ?? {}).map(targetDomain)) {
      const found = visit(to, [...path, domain]);
      if (found) return found;
    }
    done.add(domain);
    return null;
  };
  for (const domain of Object.keys(table)) {
    const found = visit(domain, []);
    if (found) return found;
  }
  return null;
}

const domainFolders = readdirSync(path.join(root, 'functions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name);

const edges = ['functions', 'db', 'api'].flatMap(tsFiles).flatMap((file) => readImports(file, readFileSync(path.join(root, file), 'utf8')));

describe('dependencies between layers', () => {
  it('reads every import of the server code', () => {
    // Guards against a walk that finds nothing and so passes.
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ from: 'api/index.ts', to: 'functions/_entry/server.js' });
  });

  it('keeps the kernel free of every domain and of the entry points', () => {
    expect(violations(edges.filter((e) => layerOf(e.from) === 'kernel'))).toEqual([]);
  });

  it('keeps db free of functions/ and api/', () => {
    expect(violations(edges.filter((e) => layerOf(e.from) === 'db'))).toEqual([]);
  });

  it('keeps every domain free of the entry points', () => {
    expect(violations(edges.filter((e) => layerOf(e.from) === 'domain'))).toEqual([]);
  });
});

describe('uses between domains', () => {
  it('are only those the table allows', () => {
    // Guards against a domain pattern that matches nothing and so passes.
    expect(edges.filter((e) => domainOf(e.from) && domainOf(e.to) && domainOf(e.from) !== domainOf(e.to)).length).toBeGreaterThan(100);
    expect(undeclaredUses(edges, allowedUses)).toEqual([]);
  });

  it('are declared for every domain folder, and only for folders that exist', () => {
    expect(Object.keys(allowedUses).sort()).toEqual([...domainFolders].sort());
    const targets = Object.values(allowedUses).flatMap((uses) => Object.keys(uses));
    expect(targets.filter((t) => !domainFolders.includes(targetDomain(t)))).toEqual([]);
  });

  it('each say in one line why they are allowed', () => {
    const unexplained = Object.entries(allowedUses).flatMap(([from, uses]) =>
      Object.entries(uses)
        .filter(([, why]) => why.trim().split(/\s+/).length < 3 || why.includes('\n'))
        .map(([to]) => `${from} → ${to}`),
    );
    expect(unexplained).toEqual([]);
  });

  it('run one way: no two domains may use each other, nor may a longer circle close', () => {
    expect(twoWay(allowedUses)).toEqual([]);
    expect(circle(allowedUses)).toBeNull();
  });

  it('leave notices free of every election domain', () => {
    const electionDomains = ['elections', 'proxy-votes', 'election-day', 'voter-objections', 'candidate-nominations'];
    expect(Object.keys(allowedUses.notices!).filter((to) => electionDomains.includes(targetDomain(to)))).toEqual([]);
    const fromNotices = edges.filter((e) => domainOf(e.from) === 'notices');
    expect(fromNotices.length).toBeGreaterThan(10);
    expect(fromNotices.filter((e) => electionDomains.includes(domainOf(e.to) ?? '')).map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
});

describe('the dependency check itself', () => {
  it('sees static, type-only, re-exported, side-effect and dynamic imports', () => {
    const source = [
      "import type { AnyRoute } from '../_entry/a.js';",
      "import {\n  b,\n} from '../elections/b.js';",
      "export { c } from '../../db/c.js';",
      "import '../notices/d.js';",
      "const e = await import('../residents/e.js');",
    ].join('\n');
    expect(readImports('functions/_platform/x.ts', source).map((e) => e.to)).toEqual([
      'functions/_entry/a.js',
      'functions/elections/b.js',
      'db/c.js',
      'functions/notices/d.js',
      'functions/residents/e.js',
    ]);
  });

  it('refuses a kernel file importing a domain or the registry', () => {
    expect(violations(readImports('functions/_platform/app.ts', "import { routes } from '../_entry/routes.js';"))).toHaveLength(1);
    expect(violations(readImports('functions/_platform/app.ts', "const m = await import('../elections/rules.js');"))).toHaveLength(1);
  });

  it('refuses db importing the kernel, a domain or the entry points', () => {
    expect(violations(readImports('db/seed.ts', "import { seedDemo } from '../functions/_entry/seed-demo.js';"))).toHaveLength(1);
    expect(violations(readImports('db/client.ts', "import type { Services } from '../functions/_platform/context.js';"))).toHaveLength(1);
  });

  it('refuses a domain importing the entry points, and lets it import the kernel and db', () => {
    expect(violations(readImports('functions/community/routes.ts', "export { VERSION } from '../_entry/services.js';"))).toHaveLength(1);
    expect(
      violations(
        readImports(
          'functions/community/routes.ts',
          "import { defineRoute } from '../_platform/route.js';\nimport { communities } from '../../db/schema/index.js';",
        ),
      ),
    ).toEqual([]);
  });

  it('refuses a use of another domain the table does not allow, however it is imported', () => {
    const table: UseTable = { notices: { audit: 'why' }, elections: { notices: 'why' } };
    const refused = (line: string) => undeclaredUses(readImports('functions/notices/notices.ts', line), table);
    expect(refused("import { requireElection } from '../elections/elections.js';")).toEqual([
      'functions/notices/notices.ts → functions/elections/elections.js',
    ]);
    expect(refused("import type { ElectionRow } from '../elections/elections.js';")).toEqual([
      'functions/notices/notices.ts → functions/elections/elections.js',
    ]);
    expect(refused("export { deadlines } from '../elections/rules.js';")).toEqual(['functions/notices/notices.ts → functions/elections/rules.js']);
    expect(refused("const { deadlines } = await import('../elections/rules.js');")).toEqual(['functions/notices/notices.ts → functions/elections/rules.js']);
    expect(undeclaredUses(readImports('functions/notices/notices.ts', "import { appendAudit } from '../audit/chain.js';"), table)).toEqual([]);
    expect(undeclaredUses(readImports('functions/elections/calendar.ts', "import { electionNoticeKinds } from '../notices/notices.js';"), table)).toEqual([]);
  });

  it('refuses a domain the table does not list at all, and lets a domain use its own files and the kernel', () => {
    const edgesOfNewDomain = readImports(
      'functions/photos/store.ts',
      "import { appendAudit } from '../audit/chain.js';\nimport { x } from './x.js';\nimport { AppError } from '../_platform/errors.js';",
    );
    expect(undeclaredUses(edgesOfNewDomain, {})).toEqual(['functions/photos/store.ts → functions/audit/chain.js']);
  });

  it('lets a use named down to one file through for that file only', () => {
    const table: UseTable = { 'party-branch': { 'election-day/majority.ts': 'why' } };
    expect(undeclaredUses(readImports('functions/party-branch/count.ts', "import { doubleEntry } from '../election-day/majority.js';"), table)).toEqual([]);
    expect(undeclaredUses(readImports('functions/party-branch/count.ts', "import { issueBallot } from '../election-day/ballots.js';"), table)).toEqual([
      'functions/party-branch/count.ts → functions/election-day/ballots.js',
    ]);
  });

  it('finds a pair allowed both ways, and a longer circle', () => {
    expect(twoWay({ elections: { 'proxy-votes': 'why' }, 'proxy-votes': { elections: 'why' } })).toEqual(['elections ⇄ proxy-votes']);
    expect(twoWay({ 'party-branch': { 'election-day/majority.ts': 'why' }, 'election-day': { 'party-branch': 'why' } })).toEqual([
      'election-day ⇄ party-branch',
    ]);
    expect(circle({ a: { b: 'why' }, b: { c: 'why' }, c: { a: 'why' } })).toEqual(['a', 'b', 'c', 'a']);
    expect(circle({ a: { b: 'why', c: 'why' }, b: { c: 'why' }, c: {} })).toBeNull();
  });

  it('would have refused the uses both ways round that were resolved (elections ⇄ proxy votes, auth ⇄ residents, notices → elections)', () => {
    const before = [
      readImports('functions/elections/routes.ts', "import { myProxyApplications } from '../proxy-votes/list.js';"),
      readImports('functions/residents/replies.ts', "import { Account } from '../auth/replies.js';"),
      readImports('functions/notices/routes.ts', "import { contributeToCalendar } from '../elections/elections.js';"),
    ].flat();
    expect(undeclaredUses(before, allowedUses)).toHaveLength(3);
  });
});
