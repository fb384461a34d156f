/** Structured one-line JSON logs: what a log search in Vercel or CI can filter on. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const at =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (order[lvl] < order[level]) return;
      write(JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...fields }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const MAX_TEXT = 200;
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/**
 * An error as one log record. A failed statement's SQL and parameters never go to the log whole
 * (they may carry personal data, and a hostile body can make them huge): drizzle's "Failed
 * query: <sql> params: <values>" keeps the start of the SQL only, without the values, and the
 * stack keeps its frames, not its message.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: clip(String(error)) };
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const failedQuery = /^Failed query: ([^\n]*)/.exec(error.message);
  const message = failedQuery ? `Failed query: ${clip(failedQuery[1] ?? '')}` : clip(error.message);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 15)
    .join('\n');
  return {
    error: message,
    errorName: error.name,
    stack: frames,
    causeCode: cause?.code,
    ...(cause?.message ? { cause: clip(cause.message) } : {}),
  };
}
