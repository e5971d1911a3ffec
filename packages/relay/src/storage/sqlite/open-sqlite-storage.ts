/**
 * The embedded default: one SQLite file in the data folder, in WAL mode so readers never block
 * the writer. `synchronous = FULL` makes every commit durable before we ack it (DESIGN.md
 * section 4); group commit keeps that affordable, small batches commit inline while the disk is
 * quick, the append worker takes the rest so their fsync stays off the event loop, and the
 * checkpointer copies the WAL into the database file beside them. Everything
 * but appends and new conversations runs through Kysely on this connection.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import { KyselyStorage } from '../kysely/kysely-storage.js';
import { KyselyEventStore } from '../kysely/event-store.js';
import { withStatementCache } from './statement-cache.js';
import { MainConnectionDialect } from './main-connection-dialect.js';
import { WorkerEventStore } from './worker-event-store.js';
import { Checkpointer } from './checkpointer.js';

export const SQLITE_FILE_NAME = 'eyelevel.sqlite';

export interface SqliteOptions {
  /**
   * Small batches commit on the event loop while the disk is quick (inline-committer.ts). Off,
   * every append goes through the append worker; the contract suite runs both ways.
   */
  inlineCommits?: boolean;
}

export function openSqliteStorage(dataDir: string, options: SqliteOptions = {}): KyselyStorage {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // The worker store reads through the main connection, which in turn waits for the worker.
  let events: WorkerEventStore | null = null;
  const db = new Kysely<Database>({
    dialect: new MainConnectionDialect({ database: withStatementCache(sqlite) }, { whenIdle: () => events?.whenIdle() ?? null }),
  });
  events = new WorkerEventStore(file, new KyselyEventStore(db), { inline: options.inlineCommits ?? true });
  const checkpointer = new Checkpointer(file, (message) => process.emitWarning(`SQLite checkpoint: ${message}`));
  return new KyselyStorage(db, { rowLocks: false, events, newRows: events }, () => checkpointer.close());
}
