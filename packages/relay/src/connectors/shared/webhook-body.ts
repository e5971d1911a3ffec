/**
 * Reading a verified webhook body: JSON with the same prototype-key guard as every frame, then
 * the network's zod schema (parse at the edge, DESIGN.md section 3). Only called after the
 * signature matched, so an unsigned body is never even parsed.
 */
import type { z } from 'zod';
import type { WebhookOutcome } from '../connector.js';

export function refuse(status: number, message: string): WebhookOutcome {
  return { kind: 'answer', answer: { status, body: JSON.stringify({ error: message }), contentType: 'application/json' } };
}

export function parseJsonBody<S extends z.ZodType>(raw: Buffer, schema: S): { ok: true; value: z.infer<S> } | { ok: false; outcome: WebhookOutcome } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'), (key, value: unknown) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new Error(`key "${key}" is not allowed`);
      return value;
    });
  } catch (error) {
    return { ok: false, outcome: refuse(400, `body is not valid JSON: ${(error as Error).message}`) };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, outcome: refuse(400, `body does not match the format: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`) };
  }
  return { ok: true, value: result.data };
}
