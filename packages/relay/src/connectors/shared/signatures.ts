/**
 * Webhook signatures, checked on the raw bytes with a constant-time compare (DESIGN.md section 6;
 * the Chatwoot advisory GHSA-7rw7-pc8v-mrr3 is what skipping this costs). Each network encodes
 * its HMAC differently; the comparison is always of the decoded bytes, after a length check
 * that does not leak where they differ.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(secret: string, data: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Compares a received digest (already decoded) with the expected one in constant time. */
export function digestsEqual(expected: Buffer, received: Buffer): boolean {
  if (received.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, received);
}

/** Decodes `prefix` + hex or base64 (strict: a malformed header never decodes to something). */
export function decodeDigest(header: string | null, prefix: string, encoding: 'hex' | 'base64'): Buffer | null {
  if (header === null || !header.startsWith(prefix)) return null;
  const value = header.slice(prefix.length).trim();
  const pattern = encoding === 'hex' ? /^[0-9a-fA-F]+$/ : /^[A-Za-z0-9+/]+={0,2}$/;
  if (!pattern.test(value) || (encoding === 'hex' && value.length % 2 !== 0)) return null;
  return Buffer.from(value, encoding);
}
