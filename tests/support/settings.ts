import { parseSettings } from '../../functions/_platform/env.js';

/** Fixed test secrets (never used outside tests) so a seeded snapshot decrypts in every worker. */
export const testSettings = (overrides: Record<string, string> = {}) =>
  parseSettings({
    NODE_ENV: 'test',
    AUTH_SECRET: 'test-auth-secret-test-auth-secret-0123456789',
    DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: '.data/test',
    // Tests stand in for many residents' addresses through X-Forwarded-For.
    TRUST_PROXY: '1',
    // Test files register many accounts from the one loopback address; hardening.test.ts checks
    // the production limit.
    REGISTER_LIMIT_PER_HOUR: '100000',
    ...overrides,
  });

export type TestDbKind = 'pglite' | 'pg' | 'neon';
export const testDbKind = (): TestDbKind => {
  const kind = process.env.TEST_DB ?? 'pglite';
  if (kind !== 'pglite' && kind !== 'pg' && kind !== 'neon') throw new Error(`TEST_DB must be pglite, pg or neon, not ${kind}`);
  return kind;
};
export const adminUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const dbUrl = (name: string) => {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * How many rounds a race test runs: all of them on a database server, where requests really run
 * at once and a missing lock shows; two on PGlite, which runs one transaction at a time and can
 * only show that the rule holds, never the race (CI runs every file on Postgres and through Neon).
 */
export const raceRounds = (rounds: number): number => (testDbKind() === 'pglite' ? Math.min(2, rounds) : rounds);
