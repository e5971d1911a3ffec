import { describe, expect, it } from 'vitest';
import { newClientId } from './client-id.js';
import { clientIdSchema } from './primitives.js';

describe('newClientId', () => {
  it('sorts by creation time, so the relay appends it at the right edge of its idempotency index', () => {
    const earlier = newClientId('w', Date.parse('2026-11-21T10:00:00Z'));
    const later = newClientId('w', Date.parse('2026-11-21T10:00:00.001Z'));
    const muchLater = newClientId('w', Date.parse('2031-01-01T00:00:00Z'));
    expect([muchLater, later, earlier].sort()).toEqual([earlier, later, muchLater]);
  });

  it('is unique within one millisecond and a valid client id on the wire', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 1000 }, () => newClientId('c', now)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(clientIdSchema.safeParse(id).success).toBe(true);
  });
});
