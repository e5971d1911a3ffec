import { describe, expect, it, vi } from 'vitest';

// The compare must go through node's constant-time primitive, including on a length mismatch.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const crypto = await import('node:crypto');
const { decodeDigest, digestsEqual, hmacSha256 } = await import('./signatures.js');

describe('webhook signature compare', () => {
  it('uses timingSafeEqual for equal and unequal lengths', () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    const expected = hmacSha256('secret', 'body');
    spy.mockClear();
    expect(digestsEqual(expected, Buffer.from(expected))).toBe(true);
    expect(digestsEqual(expected, Buffer.from(expected.subarray(0, 31)))).toBe(false);
    const flipped = Buffer.from(expected);
    flipped[0] = flipped[0]! ^ 1;
    expect(digestsEqual(expected, flipped)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('decodes only well-formed headers', () => {
    expect(decodeDigest('sha256=abcd', 'sha256=', 'hex')?.toString('hex')).toBe('abcd');
    expect(decodeDigest('sha256=abc', 'sha256=', 'hex')).toBeNull();
    expect(decodeDigest('sha256=zz', 'sha256=', 'hex')).toBeNull();
    expect(decodeDigest('sha1=abcd', 'sha256=', 'hex')).toBeNull();
    expect(decodeDigest(null, 'sha256=', 'hex')).toBeNull();
    expect(decodeDigest('sha256=q83v', 'sha256=', 'base64')?.toString('hex')).toBe('abcdef');
    expect(decodeDigest('sha256=q8*v', 'sha256=', 'base64')).toBeNull();
  });
});
