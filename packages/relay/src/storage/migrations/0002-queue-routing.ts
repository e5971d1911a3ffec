/**
 * Issue 4: teams, agent capacity and presence, routing state on conversations (team, priority,
 * assignment time, first response), callback tasks and canned replies.
 *
 * Capacity is enforced with a counter on the agent row (`open_count`), changed only by
 * conditional updates inside the same transaction as the assignment, so concurrent claims on
 * any number of nodes can never push an agent past `capacity`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('teams_slug_per_workspace', ['workspace_id', 'slug'])
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'agent_id'])
    .execute();

  await db.schema.alterTable('agents').addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(5)).execute();
  await db.schema.alterTable('agents').addColumn('open_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('agents').addColumn('presence', 'text', (c) => c.notNull().defaultTo('offline')).execute();
  await db.schema.alterTable('agents').addColumn('last_assigned_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema.alterTable('conversations').addColumn('team_id', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal')).execute();
  await db.schema.alterTable('conversations').addColumn('assigned_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('agent_replied_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('escalated_at', 'bigint').execute();
  await db.schema
    .createIndex('conversations_assignee')
    .on('conversations')
    .columns(['workspace_id', 'assignee_id', 'status'])
    .execute();
}
