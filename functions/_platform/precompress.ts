import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

/**
 * Brotli and gzip siblings (`app.js.br`, `app.js.gz`) for the H5 build's text files, made once
 * per build; the static handler sends them to browsers that accept them (`precompressed`).
 */
export function precompress(dir: string): { files: number; made: number } {
  let files = 0;
  let made = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (COMPRESSIBLE.test(entry.name) && statSync(full).size >= 1024) {
        files++;
        const mtime = statSync(full).mtimeMs;
        for (const [ext, compress] of [
          ['.br', (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
          ['.gz', (b: Buffer) => gzipSync(b, { level: 9 })],
        ] as const) {
          const target = full + ext;
          if (existsSync(target) && statSync(target).mtimeMs >= mtime) continue;
          // Written aside and renamed: a server starting beside this one never reads half a file.
          const temp = `${target}.${process.pid}.tmp`;
          writeFileSync(temp, compress(readFileSync(full)));
          renameSync(temp, target);
          made++;
        }
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return { files, made };
}
