/**
 * The scale-out driver (DESIGN.md section 5): Postgres through the same Kysely stores as SQLite,
 * selected by `DATABASE_URL=postgres://…`. Any number of relay nodes share one database; row
 * locks (`rowLocks: true`) make claims, quotas and sequences hold across them, and Kysely's
 * migrator takes a Postgres advisory lock, so concurrent starts migrate once.
 *
 * Two choices keep the stores dialect-neutral: bigint columns (epoch milliseconds, seqs, counts)
 * come back as JS numbers, as they do from SQLite, and a dropped connection is an error the
 * caller sees (not a crash): the relay then reports not-ready and refuses sends until the
 * database answers again.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../database-schema.js';
import { KyselyStorage } from '../kysely/kysely-storage.js';
import { PostgresEventStore } from './postgres-event-store.js';

const INT8_OID = 20;

export interface PostgresStorageOptions {
  /** postgres://user:password@host:port/database (libpq query parameters such as sslmode work). */
  url: string;
  /** Connections per node; the database's max_connections must cover all nodes together. */
  poolSize?: number;
  /** How long a query waits for a connection before failing (so sends fail fast when the database is gone). */
  connectTimeoutMs?: number;
  /** Errors of idle connections (database restarted, network cut); reported, never thrown. */
  onConnectionError?: (error: Error) => void;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function openPostgresStorage(options: PostgresStorageOptions): KyselyStorage {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    // Per pool, not pg's global parsers: another Postgres user in the same process is unaffected.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // Without a listener, a connection's error (the server went away) would crash the process:
  // the pool listens on idle clients only, and Kysely holds a client between a transaction's
  // statements. The query in flight fails on its own; the pool drops the dead client on release.
  pool.on('error', (error) => options.onConnectionError?.(error));
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionError?.(error)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStorage(db, { rowLocks: true, events: new PostgresEventStore(db) });
}
