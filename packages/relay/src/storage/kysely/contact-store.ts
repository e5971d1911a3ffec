/**
 * Verified contacts over Kysely (issue 3). A contact is found or created by (workspace, the
 * host site's user id) and gets one visitor row per site; a verified sign-in opens a new
 * session on that visitor. Nothing here ever points an anonymous visitor at a contact: that
 * link is only made for rows this store creates, after the caller verified the identity.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { ContactStore, ContactSignIn } from '../contact-store.js';
import type { Visitor } from '../records.js';
import { newId } from '../../ids.js';
import { isUniqueViolation } from './unique-violation.js';
import { toVisitor } from './row-mappers.js';

export class KyselyContactStore implements ContactStore {
  constructor(private readonly db: Kysely<Database>) {}

  async identitySecret(workspaceId: string, siteId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('sites')
      .select('identity_secret')
      .where('id', '=', siteId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row?.identity_secret ?? null;
  }

  async externalIdOf(workspaceId: string, contactId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('contacts')
      .select('external_id')
      .where('id', '=', contactId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row?.external_id ?? null;
  }

  async signIn(input: ContactSignIn): Promise<Visitor> {
    // Two devices signing in at once may both try to create: the loser reads the winner's row.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const now = input.at;
          let contact = await trx
            .selectFrom('contacts')
            .select('id')
            .where('workspace_id', '=', input.workspaceId)
            .where('external_id', '=', input.externalId)
            .executeTakeFirst();
          if (contact) {
            await trx
              .updateTable('contacts')
              .set({
                // Keep what we knew when this proof says nothing about it.
                ...(input.name !== null ? { name: input.name } : {}),
                ...(input.email !== null ? { email: input.email } : {}),
                verified_by: input.verifiedBy,
                updated_at: now,
              })
              .where('id', '=', contact.id)
              .execute();
          } else {
            contact = { id: newId() };
            await trx
              .insertInto('contacts')
              .values({
                id: contact.id,
                workspace_id: input.workspaceId,
                external_id: input.externalId,
                name: input.name,
                email: input.email,
                verified_by: input.verifiedBy,
                created_at: now,
                updated_at: now,
              })
              .execute();
          }
          let visitor = await trx
            .selectFrom('visitors')
            .selectAll()
            .where('site_id', '=', input.siteId)
            .where('contact_id', '=', contact.id)
            .where('workspace_id', '=', input.workspaceId)
            .executeTakeFirst();
          if (visitor) {
            await trx
              .updateTable('visitors')
              .set({
                ...(input.name !== null ? { name: input.name } : {}),
                ...(input.email !== null ? { email: input.email } : {}),
                last_seen_at: now,
              })
              .where('id', '=', visitor.id)
              .execute();
            visitor = {
              ...visitor,
              name: input.name ?? visitor.name,
              email: input.email ?? visitor.email,
            };
          } else {
            visitor = {
              id: newId(),
              workspace_id: input.workspaceId,
              site_id: input.siteId,
              name: input.name,
              email: input.email,
              created_at: now,
              last_seen_at: now,
              contact_id: contact.id,
            };
            await trx.insertInto('visitors').values(visitor).execute();
          }
          if (input.tokenHash !== null) {
            await trx
              .insertInto('visitor_sessions')
              .values({
                token_hash: input.tokenHash,
                visitor_id: visitor.id,
                workspace_id: input.workspaceId,
                site_id: input.siteId,
                created_at: now,
              })
              .execute();
          }
          return toVisitor(visitor);
        });
      } catch (error) {
        if (attempt < 2 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  async setVisitorProfile(workspaceId: string, visitorId: string, profile: { name?: string; email?: string }): Promise<void> {
    if (profile.name === undefined && profile.email === undefined) return;
    await this.db
      .updateTable('visitors')
      .set({
        ...(profile.name !== undefined ? { name: profile.name } : {}),
        ...(profile.email !== undefined ? { email: profile.email } : {}),
      })
      .where('id', '=', visitorId)
      .where('workspace_id', '=', workspaceId)
      // A verified contact's name and e-mail come from the host site's proof, not from forms.
      .where('contact_id', 'is', null)
      .execute();
  }
}
