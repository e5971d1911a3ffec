/**
 * Issue 4, the rest of the queue and the admin side: snoozed conversations wake at a time, a
 * per-workspace first-response target, deactivated agents (kept, because the log names them),
 * and canned replies per team.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('snoozed_until', 'bigint').execute();
  // The wake-up sweep looks for snoozed conversations whose time has come, across workspaces.
  await db.schema
    .createIndex('conversations_snoozed')
    .on('conversations')
    .columns(['status', 'snoozed_until'])
    .execute();

  await db.schema
    .alterTable('workspaces')
    .addColumn('first_response_target_ms', 'integer', (c) => c.notNull().defaultTo(5 * 60_000))
    .execute();

  // Agents are deactivated, never deleted: their name stays on what they wrote.
  await db.schema.alterTable('agents').addColumn('deactivated_at', 'bigint').execute();

  await db.schema
    .createTable('canned_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    /** Null: offered in every team's conversations. */
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('shortcut', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('canned_replies_shortcut', ['workspace_id', 'shortcut'])
    .execute();
}
