/**
 * Who a visitor socket speaks for (issue 3), decided at `hello` and again at `identify`:
 *  - a verified identity signs in as the contact's own visitor (found or created per site, with
 *    a new session token), never as the anonymous visitor the browser was before;
 *  - a session that belongs to a contact needs the same verified identity on every connect,
 *    otherwise it is refused (UNAUTHORIZED, close 4001) and the widget starts over anonymously,
 *    so a signed-out user's conversation does not show to the next person on that browser;
 *  - everyone else is an anonymous visitor, and any name or e-mail they claimed stays a claim.
 */
import type { VisitorIdentity } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Site, Visitor } from '../storage/records.js';
import { hashToken, newToken } from '../security/tokens.js';
import { verifyIdentity, type IdentityCheck } from '../security/identity-verification.js';

export interface SignedIn {
  visitor: Visitor;
  /** A session token to hand the widget (new visitor or switched to a contact), else null. */
  issuedToken: string | null;
  verified: boolean;
  /** Why a given identity was not accepted, for the log; null when verified or none was given. */
  refused: Exclude<IdentityCheck, { ok: true }>['reason'] | null;
}

export interface SignInRequest {
  /** The session token the widget holds, if any. */
  token: string | undefined;
  identity: VisitorIdentity | undefined;
  /** Unverified name and e-mail for a new anonymous visitor. */
  profile: { name?: string | undefined; email?: string | undefined } | undefined;
}

export async function signInVisitor(storage: Storage, site: Site, request: SignInRequest): Promise<SignedIn | 'unauthorized'> {
  const now = Date.now();
  let check: IdentityCheck | null = null;
  if (request.identity) {
    const secret = await storage.contacts.identitySecret(site.workspaceId, site.id);
    check = secret ? verifyIdentity(request.identity, secret, now) : { ok: false, reason: 'no-proof' };
  }
  const proven = check?.ok ? check : null;
  const refused = check && !check.ok ? check.reason : null;

  if (request.token !== undefined) {
    const visitor = await storage.sessions.findVisitorBySession(site.workspaceId, hashToken(request.token));
    if (!visitor || visitor.siteId !== site.id) return 'unauthorized';
    if (visitor.contactId !== null) {
      const externalId = await storage.contacts.externalIdOf(site.workspaceId, visitor.contactId);
      if (!proven || proven.id !== externalId) return 'unauthorized';
      const refreshed = await storage.contacts.signIn({ ...contactFields(site, proven, now), tokenHash: null });
      return { visitor: refreshed, issuedToken: null, verified: true, refused: null };
    }
    if (!proven) return { visitor, issuedToken: null, verified: false, refused };
    // An anonymous session that now proves an identity moves to the contact's own visitor.
  }

  const issuedToken = newToken('vt');
  if (proven) {
    const visitor = await storage.contacts.signIn({ ...contactFields(site, proven, now), tokenHash: hashToken(issuedToken) });
    return { visitor, issuedToken, verified: true, refused: null };
  }
  const visitor = await storage.sessions.createVisitor({
    workspaceId: site.workspaceId,
    siteId: site.id,
    tokenHash: hashToken(issuedToken),
    name: request.profile?.name ?? request.identity?.name ?? null,
    email: request.profile?.email ?? request.identity?.email ?? null,
  });
  return { visitor, issuedToken, verified: false, refused };
}

function contactFields(site: Site, proven: Extract<IdentityCheck, { ok: true }>, at: number) {
  return {
    workspaceId: site.workspaceId,
    siteId: site.id,
    externalId: proven.id,
    name: proven.name,
    email: proven.email,
    verifiedBy: proven.verifiedBy,
    at,
  };
}
