/**
 * Issue 7: an agent's consoles may be open on several relay nodes. Each node counts its own in a
 * row per agent and keeps `seen_at` fresh; an agent is online while any live node has one open,
 * and the consoles of a node that died are swept once its rows go stale (storage/console-store.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agent_consoles')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('consoles', 'integer', (c) => c.notNull())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_consoles_pk', ['node_id', 'agent_id'])
    .execute();
  await db.schema.createIndex('agent_consoles_agent').on('agent_consoles').column('agent_id').execute();
  await db.schema.createIndex('agent_consoles_seen').on('agent_consoles').column('seen_at').execute();
}
