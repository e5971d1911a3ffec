/**
 * Issue 6, four-eyes review: review policies per scope (workspace, channel, team, site), the
 * agents flagged as in training, and one row per draft whose status changes only by a
 * conditional update, so a draft is approved (and its reply sent) once however many reviewers
 * or relay nodes act on it at the same moment.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_policies')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    // '' for the workspace's own policy, so the key has no nulls.
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_policies_pk', ['workspace_id', 'scope', 'scope_id'])
    .execute();

  await db.schema
    .createTable('agent_training')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_training_pk', ['workspace_id', 'agent_id'])
    .execute();

  await db.schema
    .createTable('review_drafts')
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('draft_seq', 'bigint', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text')
    .addColumn('final_text', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addPrimaryKeyConstraint('review_drafts_pk', ['conversation_id', 'draft_seq'])
    .execute();
  await db.schema
    .createIndex('review_drafts_pending')
    .on('review_drafts')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute();
}
