/**
 * What an upgrade through migration 0015 costs an operator, separate from `pnpm bench`: 0015
 * builds a new unique index over every stored event (client id first) and drops the old one, and
 * the relay does not serve while `eyelevel migrate` (or `start`, which migrates first) runs. This
 * fills a store with N events, puts it back in its pre-0015 shape (the old index, 0015 not
 * recorded), and times the operator's command, on the embedded SQLite file and on Postgres.
 *
 *   node bench/migration-cost.mjs [--events 1000000] [--no-postgres]
 *
 * Needs the build (`pnpm build`); Postgres at BENCH_DATABASE_URL
 * (postgres://postgres@127.0.0.1:5432/test), in a schema of its own that is dropped afterwards.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { CLI } from './lib/relay-server.mjs';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(values.events);
if (!Number.isInteger(EVENTS) || EVENTS < 1) throw new Error(`--events must be a positive whole number, not ${values.events}`);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MIGRATION = '0015-time-ordered-idempotency-keys';
/** Twenty messages per conversation; client ids in the widget's time-first format. */
const PER_CONVERSATION = 20;
// The relay's own better-sqlite3, rather than a second copy to build for the bench.
const Database = createRequire(new URL('../packages/relay/package.json', import.meta.url))('better-sqlite3');

const log = (message) => console.error(`[migration-cost ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Fails the run unless the upgrade left the new index and only it. */
function checkUpgraded(store, indexNames) {
  if (!indexNames.includes('events_by_client_id') || indexNames.includes('events_client_id')) {
    throw new Error(`${store}: migrate did not apply ${MIGRATION} (indexes: ${indexNames.join(', ')})`);
  }
}

/** Runs the operator's command and returns its wall time in seconds. */
async function timedMigrate(env) {
  const started = performance.now();
  await promisify(execFile)(process.execPath, [CLI, 'migrate'], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, timeout: 3_600_000 });
  return (performance.now() - started) / 1000;
}

/** The statements that put a migrated store back where it stood before 0015. */
const BEFORE_0015 = [
  'drop index "events_by_client_id"',
  'create unique index "events_client_id" on "events" ("conversation_id", "author_id", "client_id")',
  `delete from "kysely_migration" where "name" = '${MIGRATION}'`,
];

async function sqlite() {
  const dataDir = mkdtempSync(join(tmpdir(), 'eyelevel-migration-'));
  try {
    const env = { EYELEVEL_DATA_DIR: dataDir };
    await timedMigrate(env);
    const file = join(dataDir, 'eyelevel.sqlite');
    const db = new Database(file);
    // Events alone: their conversations do not change what the index build reads.
    db.pragma('foreign_keys = OFF');
    const started = performance.now();
    db.prepare(
      `with recursive n(i) as (select 0 union all select i + 1 from n where i < ?)
       insert into "events" ("conversation_id", "seq", "workspace_id", "kind", "author_kind", "author_id", "author", "client_id", "body", "created_at")
       select 'conv-' || (i / ${PER_CONVERSATION}), i % ${PER_CONVERSATION} + 1, 'workspace-1', 'message', 'visitor', 'visitor-' || (i / ${PER_CONVERSATION}),
              '{"kind":"visitor"}', 'w-' || printf('%012d', 1700000000000 + i) || '-' || hex(randomblob(4)), 'Hello, I have a question about my order', 1700000000000 + i
       from n`,
    ).run(EVENTS - 1);
    for (const statement of BEFORE_0015) db.exec(statement);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    log(`sqlite: ${EVENTS.toLocaleString('en')} events stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const sizeBefore = statSync(file).size;
    const upgrade = await timedMigrate(env);
    const noop = await timedMigrate(env);
    const check = new Database(file, { readonly: true });
    checkUpgraded('sqlite', check.prepare(`select "name" from sqlite_master where "type" = 'index' and "tbl_name" = 'events'`).all().map((row) => row.name));
    check.close();
    return { store: 'SQLite (embedded; the whole file)', upgrade, noop, size: sizeBefore };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres() {
  const schema = `migration_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
    const url = new URL(DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: url.toString() };
    await timedMigrate(env);
    await admin.query(`set search_path = ${schema}`);
    // Events alone, as above: replica mode skips the foreign-key triggers for this session.
    await admin.query('set session_replication_role = replica');
    const started = performance.now();
    await admin.query(
      `insert into "events" ("conversation_id", "seq", "workspace_id", "kind", "author_kind", "author_id", "author", "client_id", "body", "created_at")
       select 'conv-' || (i / ${PER_CONVERSATION}), i % ${PER_CONVERSATION} + 1, 'workspace-1', 'message', 'visitor', 'visitor-' || (i / ${PER_CONVERSATION}),
              '{"kind":"visitor"}', 'w-' || lpad((1700000000000 + i)::text, 12, '0') || '-' || substr(md5(i::text), 1, 8), 'Hello, I have a question about my order', 1700000000000 + i
       from generate_series(0, $1::bigint - 1) as i`,
      [EVENTS],
    );
    for (const statement of BEFORE_0015) await admin.query(statement);
    await admin.query('set session_replication_role = origin');
    await admin.query('vacuum analyze "events"');
    log(`postgres: ${EVENTS.toLocaleString('en')} events stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { rows } = await admin.query(`select pg_total_relation_size('"events"') as size`);
    const upgrade = await timedMigrate(env);
    const noop = await timedMigrate(env);
    const indexes = await admin.query(`select "indexname" from pg_indexes where "schemaname" = $1 and "tablename" = 'events'`, [schema]);
    checkUpgraded('postgres', indexes.rows.map((row) => row.indexname));
    return { store: 'Postgres (the events table and its indexes)', upgrade, noop, size: Number(rows[0].size) };
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.end();
  }
}

const results = [await sqlite()];
if (!values['no-postgres']) results.push(await postgres());

console.log(`#### Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n`);
console.log(`Machine: ${cpus().length} cores, ${cpus()[0]?.model.trim()}, Node ${process.version}; load average at start ${loadavg().map((n) => n.toFixed(2)).join(' / ')}.`);
console.log(`${EVENTS.toLocaleString('en')} events in ${(EVENTS / PER_CONVERSATION).toLocaleString('en')} conversations, upgraded from migration 0014 through ${MIGRATION}.\n`);
console.log('| store | size before | `eyelevel migrate` through 0015 | `eyelevel migrate` with nothing to do |');
console.log('|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.store} | ${(r.size / 1024 / 1024).toFixed(0)} MiB | ${r.upgrade.toFixed(1)} s | ${r.noop.toFixed(1)} s |`);
}
