/**
 * The one place raw text becomes a typed frame. The relay calls it for every frame it reads and
 * the clients for every frame they receive; deeper code never sees `unknown`.
 */
import type { z } from 'zod';
import { LIMITS } from './limits.js';
import type { ErrorCode } from './error-codes.js';

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; message: string };

/** Keys that could reach an object's prototype if a careless consumer merged a parsed value. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parse JSON text and validate it against `schema`. Objects with `__proto__`, `constructor` or
 * `prototype` keys are refused outright rather than relying on every later consumer to be careful.
 */
export function parseFrame<S extends z.ZodType>(
  schema: S,
  text: string,
  maxBytes: number = LIMITS.maxFrameBytes,
): ParseResult<z.infer<S>> {
  // String length is a lower bound on UTF-8 bytes; the socket layer enforces exact bytes.
  if (text.length > maxBytes) {
    return { ok: false, code: 'TOO_LARGE', message: `frame is larger than ${maxBytes} bytes` };
  }
  let forbiddenKey: string | null = null;
  let raw: unknown;
  try {
    raw = JSON.parse(text, function (key, value: unknown) {
      if (FORBIDDEN_KEYS.has(key)) forbiddenKey = key;
      return value;
    });
  } catch {
    return { ok: false, code: 'BAD_REQUEST', message: 'frame is not valid JSON' };
  }
  if (forbiddenKey !== null) {
    return { ok: false, code: 'BAD_REQUEST', message: `key "${forbiddenKey}" is not allowed` };
  }
  return validate(schema, raw);
}

/** Validate an already-parsed value (e.g. a JSON request body) against `schema`. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown): ParseResult<z.infer<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const tooLong =
    issue?.code === 'too_big' && issue.path.length === 1 && issue.path[0] === 'text';
  return {
    ok: false,
    code: tooLong ? 'MESSAGE_TOO_LONG' : 'BAD_REQUEST',
    message: `${path}${issue?.message ?? 'invalid frame'}`,
  };
}
