/**
 * Verified contacts (issue 3): the storage side of identity verification. Callers verify the
 * host site's proof first (security/identity-verification.ts); this store only ever links
 * visitors it creates itself to a contact, so an anonymous visitor is never merged into one.
 */
import type { Visitor } from './records.js';

export interface ContactSignIn {
  workspaceId: string;
  siteId: string;
  /** The host site's own user id, already verified. */
  externalId: string;
  /** What the proof says about the user; null leaves the stored value. */
  name: string | null;
  email: string | null;
  verifiedBy: 'hash' | 'jwt';
  /** Hash of a new session token to open on the contact's visitor; null for none. */
  tokenHash: string | null;
  at: number;
}

export interface ContactStore {
  /** The site's identity secret, for verifying identities; null for an unknown site. */
  identitySecret(workspaceId: string, siteId: string): Promise<string | null>;
  /** The host site's user id of a contact. */
  externalIdOf(workspaceId: string, contactId: string): Promise<string | null>;
  /**
   * Finds or creates the contact and this site's visitor for it (updating name and e-mail),
   * and opens a session on that visitor when a token hash is given.
   */
  signIn(input: ContactSignIn): Promise<Visitor>;
  /** Name and e-mail an anonymous visitor typed (pre-chat, offline form); ignored for contacts. */
  setVisitorProfile(workspaceId: string, visitorId: string, profile: { name?: string; email?: string }): Promise<void>;
}
