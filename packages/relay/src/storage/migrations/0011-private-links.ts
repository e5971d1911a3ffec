/**
 * Issue 5, item 10: private links that were used. The token id is the primary key (single use
 * across nodes); the visitor and conversation columns let a reconnecting widget find the social
 * conversation it continues, and replies know it went private.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('private_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id'))
    .addColumn('used_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('private_links_visitor').on('private_links').columns(['workspace_id', 'visitor_id', 'used_at']).execute();
  await db.schema.createIndex('private_links_conversation').on('private_links').columns(['workspace_id', 'conversation_id']).execute();
}
