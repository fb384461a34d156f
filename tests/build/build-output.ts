import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const miniappDir = join(root, 'miniapp');

/** Newest modification time of everything that goes into a Taro build. */
export function newestSourceTime(): number {
  const inputs = [join(miniappDir, 'src'), join(miniappDir, 'config'), join(miniappDir, 'babel.config.js')];
  let newest = 0;
  for (const input of inputs) {
    for (const file of walk(input)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

type Target = 'weapp' | 'h5';
const markerOf = (target: Target) => join(root, 'dist', target, target === 'weapp' ? 'app.json' : 'index.html');
const isFresh = (target: Target) => existsSync(markerOf(target)) && statSync(markerOf(target)).mtimeMs > newestSourceTime();

/**
 * Builds `dist/<target>` unless its marker file is newer than every miniapp source. Test files run
 * in parallel workers, and two of them may want the same build: one builds, the others wait for
 * its lock (`dist/.<target>.lock`, holding the builder's pid) and then find it fresh.
 */
export function ensureBuild(target: Target): { rebuilt: boolean; seconds: number } {
  const waited = Date.now();
  const release = takeLock(target);
  try {
    if (isFresh(target)) return { rebuilt: false, seconds: (Date.now() - waited) / 1000 };
    const started = Date.now();
    execSync(`npm run build:${target}`, { cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
    return { rebuilt: true, seconds: (Date.now() - started) / 1000 };
  } finally {
    release();
  }
}

/**
 * Starts the build in the background when it is not fresh (from a global setup: the build then
 * runs while the unit and API tests do), holding the lock until it ends; `ensureBuild` in the
 * test files waits for it. A build that fails leaves the build stale, and `ensureBuild` builds
 * again and reports the error where a test needs it.
 */
export function startBuildInBackground(target: Target): ChildProcess | null {
  if (isFresh(target)) return null;
  const release = takeLock(target);
  const child = spawn('npm', ['run', `build:${target}`], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  child.on('exit', release);
  child.on('error', release);
  return child;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Waits for and takes the build's lock; a lock whose holder has died is taken over. */
function takeLock(target: Target): () => void {
  const lock = join(root, 'dist', `.${target}.lock`);
  mkdirSync(join(root, 'dist'), { recursive: true });
  const giveUp = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : 0);
    if (holder && !alive(holder)) rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > giveUp) throw new Error(`waited 15 minutes for the ${target} build held by pid ${holder}`);
    else sleep(250);
  }
}

export function* walk(path: string): Generator<string> {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (st.isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path)) yield* walk(join(path, entry));
}

export function sizeOf(dir: string, keep: (rel: string) => boolean = () => true): number {
  let total = 0;
  for (const file of walk(dir)) if (keep(relative(dir, file))) total += statSync(file).size;
  return total;
}

export const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
