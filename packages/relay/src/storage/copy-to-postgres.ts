/**
 * Moving a relay from the embedded SQLite file to Postgres (issue 7): a company that outgrows
 * one node keeps its conversations, contacts, agents and settings. Both databases are first
 * brought to the same migration, then every table is copied in foreign-key order inside one
 * Postgres transaction, so the target ends up with everything or nothing. The target must be
 * empty: copying twice, or over a live cluster, would mix two histories.
 *
 * Rows travel as JSON and `json_populate_recordset` gives each value its column's type, so the
 * copy needs no per-table code and follows whatever tables later migrations add.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openSqliteStorage, SQLITE_FILE_NAME } from './sqlite/open-sqlite-storage.js';
import { openPostgresStorage } from './postgres/open-postgres-storage.js';
import { storableText } from './kysely/storable-text.js';

export interface CopyReport {
  tables: Array<{ table: string; rows: number }>;
}

export class CopyRefused extends Error {}

const CHUNK = 1000;

export async function copySqliteToPostgres(dataDir: string, databaseUrl: string): Promise<CopyReport> {
  for (const storage of [openSqliteStorage(dataDir), openPostgresStorage({ url: databaseUrl, poolSize: 1 })]) {
    try {
      await storage.migrate();
    } finally {
      await storage.close();
    }
  }

  const source = new BetterSqlite3(join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  const target = new pg.Client({ connectionString: databaseUrl });
  await target.connect();
  try {
    const tables = tablesInForeignKeyOrder(source);
    // One read transaction: a consistent snapshot even if the file were written meanwhile.
    source.exec('begin');
    await target.query('begin');
    for (const table of tables) await refuseUnlessEmpty(target, table);
    const report: CopyReport = { tables: [] };
    for (const table of tables) {
      await refuseMissingColumns(source, target, table);
      report.tables.push({ table, rows: await copyTable(source, target, table) });
    }
    await target.query('commit');
    return report;
  } catch (error) {
    await target.query('rollback').catch(() => {});
    throw error;
  } finally {
    source.close();
    await target.end();
  }
}

/** Every application table, each after the tables it references. */
function tablesInForeignKeyOrder(source: BetterSqlite3.Database): string[] {
  const names = (
    source.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`).all() as Array<{ name: string }>
  ).map((row) => row.name);
  const references = new Map(
    names.map((name) => [name, (source.pragma(`foreign_key_list(${quote(name)})`) as Array<{ table: string }>).map((fk) => fk.table).filter((t) => t !== name)]),
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new CopyRefused(`tables reference each other in a cycle through ${name}`);
    visiting.add(name);
    for (const referenced of references.get(name) ?? []) visit(referenced);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of names.sort()) visit(name);
  return ordered;
}

async function refuseUnlessEmpty(target: pg.Client, table: string): Promise<void> {
  const { rows } = await target.query<{ any: boolean }>(`select exists (select 1 from ${quote(table)}) as any`);
  if (rows[0]?.any) throw new CopyRefused(`the target database already holds data (table ${table}); copy into an empty database`);
}

/** A column the target lacks would be dropped silently by the JSON copy: refuse instead. */
async function refuseMissingColumns(source: BetterSqlite3.Database, target: pg.Client, table: string): Promise<void> {
  const sourceColumns = (source.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>).map((column) => column.name);
  const { rows } = await target.query<{ column_name: string }>(
    'select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1',
    [table],
  );
  const targetColumns = new Set(rows.map((row) => row.column_name));
  const missing = sourceColumns.filter((column) => !targetColumns.has(column));
  if (missing.length > 0) throw new CopyRefused(`table ${table} has columns the target lacks: ${missing.join(', ')}`);
}

async function copyTable(source: BetterSqlite3.Database, target: pg.Client, table: string): Promise<number> {
  let copied = 0;
  let chunk: Array<Record<string, unknown>> = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    await target.query(`insert into ${quote(table)} select * from json_populate_recordset(null::${quote(table)}, $1::json)`, [JSON.stringify(chunk)]);
    copied += chunk.length;
    chunk = [];
  };
  for (const row of source.prepare(`select * from ${quote(table)}`).iterate() as Iterable<Record<string, unknown>>) {
    chunk.push(storable(row));
    if (chunk.length === CHUNK) await flush();
  }
  await flush();
  return copied;
}

/** SQLite keeps what Postgres refuses (a NUL in text); such text arrives as U+FFFD. */
function storable(row: Record<string, unknown>): Record<string, unknown> {
  for (const [column, value] of Object.entries(row)) {
    if (typeof value === 'string') row[column] = storableText(value);
  }
  return row;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
