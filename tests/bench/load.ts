/**
 * The bench's load generator, in its own process (started by tests/bench/run.ts): autocannon
 * against one URL, every answer's time kept to the microsecond. autocannon's own percentiles
 * come from a histogram of whole milliseconds, and at p50 = 3 ms one step is a third of the
 * figure: too coarse to tell 1.2× from 1.4×. Prints one JSON line of Stats.
 *
 * Argument: JSON `{ url, connections, seconds, method?, headers?, body? }`.
 */
import { createRequire } from 'node:module';

interface Options {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Stats {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
}

interface Instance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
interface Result {
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (opts: Record<string, unknown>, done: (error: Error | null, result: Result) => void) => Instance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const opts = JSON.parse(process.argv[2] ?? '{}') as Options;

const latencies: number[] = [];
const statuses: Record<string, number> = {};
const instance = autocannon(
  {
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    method: opts.method ?? 'GET',
    headers: opts.headers ?? {},
    body: opts.body,
  },
  (error, result) => {
    if (error) throw error;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    const stats: Stats = {
      rps: latencies.length / result.duration,
      p50: at(0.5),
      p99: at(0.99),
      requests: latencies.length,
      errors: result.errors + result.timeouts,
      statuses,
    };
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  },
);
instance.on('response', (_client, status, _bytes, ms) => {
  latencies.push(ms);
  statuses[status] = (statuses[status] ?? 0) + 1;
});
