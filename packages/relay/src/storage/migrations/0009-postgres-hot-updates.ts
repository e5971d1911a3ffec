/**
 * Issue 7, Postgres: every append rewrites its conversation row (last_seq, updated_at, the last
 * message). With full pages Postgres must put the new row version elsewhere and update all five
 * of the table's indexes too; with room left in each page (fillfactor 70) the update stays on
 * the page and touches no index (a HOT update), which about tripled the rate of that statement
 * in the batched append (docs/benchmarks.md). Applies to pages written from now on; `VACUUM FULL
 * conversations` repacks an existing table (docs/deploy.md). SQLite has no such setting.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`alter table conversations set (fillfactor = 70)`.execute(db);
}
