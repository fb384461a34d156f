import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { openTestDatabase } from '../support/database.js';

/**
 * The function as Vercel deploys it: @vercel/node transpiles each TypeScript file on its own to
 * native ESM ("type": "module") without bundling, so every relative import must name its .js
 * file. This compiles api/, functions/ and db/ the same way into a temporary folder, starts plain
 * Node on api/index.js, and sends real HTTP through it.
 */
const root = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
let url: string;
let closeDb: (() => Promise<void>) | undefined;

function transpileTree(from: string, to: string) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(target, { recursive: true });
      transpileTree(source, target);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      // Declaration files (types for a package that ships none) emit nothing.
      const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: source,
      });
      writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
    }
  }
}

beforeAll(async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bazhujie-vercel-'));
  for (const dir of ['api', 'functions', 'db']) {
    mkdirSync(path.join(out, dir), { recursive: true });
    transpileTree(path.join(root, dir), path.join(out, dir));
  }
  cpSync(path.join(root, 'db/migrations'), path.join(out, 'db/migrations'), { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(out, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  writeFileSync(
    path.join(out, 'serve.mjs'),
    `import http from 'node:http';
const { default: handler } = await import('./api/index.js');
const server = http.createServer(handler);
server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));`,
  );

  const config = inject('testDb');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_SECRET: 'vercel-entry-secret-vercel-entry-secret-000',
    DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    DATA_DIR: path.join(out, '.data'),
  };
  if (config.kind !== 'pglite') {
    const db = await openTestDatabase();
    closeDb = db.close;
    Object.assign(env, { DATABASE_URL: db.url!, DB_DRIVER: config.kind, ...(config.wsProxy ? { NEON_WS_PROXY: config.wsProxy } : {}) });
  }
  child = spawn(process.execPath, ['serve.mjs'], { cwd: out, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  url = await new Promise<string>((resolve, reject) => {
    child!.stdout!.on('data', (d: Buffer) => {
      const port = /PORT (\d+)/.exec(String(d))?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child!.on('exit', (code) => reject(new Error(`the deployed entry exited (${code}): ${stderr}`)));
  });
}, 120_000);

afterAll(async () => {
  child?.kill();
  await closeDb?.();
});

describe('the Vercel function entry, compiled as Vercel compiles it', () => {
  it('answers health through the deployed handler, with the version package.json gives', async () => {
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: inject('testDb').kind, version: pkg.version });
  });

  it('keeps the error model: malformed JSON 400, unknown route 404, both problem JSON', async () => {
    const bad = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const missing = await fetch(`${url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe('NOT_FOUND');
  });

  it('signs in a demo account and reads the service categories through it', async () => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'staff', password: 'Staff#2026' }),
    });
    expect(res.status).toBe(200);
    const { token } = await res.json();
    const categories = await fetch(`${url}/api/service-categories`, { headers: { Authorization: `Bearer ${token}` } });
    expect(categories.status).toBe(200);
    expect((await categories.json()).items).toHaveLength(12);
  });
});
