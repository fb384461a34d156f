import type { Context } from 'hono';
import * as z from 'zod';
// Only the Chinese messages: all of z.locales is most of zod's weight in the function bundle.
import zhCN from 'zod/v4/locales/zh-CN.js';
import { AppError, type FieldProblem } from './errors.js';

/*
 * A route's input: JSON bodies read with a nesting limit, strings with NUL refused, params, query
 * and body checked by the route's zod schemas, every problem reported per field in Chinese.
 */
z.config(zhCN());

export function zodProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

/**
 * The path of the first string holding a NUL character: Postgres text cannot store one. Walked
 * with a stack, not recursion: a 64 KB body can nest 30,000 levels deep.
 */
function nulPath(value: unknown, path: string): string | null {
  type Step = { node: unknown; key: string; parent: Step | null };
  const stack: Step[] = [{ node: value, key: path, parent: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (typeof step.node === 'string') {
      if (!step.node.includes('\u0000')) continue;
      const keys: string[] = [];
      for (let s: Step | null = step; s; s = s.parent) keys.push(s.key);
      return keys.reverse().join('.');
    }
    if (step.node && typeof step.node === 'object') {
      const entries = Object.entries(step.node);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ node: entries[i]![1], key: entries[i]![0], parent: step });
    }
  }
  return null;
}

export function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const nul = nulPath(value, where);
  if (nul) {
    throw new AppError('VALIDATION_FAILED', '提交的内容里有无法识别的字符，请删除后重新输入。', { errors: [{ path: nul, message: '含有无法识别的字符' }] });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', '填写的内容有误，请按提示修改后再提交。', { errors: zodProblems(result.error, where) });
  }
  return result.data;
}

/** Deeper than any body of this API: hostile nesting is refused before it is parsed or walked. */
const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text (strings skipped), in one pass. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* backslash */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) deepest = Math.max(deepest, ++depth);
    else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return deepest;
}

export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new AppError('MALFORMED_JSON', `提交的数据嵌套太深（最多 ${MAX_JSON_DEPTH} 层），请检查后重新提交。`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('MALFORMED_JSON', '提交的数据格式不对（不是有效的 JSON）。');
  }
}
