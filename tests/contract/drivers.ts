/**
 * The storage drivers the contract suite runs against, unchanged, one `describe` per driver:
 * the embedded SQLite file and Postgres (in a schema of its own). A driver hands out several
 * handles to one database, each with its own connections, so a test can act as several relay
 * nodes at once; that is where claims, quotas, sequences and dedupe are really tested.
 *
 * SQLite is the single-node driver: one process owns the file. Its "nodes" are one storage,
 * so the same tests check that concurrent work within a node is done once. It runs twice: as
 * configured (small batches commit inline) and with every append through the append worker,
 * so both write paths keep the same contract.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStorage, openSqliteStorage, type SqliteOptions, type Storage } from '@eyelevel/relay';
import { withPostgres } from '../support/services.js';
import { createTestSchema } from '../support/postgres-schema.js';

export interface DriverDatabase {
  /** A storage on this database, as a relay node would open it (migrated). */
  node(): Promise<Storage>;
  /** Closes every handle and removes the database. */
  close(): Promise<void>;
}

export interface Driver {
  name: string;
  /** False on a developer machine without the service (the suite skips, with a message). */
  available: boolean;
  open(label: string): Promise<DriverDatabase>;
}

function tracked(open: () => Storage, cleanup: () => Promise<void> | void): DriverDatabase {
  const handles: Storage[] = [];
  return {
    async node() {
      const storage = open();
      handles.push(storage);
      await storage.migrate();
      return storage;
    },
    async close() {
      await Promise.all([...new Set(handles)].map((storage) => storage.close()));
      await cleanup();
    },
  };
}

function sqlite(name: string, options: SqliteOptions): Driver {
  return {
    name,
    available: true,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'eyelevel-contract-'));
      let storage: Storage | null = null;
      return tracked(
        () => (storage ??= openSqliteStorage(dir, options)),
        () => rmSync(dir, { recursive: true, force: true }),
      );
    },
  };
}

const postgres: Driver = {
  name: 'postgres',
  available: await withPostgres(),
  async open(label) {
    const schema = await createTestSchema(label);
    return tracked(
      () => openPostgresStorage({ url: schema.url, poolSize: 8 }),
      () => schema.drop(),
    );
  },
};

export const DRIVERS: Driver[] = [sqlite('sqlite', {}), sqlite('sqlite, append worker only', { inlineCommits: false }), postgres];
