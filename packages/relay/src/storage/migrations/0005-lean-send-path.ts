/**
 * Every message changes its conversation's `updated_at`, and the queue index had it in its key,
 * so each send also rewrote an index entry: one more random page in every group commit's WAL
 * write (docs/benchmarks.md). The queue filters by workspace and status; its order is computed
 * over that much smaller set, so the index no longer carries the time.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_queue').execute();
  await db.schema.createIndex('conversations_by_status').on('conversations').columns(['workspace_id', 'status']).execute();
}
