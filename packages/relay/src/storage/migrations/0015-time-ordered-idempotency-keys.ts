/**
 * Issue 2, the send path's disk writes: the idempotency index led with the conversation, so each
 * message's entry landed on a random page of it, one more page (4 KiB in the WAL, again in the
 * checkpoint) per message in every group commit. Client ids begin with their send time (the
 * widget's `w-<time>-…`, the platforms' time-ordered post ids), so an index that leads with the
 * client id grows at its right edge: a batch's entries share a few pages (docs/benchmarks.md).
 * The key is the same three columns, so uniqueness and the lookup are unchanged.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('events_by_client_id')
    .on('events')
    .columns(['client_id', 'conversation_id', 'author_id'])
    .unique()
    .execute();
  await db.schema.dropIndex('events_client_id').execute();
}
