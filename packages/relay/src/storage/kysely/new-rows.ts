/**
 * Rows a store inserts together, as data, so a driver may commit them elsewhere: the SQLite
 * driver hands them to its append worker, which commits many groups in one transaction and
 * keeps the fsync off the event loop (docs/benchmarks.md). Without such a writer a store runs
 * its own Kysely transaction.
 */
import type { Insertable } from 'kysely';
import type { ConversationsTable, EventsTable } from '../database-schema.js';

export type NewRow =
  | { table: 'conversations'; row: Insertable<ConversationsTable> }
  | { table: 'events'; row: Insertable<EventsTable> };

export interface NewRowWriter {
  /** Inserts every row of the group or none, committed when the promise resolves. */
  insertTogether(rows: NewRow[]): Promise<void>;
}
