// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild, root } from './build-output.js';

/**
 * The real WeChat output, rendered: every page of dist/weapp is loaded by miniprogram-simulate
 * (WeChat's own test tool: the official wcc compiles the built WXML, j-component renders it in
 * jsdom), with the built app.js started first, and must render its first screen without
 * throwing. A page that breaks only in the weapp build (a DOM API, a missing template, a
 * require that is not there) fails here.
 *
 * What is shimmed: WeChat's `Page` becomes a `Component` whose `attached` runs the page's
 * onLoad/onShow/onReady (miniprogram-simulate renders components, not pages), `App`/`getApp`
 * keep the built app, and `wx` answers the calls a first render makes (storage empty, no
 * network: requests never answer, so pages show their signed-out or loading state).
 */

const out = join(root, 'dist', 'weapp');
/** The storage key of 大字模式 (miniapp/src/components/a11y.ts). */
const CARE_KEY = readFileSync(join(root, 'miniapp/src/components/a11y.ts'), 'utf8').match(/CARE_KEY = '([^']+)'/)![1]!;
const require = createRequire(import.meta.url);

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

type Fn = (...args: unknown[]) => unknown;

/**
 * The weapp output is CommonJS, but this repository's package.json says "type": "module": load
 * files under dist/weapp as CommonJS whatever the package says.
 */
function loadWeappAsCommonJs() {
  const extensions = (Module as unknown as { _extensions: Record<string, (m: { _compile: (code: string, file: string) => void }, file: string) => void> })
    ._extensions;
  const original = extensions['.js']!;
  extensions['.js'] = (module, filename) => {
    if (filename.startsWith(out)) return module._compile(readFileSync(filename, 'utf8'), filename);
    return original(module, filename);
  };
}

/** The build is started with 大字模式 chosen, as a resident switches it on in 我的. */
function installWx() {
  const storage = new Map<string, unknown>([[CARE_KEY, true]]);
  const systemInfo = {
    platform: 'devtools',
    windowWidth: 375,
    windowHeight: 812,
    screenWidth: 375,
    screenHeight: 812,
    pixelRatio: 2,
    fontSizeSetting: 16,
    SDKVersion: '3.6.0',
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17',
  };
  const known: Record<string, Fn> = {
    getSystemInfoSync: () => systemInfo,
    getAppBaseInfo: () => systemInfo,
    getWindowInfo: () => systemInfo,
    getDeviceInfo: () => systemInfo,
    getStorageSync: (key) => storage.get(String(key)) ?? '',
    setStorageSync: (key, value) => void storage.set(String(key), value),
    removeStorageSync: (key) => void storage.delete(String(key)),
    getLaunchOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
    // No network in a smoke test: a request never answers.
    request: () => ({ abort: () => undefined }),
    nextTick: (cb) => setTimeout(cb as () => void, 0),
    canIUse: () => true,
    getMenuButtonBoundingClientRect: () => ({ top: 24, bottom: 56, left: 280, right: 367, width: 87, height: 32 }),
  };
  // Any other wx API: a function that succeeds with nothing.
  const wx = new Proxy(known, {
    get: (target, name: string) =>
      target[name] ??
      ((opts?: { success?: Fn; complete?: Fn }) => {
        opts?.success?.({});
        opts?.complete?.({});
        return undefined;
      }),
  });
  Object.assign(globalThis, { wx });
}

describe('every page of the WeChat build renders under miniprogram-simulate', () => {
  let app: AppJson;
  let pages: string[];
  // biome-ignore lint/suspicious/noExplicitAny: miniprogram-simulate has no types for what we use
  let simulate: any;

  beforeAll(() => {
    ensureBuild('weapp');
    app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as AppJson;
    pages = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
    installWx();
    loadWeappAsCommonJs();
    simulate = require('miniprogram-simulate');
    let appConfig: Record<string, Fn> | null = null;
    const wxApp = (config: Record<string, Fn>) => {
      appConfig = config;
    };
    Object.assign(globalThis, {
      App: wxApp,
      getApp: () => appConfig,
      getCurrentPages: () => [],
      requirePlugin: () => ({}),
      __wxConfig: { envVersion: 'develop', platform: 'devtools' },
    });
    require(join(out, 'app.js'));
    if (!appConfig) throw new Error('app.js did not call App()');
    (appConfig as Record<string, Fn>).onLaunch?.call(appConfig, { path: 'pages/home/index', query: {}, scene: 1001 });
  }, 300_000);

  it('finds the pages listed in app.json', () => {
    expect(pages.length).toBeGreaterThanOrEqual(20);
  });

  // Each page's first screen, with a phrase only it shows (signed out, no network answers).
  it.each([
    ['pages/home/index', '您要做什么？'],
    ['pages/service/index', '便民服务窗口'],
    ['pages/election/index', '居委会选举'],
    ['pages/me/index', '大字模式'],
    ['auth/login/index', '微信一键登录'],
    ['auth/register/index', '再输一次密码'],
    ['auth/qr-confirm/index', '二维码无效'],
    ['auth/privacy/index', '我们收集什么'],
    ['service/new/index', '正在加载'],
    ['service/list/index', '正在加载'],
    ['service/detail/index', '正在加载'],
    ['staff/index/index', '工作台'],
    ['staff/residents/index', '审核时请核对'],
    ['staff/resident-new/index', '身份证号'],
    ['staff/queue/index', '找人：姓名或手机号'],
    ['staff/request/index', '正在加载'],
    ['staff/dashboard/index', '正在加载'],
    ['staff/file-for/index', '居民在哪个小组'],
    ['staff/people/index', '找人'],
    ['staff/password/index', '居民忘记密码时'],
  ])('%s renders its first screen', async (pagePath, phrase) => {
    const rendered = await renderPage(simulate, pagePath);
    expect(rendered.error).toBe('');
    expect(rendered.text).toContain(phrase);
  });

  it('renders every page in app.json (none left out of the list above), each in 大字模式', async () => {
    const failures: string[] = [];
    for (const p of pages) {
      const r = await renderPage(simulate, p);
      if (r.error || !r.text.trim()) failures.push(`${p}: ${r.error || 'empty'}`);
      // Care mode reaches the page only through its root (Page): a page without it shows no .care.
      else if (!r.care) failures.push(`${p}: no care-mode class on the page`);
    }
    expect(failures).toEqual([]);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: see above
async function renderPage(simulate: any, pagePath: string): Promise<{ text: string; error: string; care?: boolean }> {
  let config: Record<string, Fn> | null = null;
  const wxPage = (c: Record<string, Fn>) => {
    config = c;
    const methods: Record<string, Fn> = {};
    for (const [k, v] of Object.entries(c)) if (typeof v === 'function') methods[k] = v;
    // biome-ignore lint/suspicious/noExplicitAny: the simulator's global Component
    (globalThis as any).Component({
      data: (c as { data?: object }).data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, Fn>) {
          this.onLoad?.({});
          this.onShow?.();
          this.onReady?.();
        },
      },
    });
  };
  Object.assign(globalThis, { Page: wxPage });
  try {
    const id = simulate.load(join(out, pagePath), { rootPath: out });
    const comp = simulate.render(id);
    comp.attach(document.createElement('parent-wrapper'));
    // Taro updates the page with setData after a tick or two.
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 20));
    if (!config) return { text: '', error: 'the page did not call Page()' };
    // miniprogram-simulate prefixes each class with the component's name (main--care); the page root
    // also carries the scale (--s: 1.3) that makes its text larger.
    const care = Array.from((comp.dom as HTMLElement).querySelectorAll('[class]')).some(
      (el) =>
        (el.getAttribute('class') ?? '').split(/\s+/).some((c) => c === 'care' || c.endsWith('--care')) &&
        (el.getAttribute('style') ?? '').includes('--s: 1.3'),
    );
    return { text: String(comp.dom.textContent ?? ''), error: '', care };
  } catch (error) {
    return { text: '', error: String((error as Error)?.stack ?? error).slice(0, 400) };
  }
}
