/**
 * Issue 6, second slice of four-eyes review: a draft's tier (any colleague, or a lead only) and
 * when it expires, with an index for the sweep that finds expired drafts on any node; and one
 * row of review settings per workspace (crisis mode, the holding statement, the draft lifetime).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('review_drafts').addColumn('tier', 'text', (c) => c.notNull().defaultTo('colleague')).execute();
  await db.schema.alterTable('review_drafts').addColumn('expires_at', 'bigint').execute();
  await db.schema.createIndex('review_drafts_expiry').on('review_drafts').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('review_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    // 0 or 1: one integer type for both dialects.
    .addColumn('crisis_on', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('crisis_since', 'bigint')
    // The Author who last switched it, as JSON (a lead, or the system for an alert rule).
    .addColumn('crisis_by', 'text')
    .addColumn('holding_statement', 'text')
    .addColumn('draft_expiry_ms', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
