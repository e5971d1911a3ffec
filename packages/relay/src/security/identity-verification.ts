/**
 * Checks that the host site vouched for a visitor (DESIGN.md section 6): either the hex
 * HMAC-SHA256 of the user id with the site's identity secret, or a short-lived HS256 JWT signed
 * with that secret. Only HS256 is accepted — `none`, RS256 (whose public-key confusion attacks
 * are the classic JWT bug) and anything else are refused — so no JWT library is needed. Every
 * comparison of a signature is constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VisitorIdentity } from '@eyelevel/shared';

export type IdentityCheck =
  | { ok: true; id: string; name: string | null; email: string | null; verifiedBy: 'hash' | 'jwt' }
  | { ok: false; reason: 'no-proof' | 'bad-hash' | 'bad-jwt' | 'wrong-alg' | 'expired' | 'wrong-subject' };

/** Seconds a JWT's `exp` may lie in the past, for clocks that are a little apart. */
const CLOCK_SKEW_SECONDS = 30;

export function verifyIdentity(identity: VisitorIdentity, secret: string, nowMs: number): IdentityCheck {
  if (identity.jwt !== undefined) return verifyJwt(identity, secret, nowMs);
  if (identity.hash !== undefined) {
    const expected = createHmac('sha256', secret).update(identity.id, 'utf8').digest();
    const given = Buffer.from(identity.hash, 'hex');
    if (!sameBytes(expected, given)) return { ok: false, reason: 'bad-hash' };
    return { ok: true, id: identity.id, name: identity.name ?? null, email: identity.email ?? null, verifiedBy: 'hash' };
  }
  return { ok: false, reason: 'no-proof' };
}

function verifyJwt(identity: VisitorIdentity, secret: string, nowMs: number): IdentityCheck {
  const [header, payload, signature] = (identity.jwt ?? '').split('.');
  if (!header || !payload || !signature) return { ok: false, reason: 'bad-jwt' };
  const head = decodeJson(header);
  if (!head) return { ok: false, reason: 'bad-jwt' };
  // Decide on the algorithm before looking at the signature: the token does not choose it.
  if (head.alg !== 'HS256') return { ok: false, reason: 'wrong-alg' };
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`, 'utf8').digest();
  if (!sameBytes(expected, Buffer.from(signature, 'base64url'))) return { ok: false, reason: 'bad-jwt' };
  const claims = decodeJson(payload);
  if (!claims || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return { ok: false, reason: 'bad-jwt' };
  if (claims.exp + CLOCK_SKEW_SECONDS <= nowMs / 1000) return { ok: false, reason: 'expired' };
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > nowMs / 1000) return { ok: false, reason: 'expired' };
  // The token is the proof; an `id` beside it must name the same user.
  if (claims.sub !== identity.id) return { ok: false, reason: 'wrong-subject' };
  return {
    ok: true,
    id: claims.sub,
    // Signed claims win over the unsigned fields beside the token.
    name: typeof claims.name === 'string' ? claims.name.slice(0, 200) : null,
    email: typeof claims.email === 'string' ? claims.email.slice(0, 254) : null,
    verifiedBy: 'jwt',
  };
}

function sameBytes(expected: Buffer, given: Buffer): boolean {
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, given);
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
