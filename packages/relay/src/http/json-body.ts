/**
 * Reads a JSON request body and validates it with a shared schema, so handlers get typed values
 * or the client gets a 400 that says what is wrong.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { LIMITS, validate } from '@eyelevel/shared';
import { RelayError } from '../errors.js';

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  if (text.length > LIMITS.maxFrameBytes) throw new RelayError('TOO_LARGE', 'request body is too large');
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        throw new RelayError('BAD_REQUEST', `key "${key}" is not allowed`);
      }
      return value;
    });
  } catch (error) {
    if (error instanceof RelayError) throw error;
    throw new RelayError('BAD_REQUEST', 'request body is not valid JSON');
  }
  const result = validate(schema, raw);
  if (!result.ok) throw new RelayError(result.code, result.message);
  return result.value;
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer ([A-Za-z0-9_-]{1,200})$/);
  return match?.[1] ?? null;
}
