import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Builds `dist/<target>` unless its marker file is newer than every miniapp source. */
export function ensureBuild(target: 'weapp' | 'h5'): { rebuilt: boolean; seconds: number } {
  const marker = join(root, 'dist', target, target === 'weapp' ? 'app.json' : 'index.html');
  if (existsSync(marker) && statSync(marker).mtimeMs > newestSourceTime()) return { rebuilt: false, seconds: 0 };
  const started = Date.now();
  execSync(`npm run build:${target}`, { cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
  return { rebuilt: true, seconds: (Date.now() - started) / 1000 };
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
