import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index.js';

/**
 * A route handler validates (its zod schemas), calls one verb and answers; the SQL is the verb's
 * (STYLE.md, "Thin handlers"). Every route file of a domain (functions/<domain>/routes.ts and any
 * <part>-routes.ts) is read, and a database call in one fails here: an import of drizzle or of the
 * database client, a table taken from db/schema (a route file may take an enum's values from there
 * for its schemas, nothing else), a query builder's `.select(`, `.insert(`, `.update(`, `.delete(`
 * or `.execute(`, a transaction, a `sql` template, or the database handle itself (`ctx.db`, `tx.`,
 * `db.`).
 */

const root = path.resolve(import.meta.dirname, '../..');

/** What gives a database call away in a route file's code (comments left out). */
const databaseCalls: [RegExp, string][] = [
  [/\.(select|selectDistinct|insert|update|delete|execute|prepare|transaction)\(/, 'a query'],
  [/\bwithTransaction\(|\bperDatabase\(/, 'a transaction or prepared statement'],
  [/\bsql\s*`/, 'an SQL template'],
  [/\bctx\.db\b|\btx\.|(?<![\w.])db\./, 'the database handle'],
];

/** A schema export a route may import: an enum's values (a list of strings), not a table. */
const isValueList = (name: string) => {
  const value = (schema as Record<string, unknown>)[name];
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
};

/** The database calls of one route file's source, as `what (where)`. */
function databaseCallsIn(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const target = from.startsWith('.') ? path.posix.join(path.posix.dirname(file), from) : from;
    const clause = statement.importClause;
    if (clause?.isTypeOnly) continue;
    if (target.startsWith('drizzle-orm')) found.push(`an import of ${from}`);
    else if (target.startsWith('db/schema/')) {
      const bindings = clause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) found.push(`an import of all of ${from}`);
      else for (const e of bindings.elements) if (!e.isTypeOnly && !isValueList(e.name.text)) found.push(`the table ${e.name.text} from ${from}`);
    } else if (target.startsWith('db/')) found.push(`an import of ${from}`);
  }
  // The code without its comments, so a comment may still speak of `ctx.db`.
  const code = ts.createPrinter({ removeComments: true }).printFile(sourceFile);
  for (const [pattern, what] of databaseCalls) {
    const match = pattern.exec(code);
    if (match) found.push(`${what} (${match[0]})`);
  }
  return found.map((f) => `${file}: ${f}`);
}

/** Every domain's route files: routes.ts, and any <part>-routes.ts beside it. */
const routeFiles = readdirSync(path.join(root, 'functions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .flatMap((d) =>
    readdirSync(path.join(root, 'functions', d.name))
      .filter((f) => f === 'routes.ts' || f.endsWith('-routes.ts'))
      .map((f) => `functions/${d.name}/${f}`),
  );

describe('route handlers', () => {
  it('are read from every domain that has routes', () => {
    // Guards against a walk that finds nothing and so passes.
    expect(routeFiles.length).toBeGreaterThan(10);
    expect(routeFiles).toContain('functions/audit/routes.ts');
  });

  it('make no database call: they validate, call one verb and answer', () => {
    const calls = routeFiles.flatMap((file) => databaseCallsIn(file, readFileSync(path.join(root, file), 'utf8')));
    expect(calls).toEqual([]);
  });
});

describe('the thin-handler check itself', () => {
  const file = 'functions/audit/routes.ts';

  it('refuses the audit list as its handler used to read it', () => {
    const before = [
      "import { and, asc, eq, gt } from 'drizzle-orm';",
      "import { auditLog } from '../../db/schema/index.js';",
      'export const auditRoutes = [defineRoute({',
      '  async handle({ ctx, input }) {',
      '    const rows = await ctx.db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.communityId, ctx.communityId)).orderBy(asc(auditLog.seq));',
      '    return { items: rows };',
      '  },',
      '})];',
    ].join('\n');
    expect(databaseCallsIn(file, before)).toEqual([
      `${file}: an import of drizzle-orm`,
      `${file}: the table auditLog from ../../db/schema/index.js`,
      `${file}: a query (.select()`,
      `${file}: the database handle (ctx.db)`,
    ]);
  });

  it('refuses the service categories and the health check as their handlers used to read them', () => {
    const categories = [
      "import { serviceCategories, serviceRequestStatuses } from '../../db/schema/index.js';",
      'const handle = async ({ ctx }) => (await ctx.db.select().from(serviceCategories)).map((c) => c.code);',
    ].join('\n');
    expect(databaseCallsIn('functions/service-requests/routes.ts', categories)).toEqual([
      'functions/service-requests/routes.ts: the table serviceCategories from ../../db/schema/index.js',
      'functions/service-requests/routes.ts: a query (.select()',
      'functions/service-requests/routes.ts: the database handle (ctx.db)',
    ]);
    const health = "const databaseAnswers = perDatabase((db) => db.select({ id: communities.id }).from(communities).limit(1).prepare('health_check'));";
    expect(databaseCallsIn('functions/community/routes.ts', health)).toEqual([
      'functions/community/routes.ts: a query (.select()',
      'functions/community/routes.ts: a transaction or prepared statement (perDatabase()',
      'functions/community/routes.ts: the database handle (db.)',
    ]);
  });

  it('refuses writes, transactions, SQL templates and the database client too', () => {
    const refused = (line: string) => databaseCallsIn(file, line).length;
    expect(refused('await tx.delete(sessions).where(lt(sessions.expiresAt, before));')).toBeGreaterThan(0);
    expect(refused('await ctx.db.insert(notices).values(row);')).toBeGreaterThan(0);
    expect(refused('await withTransaction(ctx, async (t) => t);')).toBeGreaterThan(0);
    expect(refused('const rows = await run(sql`select 1`);')).toBeGreaterThan(0);
    expect(refused("import type { Db } from '../../db/client.js';\nimport { openDb } from '../../db/client.js';")).toBe(1);
    expect(refused("import * as tables from '../../db/schema/index.js';")).toBe(1);
  });

  it("lets a route take an enum's values from db/schema, types, and a verb handed ctx", () => {
    const thin = [
      "import { noticeCategories, type NoticeKind } from '../../db/schema/index.js';",
      "import type { Db } from '../../db/client.js';",
      '// A comment may speak of ctx.db.select( without harm.',
      "const Category = z.enum(noticeCategories, { error: '请选择公告类别' });",
      'const handle = ({ ctx, input }) => listNotices({ ctx, input: input.query });',
      "const method = 'delete';",
    ].join('\n');
    expect(databaseCallsIn('functions/notices/routes.ts', thin)).toEqual([]);
  });
});
