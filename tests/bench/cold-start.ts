/**
 * The deployed function's weight: api/index.ts bundled with esbuild (ESM, code splitting, so a
 * module loaded with import() lands in its own chunk and costs nothing until a request needs
 * it), its size, and how long a fresh Node process takes to import it and to answer its first
 * request — a serverless cold start, less the platform's own part.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ColdStart {
  entryBytes: number;
  entryGzipBytes: number;
  /** The entry and every chunk it imports statically: what a cold start must load. */
  eagerBytes: number;
  /** Everything, lazy chunks included. */
  totalBytes: number;
  chunks: number;
  importMs: number[];
  firstAnswerMs: number[];
  biggestEagerInputs: { input: string; bytes: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export { median };

export async function measureColdStart(root: string, outDir: string, env: Record<string, string>, runs = 5): Promise<ColdStart> {
  const { build } = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(root, 'api/index.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    outdir: outDir,
    metafile: true,
    logLevel: 'silent',
    // Native addons (and libheif's WebAssembly) stay packages, as Vercel ships them.
    external: ['@node-rs/argon2', 'pg-native', 'sharp', 'heic-decode'],
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  const outputs = result.metafile.outputs;
  const entryName = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith('api/index.ts'))!;
  const eager = new Set<string>();
  const visit = (name: string) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const imp of outputs[name]?.imports ?? []) if (imp.kind === 'import-statement' && outputs[imp.path]) visit(imp.path);
  };
  visit(entryName);
  const inputs = new Map<string, number>();
  for (const name of eager) {
    for (const [input, info] of Object.entries(outputs[name]!.inputs)) {
      const key = input.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1').replace(/^(functions|db|api)\/([^/]+).*$/, '$1/$2');
      inputs.set(key, (inputs.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  const entryFile = path.resolve(root, entryName);
  const probe = path.join(outDir, 'probe.mjs');
  writeFileSync(
    probe,
    // No top-level await: a module still evaluating its top level cannot have the lazy chunks it
    // imports during the first request finish loading (they wait on it).
    `import http from 'node:http';
async function main() {
  const t0 = performance.now();
  const { default: handler } = await import(${JSON.stringify(entryFile)});
  const t1 = performance.now();
  const server = http.createServer(handler);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const res = await fetch('http://127.0.0.1:' + server.address().port + '/api/health');
  await res.text();
  console.log(JSON.stringify({ importMs: t1 - t0, firstAnswerMs: performance.now() - t0, status: res.status }));
  process.exit(0);
}
main();
`,
  );
  const importMs: number[] = [];
  const firstAnswerMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(process.execPath, [probe], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    const parsed = JSON.parse(line) as { importMs: number; firstAnswerMs: number; status: number };
    if (parsed.status !== 200) throw new Error(`bundled function answered ${parsed.status}: ${run.stderr}`);
    importMs.push(parsed.importMs);
    firstAnswerMs.push(parsed.firstAnswerMs);
  }
  const size = (name: string) => statSync(path.resolve(root, name)).size;
  return {
    entryBytes: size(entryName),
    entryGzipBytes: gzipSync(readFileSync(entryFile)).length,
    eagerBytes: [...eager].reduce((n, name) => n + size(name), 0),
    totalBytes: Object.keys(outputs)
      .filter((o) => o.endsWith('.js'))
      .reduce((n, name) => n + size(name), 0),
    chunks: Object.keys(outputs).filter((o) => o.endsWith('.js')).length,
    importMs,
    firstAnswerMs,
    biggestEagerInputs: [...inputs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([input, bytes]) => ({ input, bytes })),
  };
}
