import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startApp } from './app.js';
import { browserAvailability, fill, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('journey (a): the home page', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the community name and that the service is up', async () => {
    const shot = screenshots('a-home');
    const context = await phoneContext(app.browser);
    const page = await context.newPage();
    await go(page, app.server.url, '/pages/home/index');
    await expect.poll(() => page.locator('#community-name').textContent()).toBe('八珠街社区');
    await expect.poll(() => page.locator('#health-status').textContent()).toContain('服务正常');
    await shot(page, 'home');

    // The test server runs the WeChat stand-in: the page says so, in small print.
    const health = (await (await fetch(`${app.server.url}/api/health`)).json()) as { wechat?: string };
    if (health.wechat === 'stand-in') {
      await expect.poll(() => page.locator('#wechat-stand-in').textContent()).toBe('开发环境：微信接口为本地模拟');
    }
    await context.close();
  });

  it('lets the browser keep the app files named by their hash, and asks for the page itself every time', async () => {
    const page = await fetch(`${app.server.url}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const scripts = [...html.matchAll(/src="(\/js\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const styles = [...html.matchAll(/href="(\/css\/[^"]+\.css)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    expect(styles.length).toBeGreaterThan(0);
    for (const file of [...scripts, ...styles]) {
      const r = await fetch(`${app.server.url}${file}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect([file, r.status, r.headers.get('cache-control')]).toEqual([file, 200, 'public, max-age=31536000, immutable']);
      await r.arrayBuffer();
    }
    // A file without a hash in its name is checked again on every use.
    const plain = await fetch(`${app.server.url}/index.html`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
  });

  it('says the network is down in plain words when the API cannot be reached', async () => {
    const shot = screenshots('a-home-network-down');
    const context = await phoneContext(app.browser);
    await context.route('**/api/health', (route) => route.abort('internetdisconnected'));
    const page = await context.newPage();
    await go(page, app.server.url, '/pages/home/index');
    await expect.poll(() => page.locator('#health-status').textContent()).toBe('● 服务暂时不可用：网络不通，请稍后再试');
    await shot(page, 'network-down');
    await context.close();
  });

  it('brings a resident who signs in from the 办事 tab back to it, the title bar as in WeChat on the way', async () => {
    const shot = screenshots('a-sign-in-from-service');
    const context = await phoneContext(app.browser);
    const page = await context.newPage();
    // What the H5 title bar shows left of the title: WeChat shows nothing on a tab page and only
    // the back arrow on a page reached with navigateTo.
    const titleBarIcons = async () => ({
      back: await page.locator('.taro-navigation-bar-back').isVisible(),
      home: await page.locator('.taro-navigation-bar-home').isVisible(),
    });
    await go(page, app.server.url, '/pages/service/index');
    await page.locator('#service-login').waitFor();
    await expect.poll(titleBarIcons).toEqual({ back: false, home: false });
    await tap(page, 'service-login');
    await page.locator('#login-username').waitFor();
    await expect.poll(titleBarIcons).toEqual({ back: true, home: false });
    await shot(page, 'login-title-bar');
    await fill(page, 'login-username', DEMO.resident.username);
    await fill(page, 'login-password', DEMO.resident.password);
    await tap(page, 'login-submit');
    await page.locator('#cat-certificate').waitFor();
    await expect.poll(titleBarIcons).toEqual({ back: false, home: false });
    await shot(page, 'back-on-service-tab');
    await context.close();
  });
});
