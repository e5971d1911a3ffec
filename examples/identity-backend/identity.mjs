/**
 * What the host site's server computes so the relay can trust who a visitor is. The identity
 * secret is shown once when the site is created (`eyelevel site create`); it never goes to the
 * browser. Two forms, pick one:
 *  - hash: HMAC-SHA256 of the user id with the secret, hex (signs the id only);
 *  - jwt:  a short-lived HS256 token with the user's id (sub), name, email and exp (signs all
 *          of them; the relay refuses other algorithms and expired tokens).
 * See docs/PROTOCOL.md, "Visitor context and identity".
 */
import { createHmac } from 'node:crypto';

export function identityHash(userId, secret) {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

const base64url = (value) => Buffer.from(value).toString('base64url');

export function identityJwt(user, secret, ttlSeconds = 300) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ sub: user.id, name: user.name, email: user.email, iat: now, exp: now + ttlSeconds }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
