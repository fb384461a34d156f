import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './build-output.js';

type Lock = { packages: Record<string, { version?: string; optionalDependencies?: Record<string, string> }> };
type Manifest = { overrides?: Record<string, string | Record<string, string>> };

const BINDING = '@tarojs/binding';

/**
 * Why `npm ci` would refuse the lock (issue 7, finding 12): every optional platform package of
 * @tarojs/binding must be in the lock, at the version package.json's overrides pin it to (the
 * registry never got 4.2.1 of most of them), or at the version the binding asks for when not
 * overridden. Empty when the lock installs as it is.
 */
function bindingLockProblems(lock: Lock, manifest: Manifest): string[] {
  const binding = lock.packages[`node_modules/${BINDING}`];
  if (!binding) return [`${BINDING} is not in the lock`];
  const pinned = manifest.overrides?.[BINDING];
  const overrides = typeof pinned === 'object' ? pinned : {};
  const problems: string[] = [];
  for (const [name, wanted] of Object.entries(binding.optionalDependencies ?? {})) {
    const entry = lock.packages[`node_modules/${BINDING}/node_modules/${name}`] ?? lock.packages[`node_modules/${name}`];
    const expected = overrides[name] ?? wanted;
    if (!entry) problems.push(`${name}: not in the lock (npm ci would want ${expected})`);
    else if (entry.version !== expected) problems.push(`${name}: locked at ${entry.version}, package.json wants ${expected}`);
  }
  return problems;
}

const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

/** A file as it was before the lock was fixed (null in a clone without that history). */
function beforeTheFix(file: string): unknown | null {
  try {
    const commit = execFileSync('git', ['log', '-1', '--format=%H', '-S', '"@tarojs/binding-darwin-arm64": "4.1.11"', '--', 'package.json'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    if (!commit) return null;
    return JSON.parse(execFileSync('git', ['show', `${commit}~1:${file}`], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } catch {
    return null;
  }
}

describe('the install Vercel and CI run', () => {
  it('finding 12: npm ci accepts the lock — every optional platform package of @tarojs/binding is locked at its pinned version', () => {
    expect(bindingLockProblems(read('package-lock.json'), read('package.json'))).toEqual([]);
    // The check catches the lock as it was before the fix (when the history is there to look).
    const oldLock = beforeTheFix('package-lock.json') as Lock | null;
    if (oldLock)
      expect(bindingLockProblems(oldLock, beforeTheFix('package.json') as Manifest)).toContain(
        '@tarojs/binding-darwin-arm64: not in the lock (npm ci would want 4.2.1)',
      );
  });
});
