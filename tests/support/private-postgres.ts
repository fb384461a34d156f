import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { testSettings } from './settings.js';

const BIN = '/usr/lib/postgresql/15/bin';

/** A free TCP port on the loopback interface. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a PostgreSQL program as the postgres user (initdb and postgres refuse to run as root). */
function asPostgres(program: string, args: string[]) {
  const command = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', path.join(BIN, program), ...args] : [path.join(BIN, program), ...args];
  return execFileSync(command[0]!, command.slice(1), { stdio: 'pipe', timeout: 60_000 }).toString();
}

/** The pids of a process and all of its descendants, from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(parents.get(all[i]!) ?? []));
  return all;
}

export interface PrivatePostgres {
  port: number;
  /** postgres:// URL of the seeded database `bazhujie`. */
  url: string;
  /** Kills every connection of the database, as an admin's pg_terminate_backend does. */
  terminateConnections(): Promise<number>;
  /** Stops the server at once (`pg_ctl stop -m immediate`): every connection drops. */
  kill(): void;
  /** SIGSTOP to the server and all its backends: connections stay open and nothing answers. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Starts the server again after kill(). */
  start(): void;
  /** Stops the server and removes its files. */
  destroy(): void;
}

/**
 * A throw-away PostgreSQL cluster of this test's own, on another port, for outage tests: they
 * kill, freeze and restart it. The machine's shared server at 5432 is never touched. The
 * database is migrated and seeded as the test suite's (demo community + @other).
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bz-private-pg-'));
  chmodSync(dir, 0o755);
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  if (process.getuid?.() === 0) chownSync(dir, uid, gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60`;
  const start = () => {
    asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
  };
  const postmaster = () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const signalAll = (signal: NodeJS.Signals) => {
    for (const pid of processTree(postmaster())) {
      try {
        process.kill(pid, signal);
      } catch {
        // Already gone.
      }
    }
  };
  start();
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres@127.0.0.1:${port}/bazhujie`;
  {
    const setup = await openDatabase({ url: admin, driver: 'pg', max: 1 });
    await setup.db.execute(sql.raw('CREATE DATABASE bazhujie'));
    await setup.close();
    const database = await openDatabase({ url, driver: 'pg', max: 1, statementTimeoutMs: 0 });
    const settings = testSettings();
    const cipher = createDataCipher(Buffer.from(settings.DATA_KEY!, 'base64'));
    await migrateDatabase(database);
    await seedDemo({ db: database.db, cipher });
    await seedDemo({ db: database.db, cipher }, { slug: 'other', name: '东关社区' });
    await database.close();
  }
  let destroyed = false;
  return {
    port,
    url,
    async terminateConnections() {
      const database = await openDatabase({ url: admin, driver: 'pg', max: 1 });
      const result = await database.db.execute(
        sql.raw("select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = 'bazhujie' and pid <> pg_backend_pid()"),
      );
      await database.close();
      return (result as unknown as { rows: unknown[] }).rows.length;
    },
    kill() {
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    freeze() {
      signalAll('SIGSTOP');
    },
    thaw() {
      signalAll('SIGCONT');
    },
    start,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        if (existsSync(path.join(data, 'postmaster.pid'))) {
          signalAll('SIGCONT');
          asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface ServerProcess {
  url: string;
  /** The exit code or signal once the process ended; null while it runs. */
  exited(): string | null;
  /** Everything it wrote (one JSON log record a line). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The product as `npm start` runs it, in a process of its own, on `databaseUrl`: an outage test
 * can then tell a survived outage from a dead process.
 */
export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const { spawn } = await import('node:child_process');
  const { inject } = await import('vitest');
  const config = inject('testDb');
  const settings = testSettings();
  const port = await freePort();
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'functions/_entry/start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DB_DRIVER: config.kind === 'neon' ? 'neon' : 'pg',
      ...(config.kind === 'neon' && config.wsProxy ? { NEON_WS_PROXY: config.wsProxy } : {}),
      AUTH_SECRET: settings.AUTH_SECRET!,
      DATA_KEY: settings.DATA_KEY!,
      DATA_DIR: '.data/test',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      SKIP_H5_BUILD: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited: string | null = null;
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const ended = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = signal ?? String(code);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300 && exited === null; i++) {
    const up = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (exited !== null) throw new Error(`the server process ended at start (${exited}):\n${output}`);
  return {
    url,
    exited: () => exited,
    output: () => output,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await ended;
        clearTimeout(timer);
      }
    },
  };
}
