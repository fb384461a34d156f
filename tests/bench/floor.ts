/**
 * The floor: the same SQL an endpoint ran, sent as the API sent it (a prepared statement under its
 * name where the API prepared it), behind a bare node:http handler with the same pool size and a
 * JSON reply — what one request costs with no framework at all. Started by tests/bench/run.ts in
 * its own process; GET /<n> replays plan n from BENCH_PLAN.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { asSent, replayParams, type Statement } from './replay.js';

interface Plan {
  statements: Statement[];
}

const plans = JSON.parse(readFileSync(process.env.BENCH_PLAN!, 'utf8')) as Plan[];
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BENCH_POOL ?? 10) });
pool.on('error', () => {});

const server = http.createServer(async (req, res) => {
  const plan = plans[Number(req.url!.slice(1))];
  if (!plan) {
    res.writeHead(404).end();
    return;
  }
  // Read (and drop) a request body, as the API does.
  for await (const _ of req);
  const client = await pool.connect();
  try {
    let rows: unknown[] = [];
    const params = replayParams(plan.statements);
    for (const [i, s] of plan.statements.entries()) rows = (await client.query(asSent(s, params[i]!))).rows;
    const body = JSON.stringify({ items: rows });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  } finally {
    client.release();
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`FLOOR ${(server.address() as { port: number }).port}`);
});
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
