/**
 * The signed token behind a private link (issue 5, item 10): it lets the author of a public post
 * continue that conversation privately in a site's widget. HMAC-SHA256 over the payload with a
 * key derived from EYELEVEL_SECRET_KEY by HKDF under its own label, so a private-link signature
 * can never be confused with anything else the secret key protects (sealed credentials).
 * The payload names workspace, conversation, site and expiry; `id` makes each token single-use.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { idSchema, timestampSchema } from '@eyelevel/shared';

const VERSION = 'v1';
const KEY_LABEL = 'eyelevel private-link v1';

const payloadSchema = z.strictObject({
  /** Token id: stored when used, so the same link works once. */
  i: idSchema,
  w: idSchema,
  c: idSchema,
  s: idSchema,
  /** Expiry, epoch ms. */
  e: timestampSchema,
});

export interface PrivateLinkClaims {
  id: string;
  workspaceId: string;
  conversationId: string;
  siteId: string;
  expiresAt: number;
}

/** Derives the private-link signing key; the sealing key itself is never used to sign. */
export function privateLinkKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), KEY_LABEL, 32));
}

export function signPrivateLink(key: Buffer, claims: PrivateLinkClaims): string {
  const payload = { i: claims.id, w: claims.workspaceId, c: claims.conversationId, s: claims.siteId, e: claims.expiresAt };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${VERSION}.${body}.${mac(key, body).toString('base64url')}`;
}

/** The claims of an intact token signed with `key`, else null (expiry is the caller's check). */
export function readPrivateLink(key: Buffer, token: string): PrivateLinkClaims | null {
  const [version, body, signature, extra] = token.split('.');
  if (version !== VERSION || !body || !signature || extra !== undefined) return null;
  const expected = mac(key, body);
  const given = Buffer.from(signature, 'base64url');
  // Constant-time; a wrong length still spends a compare.
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return null;
  }
  if (!timingSafeEqual(given, expected)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { i, w, c, s, e } = parsed.data;
  return { id: i, workspaceId: w, conversationId: c, siteId: s, expiresAt: e };
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(`${VERSION}.${body}`).digest();
}
