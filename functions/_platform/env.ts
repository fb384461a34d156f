import * as z from 'zod';

/**
 * Every setting the back end reads, parsed once. A bad value stops the process at start with a
 * message naming the variable, instead of failing on the first request that needs it.
 */
const Settings = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address `npm start` listens on. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /**
   * The product's public address (scheme and host, no path): QR codes on certificates and
   * voter cards point here, never to the Host header a request happened to carry.
   */
  PUBLIC_URL: z
    .url('must be an http:// or https:// address')
    .regex(/^https?:\/\/[^/]+\/?$/, 'must be an address without a path, e.g. https://bazhu.example.cn')
    .optional(),
  /** Unset: embedded PGlite in DATA_DIR. A postgres:// URL: that server. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** `neon` forces the Neon serverless Pool even outside Vercel (used by CI against a local proxy). */
  DB_DRIVER: z.enum(['pg', 'neon']).optional(),
  /** `host:port` of a WebSocket proxy for the Neon driver against a plain Postgres (CI only). */
  NEON_WS_PROXY: z.string().optional(),
  DATA_DIR: z.string().default('.data'),
  /** Secret for session tokens (HS256). Required in production; generated per data dir locally. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** 32-byte key (base64) for ID numbers and phones at rest. Required in production. */
  DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 30),
  /** The community an account belongs to before it is linked to one. */
  DEFAULT_COMMUNITY_ID: z.string().optional(),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  /** Base URL of the WeChat server API; the stand-in's when WECHAT_APPID is unset. */
  WECHAT_API_BASE: z.url().optional(),
  /** `1`: allow the stand-in in production (a demo deployment without a mini-program AppID). */
  WECHAT_STAND_IN: z
    .enum(['0', '1'])
    .transform((v) => v === '1')
    .optional(),
  /** Deadline of one WeChat server call (connect, answer, body); past it the API answers 502. */
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Subscribe-message templates (公告通知, 办事进度, 选举事项), as registered in the WeChat console. */
  WECHAT_NOTICE_TEMPLATE_ID: z.string().default('stand-in-notice-template'),
  WECHAT_SERVICE_TEMPLATE_ID: z.string().default('stand-in-service-template'),
  WECHAT_ELECTION_TEMPLATE_ID: z.string().default('stand-in-election-template'),
  /** `0`: publishing does not start the delivery worker at once; the cron route sends (tests of the worker). */
  OUTBOX_KICK: z
    .enum(['0', '1'])
    .transform((v) => v === '1')
    .default(true),
  /** Believe X-Forwarded-For (set behind a proxy that overwrites it; on by itself on Vercel). */
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  /** Bearer secret of scheduled jobs (Vercel Cron sends it); unset, the cron routes refuse everyone. */
  CRON_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  CORS_ORIGINS: z.string().default('*'),
  /** Accounts one address may register in an hour (carrier addresses are shared: not too low). */
  REGISTER_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type Settings = Omit<z.infer<typeof Settings>, 'TRUST_PROXY'> & { TRUST_PROXY: boolean };

export class SettingsError extends Error {}

export function parseSettings(source: Record<string, string | undefined> = process.env): Settings {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = Settings.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new SettingsError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const settings = result.data;
  if (settings.WECHAT_APPID && !settings.WECHAT_SECRET) {
    throw new SettingsError('Invalid settings:\n  WECHAT_SECRET: required when WECHAT_APPID is set');
  }
  if (settings.NODE_ENV === 'production') {
    // The WeChat stand-in never runs in production unless a demo deployment asks for it by name.
    const wechat = settings.WECHAT_STAND_IN ? [] : (['WECHAT_APPID'] as const);
    const missing = (['AUTH_SECRET', 'DATA_KEY', 'DATABASE_URL', 'PUBLIC_URL', ...wechat] as const).filter((k) => !settings[k]);
    if (missing.length) {
      throw new SettingsError(`Invalid settings:\n${missing.map((k) => `  ${k}: required in production`).join('\n')}`);
    }
  }
  return { ...settings, TRUST_PROXY: settings.TRUST_PROXY ?? !!source.VERCEL };
}

/** Where printed QR codes point: PUBLIC_URL, else this machine's own server (development). */
export const publicOrigin = (settings: Pick<Settings, 'PUBLIC_URL' | 'PORT'>) =>
  (settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`).replace(/\/$/, '');
