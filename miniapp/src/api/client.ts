import Taro from '@tarojs/taro';
import { errorMessages, genericError, NETWORK_ERROR, validationFailed } from '../locale/zh-CN';
import { platform } from '../platform';
import type { Problem } from './types';

const TOKEN_KEY = 'token';

/** An API failure, already worded in Chinese for the person holding the phone. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly fieldErrors: { path: string; message: string }[];

  constructor(message: string, status: number, code: string, problem?: Problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = problem?.requestId;
    this.fieldErrors = problem?.errors ?? [];
  }
}

export function getToken(): string {
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY);
    return typeof token === 'string' ? token : '';
  } catch {
    return '';
  }
}

const tokenListeners = new Set<() => void>();

/** Called after every sign-in and sign-out (the session context reloads /api/me then). */
export function onTokenChange(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
  for (const l of tokenListeners) l();
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
  for (const l of tokenListeners) l();
}

/**
 * One key per form submission: create it when the form opens (or after a success) and send the
 * same key on every retry, so a double tap or a flaky network never files two requests.
 */
export function newIdempotencyKey(): string {
  const rand = () => Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rand()}-${rand()}`;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  idempotencyKey?: string;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return `${API_BASE}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * The sentence a person reads: the server's own Chinese `detail` (it knows how many tries are
 * left, the real lock time, why a 代办 was refused); for a validation failure the first field's
 * message when it is Chinese (pages that show errors beside their fields use `fieldErrors`);
 * the locale's sentence for the code only when the reply has no detail.
 */
export function problemMessage(body: unknown): string {
  const problem: Problem = body && typeof body === 'object' ? (body as Problem) : {};
  const detail = typeof problem.detail === 'string' && problem.detail.trim() ? problem.detail.trim() : undefined;
  if (problem.code === 'VALIDATION_FAILED') {
    const field = validationFailed(problem.errors?.[0]?.message);
    if (field) return field;
  }
  if (detail && /[\u4e00-\u9fff]/.test(detail)) return detail;
  const known = problem.code && problem.code in errorMessages ? errorMessages[problem.code as keyof typeof errorMessages] : undefined;
  return known ?? detail ?? genericError(problem.requestId);
}

function toApiError(status: number, body: unknown): ApiError {
  const problem: Problem = body && typeof body === 'object' ? (body as Problem) : {};
  const code = problem.code ?? `HTTP_${status}`;
  return new ApiError(problemMessage(body), status, code, problem);
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) header['Content-Type'] = 'application/json';
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;

  let response: Taro.request.SuccessCallbackResult<string>;
  try {
    response = await Taro.request<string>({
      url: buildUrl(path, options.query),
      method,
      header,
      // Send the JSON ourselves and read text back: 204 and problem JSON parse the same way on
      // every platform.
      data: options.body === undefined ? undefined : JSON.stringify(options.body),
      dataType: 'text',
      responseType: 'text',
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, 0, 'NETWORK');
  }
  const body = parseBody(response.data);
  if (response.statusCode >= 200 && response.statusCode < 300) return body as T;
  // A token the server no longer accepts (signed out elsewhere, expired): forget it, so every
  // page offers 登录 again instead of failing on each request.
  const error = toApiError(response.statusCode, body);
  if (error.code === 'UNAUTHENTICATED' && token) clearToken();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query']) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) => request<T>('POST', path, { body: body ?? {}, idempotencyKey }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Spreadsheets for staff: a file download in the PC browser; on the phone, WeChat's document
 * viewer, from which it can be forwarded or saved.
 */
export async function downloadFile(path: string, query: RequestOptions['query'], filename: string): Promise<void> {
  const url = buildUrl(path, query);
  const header: Record<string, string> = {};
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  const saved = await platform.saveFile(url, header, filename);
  if (saved.status === 0) throw new ApiError(NETWORK_ERROR, 0, 'NETWORK');
  if (saved.status !== 200) {
    throw saved.body === undefined ? new ApiError(genericError(), saved.status, `HTTP_${saved.status}`) : toApiError(saved.status, parseBody(saved.body));
  }
}

/** The Chinese message for anything a page caught. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return genericError();
}
