import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild, kb, miniappDir, root, sizeOf } from './build-output.js';

const out = join(root, 'dist', 'weapp');
// Ours (issue 26): what a phone on a slow network downloads before the first screen. WeChat's own limit is 2 MB.
const MAIN_PACKAGE_LIMIT = 400 * 1024;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string }[] };
  __usePrivacyCheck__?: boolean;
}

/** Page folders in the sources: src/pages/<tab>/index.tsx and src/<subpackage>/<page>/index.tsx. */
function sourcePages(): string[] {
  const src = join(miniappDir, 'src');
  const pages: string[] = [];
  for (const top of readdirSync(src, { withFileTypes: true })) {
    if (!top.isDirectory()) continue;
    for (const page of readdirSync(join(src, top.name), { withFileTypes: true })) {
      if (page.isDirectory() && existsSync(join(src, top.name, page.name, 'index.tsx'))) {
        pages.push(`${top.name}/${page.name}/index`);
      }
    }
  }
  return pages.sort();
}

describe('the WeChat build (dist/weapp)', () => {
  let app: AppJson;
  let subRoots: string[];

  beforeAll(() => {
    const { rebuilt, seconds } = ensureBuild('weapp');
    console.log(rebuilt ? `built dist/weapp in ${seconds.toFixed(1)} s` : 'reusing a fresh dist/weapp');
    app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as AppJson;
    subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  }, 300_000);

  const allPages = () => [...app.pages, ...(app.subPackages ?? app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];

  it('lists every page written in miniapp/src', () => {
    expect(allPages().sort()).toEqual(sourcePages());
  });

  it('has the four tabs 首页 办事 选举 我的, each a main-package page', () => {
    const tabs = app.tabBar?.list ?? [];
    expect(tabs.map((t) => t.text)).toEqual(['首页', '办事', '选举', '我的']);
    expect(tabs.map((t) => t.pagePath)).toEqual(['pages/home/index', 'pages/service/index', 'pages/election/index', 'pages/me/index']);
    for (const t of tabs) expect(app.pages).toContain(t.pagePath);
    // Every other page lives in a subpackage, downloaded when it is first opened.
    expect([...app.pages].sort()).toEqual(tabs.map((t) => t.pagePath).sort());
  });

  it('asks for WeChat privacy consent through the app (__usePrivacyCheck__)', () => {
    expect(app.__usePrivacyCheck__).toBe(true);
  });

  it('emits .js, .json and .wxml for every page', () => {
    const missing = allPages().flatMap((page) => ['js', 'json', 'wxml'].map((ext) => `${page}.${ext}`).filter((f) => !existsSync(join(out, f))));
    expect(missing).toEqual([]);
  });

  it('has a WeChat DevTools project pointing at the build', () => {
    const project = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')) as { miniprogramRoot: string; appid: string };
    expect(project.miniprogramRoot.replace(/\/$/, '')).toBe('dist/weapp');
    expect(project.appid).toBeTruthy();
  });

  it('emits every subpackage root', () => {
    expect(subRoots.length).toBeGreaterThan(0);
    for (const r of subRoots) expect(existsSync(join(out, r)), r).toBe(true);
  });

  it('keeps the main package at or under 400 KB and records what each subpackage weighs', () => {
    const underSub = (rel: string) => subRoots.some((r) => rel === r || rel.startsWith(r + sep));
    const main = sizeOf(out, (rel) => !underSub(rel));
    const total = sizeOf(out);
    const subpackages = Object.fromEntries(subRoots.map((r) => [r, kb(sizeOf(join(out, r)))]));
    const h5Dir = join(root, 'dist', 'h5');
    const sizes = {
      measuredAt: new Date().toISOString(),
      weapp: { mainKB: kb(main), totalKB: kb(total), subpackagesKB: subpackages },
      h5: existsSync(h5Dir) ? { totalKB: kb(sizeOf(h5Dir)) } : null,
    };
    writeFileSync(join(import.meta.dirname, '.sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
    console.log('bundle sizes:', JSON.stringify(sizes, null, 2));
    expect(main).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT);
  });
});
