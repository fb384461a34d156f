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
  /**
   * Where photos are kept: `folder` (DATA_DIR/objects, the embedded default), `s3` (any
   * S3-compatible store: Tencent COS, MinIO, AWS) or `blob` (Vercel Blob, private). Unset: `s3`
   * when S3_BUCKET is set, `blob` when BLOB_READ_WRITE_TOKEN is, else `folder`.
   */
  STORAGE: z.enum(['folder', 's3', 'blob']).optional(),
  /** The S3-compatible store, e.g. https://cos.ap-guangzhou.myqcloud.com for Tencent COS. */
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** `1`: bucket in the path (MinIO, local servers), not in the host name. */
  S3_FORCE_PATH_STYLE: z
    .enum(['0', '1'])
    .transform((v) => v === '1')
    .default(false),
  /** Vercel Blob's token (Vercel sets it when a Blob store is connected to the project). */
  BLOB_READ_WRITE_TOKEN: z.string().optional(),
  /** The largest photo accepted, in bytes, before re-encoding (a phone's full-size photo is 3–8 MB). */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(50 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** How long a signed link to a photo works: short, so a forwarded link soon stops showing it. */
  ATTACHMENT_LINK_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** The Token of WeChat's message push (消息推送) as set in the console: signs media-check verdicts. */
  WECHAT_PUSH_TOKEN: z.string().min(3).max(32).optional(),
  /** Accounts one address may register in an hour (carrier addresses are shared: not too low). */
  REGISTER_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type Settings = Omit<z.infer<typeof Settings>, 'TRUST_PROXY' | 'STORAGE'> & { TRUST_PROXY: boolean; STORAGE: 'folder' | 's3' | 'blob' };

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
  const storage = settings.STORAGE ?? (settings.S3_BUCKET ? 's3' : settings.BLOB_READ_WRITE_TOKEN ? 'blob' : 'folder');
  const storageMissing = {
    folder:
      source.VERCEL && settings.NODE_ENV === 'production'
        ? ['STORAGE: a folder cannot keep photos on Vercel: set S3_BUCKET (and its keys) or connect a Blob store']
        : [],
    s3: (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !settings[k]).map((k) => `${k}: required when STORAGE is s3`),
    blob: settings.BLOB_READ_WRITE_TOKEN ? [] : ['BLOB_READ_WRITE_TOKEN: required when STORAGE is blob'],
  }[storage];
  if (storageMissing.length) throw new SettingsError(`Invalid settings:\n${storageMissing.map((line) => `  ${line}`).join('\n')}`);
  return { ...settings, STORAGE: storage, TRUST_PROXY: settings.TRUST_PROXY ?? !!source.VERCEL };
}

/** Where printed QR codes point: PUBLIC_URL, else this machine's own server (development). */
export const publicOrigin = (settings: Pick<Settings, 'PUBLIC_URL' | 'PORT'>) =>
  (settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`).replace(/\/$/, '');
