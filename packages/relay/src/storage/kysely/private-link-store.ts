/**
 * Redeemed private links over Kysely. Single use rests on the primary key: the second insert of
 * a token id fails on either driver and is reported as "used before".
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { PrivateLinkStore, RedeemedLink } from '../private-link-store.js';
import { isUniqueViolation } from './unique-violation.js';

export class KyselyPrivateLinkStore implements PrivateLinkStore {
  constructor(private readonly db: Kysely<Database>) {}

  async redeem(link: RedeemedLink): Promise<boolean> {
    try {
      await this.db
        .insertInto('private_links')
        .values({
          id: link.id,
          workspace_id: link.workspaceId,
          conversation_id: link.conversationId,
          site_id: link.siteId,
          visitor_id: link.visitorId,
          used_at: link.usedAt,
        })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async latestForVisitor(workspaceId: string, visitorId: string) {
    const row = await this.db
      .selectFrom('private_links')
      .select(['conversation_id', 'used_at'])
      .where('workspace_id', '=', workspaceId)
      .where('visitor_id', '=', visitorId)
      .orderBy('used_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { conversationId: row.conversation_id, usedAt: Number(row.used_at) } : null;
  }

  async isContinued(workspaceId: string, conversationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('private_links')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
