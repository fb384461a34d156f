import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { miniappDir, root } from './build-output.js';

describe('the mini-program sources', () => {
  it('type-check under the strict miniapp/tsconfig.json', () => {
    let output = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(miniappDir, 'tsconfig.json')], {
        cwd: miniappDir,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
