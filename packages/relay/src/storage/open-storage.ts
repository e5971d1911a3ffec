/**
 * Picks the storage driver from the configuration: Postgres when DATABASE_URL is set (any number
 * of nodes), otherwise the embedded SQLite file in the data folder (one node). main and the CLI
 * both open storage through here, so `eyelevel migrate` and the relay always agree.
 */
import type { Logger } from 'pino';
import type { RelayConfig } from '../config.js';
import type { KyselyStorage } from './kysely/kysely-storage.js';
import { openSqliteStorage } from './sqlite/open-sqlite-storage.js';
import { openPostgresStorage } from './postgres/open-postgres-storage.js';

export function openStorage(config: Pick<RelayConfig, 'dataDir' | 'databaseUrl' | 'databasePoolSize'>, log?: Logger): KyselyStorage {
  if (config.databaseUrl === null) return openSqliteStorage(config.dataDir);
  return openPostgresStorage({
    url: config.databaseUrl,
    poolSize: config.databasePoolSize,
    onConnectionError: (error) => log?.warn({ err: error }, 'a Postgres connection failed; queries reconnect'),
  });
}

/** Where the data lives, for logs and the start banner (never the password). */
export function describeStorage(config: Pick<RelayConfig, 'dataDir' | 'databaseUrl'>): string {
  if (config.databaseUrl === null) return `embedded SQLite in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `Postgres at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
