import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every page is rooted in `Page` (miniapp/src/components/ui.tsx): in the WeChat build it is what
 * carries WeChat's font setting and 大字模式 (care mode) to the page, so a page rooted in a plain
 * View would ignore both. The pages are read from app.config.ts; each return of a page's default
 * export must be `<Page …>` (or null while it loads nothing).
 */
const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'miniapp/src');

function pagesOf(config: string): string[] {
  const main = [...config.matchAll(/pages:\s*\[([^\]]*)\]/g)].map((m) => m[1]!);
  const subs = [...config.matchAll(/\{\s*root:\s*'([^']+)',[^}]*?pages:\s*\[([^\]]*)\]/gs)];
  const list = (block: string) => [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  const inSubs = new Set(subs.map((m) => m[2]));
  return [...main.filter((b) => !inSubs.has(b)).flatMap(list), ...subs.flatMap((m) => list(m[2]!).map((p) => `${m[1]}/${p}`))];
}

/** The tag names a page's default export returns (null for `return null`). */
function rootsOf(source: string): (string | null)[] {
  const file = ts.createSourceFile('page.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const fn = file.statements.find(
    (s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && !!s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword),
  );
  if (!fn?.body) return ['(no default function)'];
  const roots: (string | null)[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && node !== fn) return;
    if (ts.isReturnStatement(node) && node.expression) {
      let e: ts.Expression = node.expression;
      while (ts.isParenthesizedExpression(e)) e = e.expression;
      if (e.kind === ts.SyntaxKind.NullKeyword) roots.push(null);
      else if (ts.isJsxElement(e)) roots.push(e.openingElement.tagName.getText());
      else if (ts.isJsxSelfClosingElement(e)) roots.push(e.tagName.getText());
      else roots.push(e.getText().slice(0, 40));
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return roots;
}

describe('every page is rooted in Page (care mode and the font setting reach it in WeChat)', () => {
  const pages = pagesOf(readFileSync(path.join(src, 'app.config.ts'), 'utf8'));

  it('reads every page of app.config.ts', () => {
    expect(pages.length).toBeGreaterThan(40);
    expect(pages).toContain('pages/home/index');
    expect(pages).toContain('election-day/tally/index');
  });

  it.each(pages)('%s', (page) => {
    const roots = rootsOf(readFileSync(path.join(src, `${page}.tsx`), 'utf8'));
    expect(roots.length).toBeGreaterThan(0);
    expect(roots.filter((r) => r !== 'Page' && r !== null)).toEqual([]);
  });

  it('catches a page rooted in a plain View', () => {
    const source = `export default function P() { if (x) return (<Page><Text/></Page>); return (<View className="page"><Text/></View>); }`;
    expect(rootsOf(source)).toEqual(['Page', 'View']);
  });
});
