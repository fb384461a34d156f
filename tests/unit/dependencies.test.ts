import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The arrows run one way: entry (functions/_entry: the route registry, the server, the scripts)
 * → domains (functions/<domain>) → kernel (functions/_platform and other underscored folders) →
 * db. The kernel knows no domain, so it can be read, tested and reused without them; db knows no
 * code above it.
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
});
