/**
 * A private schema per test on the shared Postgres, so test files running in parallel never see
 * each other's tables. The returned URL selects it through libpq's `options` parameter, which
 * the relay's DATABASE_URL accepts as it is.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_URL } from './services.js';

export interface TestSchema {
  name: string;
  /** DATABASE_URL for a relay (or a storage) working in this schema only. */
  url: string;
  drop(): Promise<void>;
}

async function run(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestSchema(label: string): Promise<TestSchema> {
  const name = `t_${label.toLowerCase().replace(/[^a-z0-9]/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  await run(`create schema ${name}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    drop: () => run(`drop schema if exists ${name} cascade`),
  };
}
