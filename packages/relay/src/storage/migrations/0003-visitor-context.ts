/**
 * Issue 3's visitor context: verified contacts (the host site vouched for the user, keyed by
 * its own user id), the careers job a conversation is about, pre-chat answers and consent,
 * CSAT, and callback tasks.
 *
 * A contact is workspace-wide; each site gets its own visitor row for it (unique per site), so
 * a verified user finds the same conversation on every device. Anonymous visitors never get a
 * contact_id: the only way to one is a verified identity (security/identity-verification.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('verified_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('contacts_external_id_per_workspace', ['workspace_id', 'external_id'])
    .execute();

  await db.schema.alterTable('visitors').addColumn('contact_id', 'text', (c) => c.references('contacts.id')).execute();
  // NULLs are distinct in unique indexes (SQLite and Postgres): anonymous visitors are unaffected.
  await db.schema.createIndex('visitors_contact_per_site').on('visitors').columns(['site_id', 'contact_id']).unique().execute();

  await db.schema.alterTable('conversations').addColumn('job', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('prechat', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('consent', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('csat', 'text').execute();

  await db.schema
    .createTable('callback_tasks')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    // The seq of the visitor's `callback` entry in the log: the task's identity.
    .addColumn('request_seq', 'bigint', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('preferred_time', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.references('agents.id'))
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('callback_tasks_pk', ['conversation_id', 'request_seq'])
    .execute();
  await db.schema
    .createIndex('callback_tasks_open')
    .on('callback_tasks')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute();
}
