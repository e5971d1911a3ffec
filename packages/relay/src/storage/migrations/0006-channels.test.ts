/**
 * The visitors rebuild in 0006 on a database that already has data: every row and every link
 * to it survives, foreign keys stay on and intact, and a visitor without a site (a social
 * author) can now be stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationProvider } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0006-channels', () => {
  it('keeps existing visitors, their sessions and conversations, and allows site-less visitors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eyelevel-0006-'));
    dirs.push(dir);
    const sqlite = new BetterSqlite3(join(dir, 'db.sqlite'));
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0005-lean-send-path')).error).toBeUndefined();

    sqlite.exec(`
      insert into workspaces (id, name, created_at) values ('w1', 'Acme', 1);
      insert into sites (id, workspace_id, public_key, name, allowed_origins, identity_secret, settings, created_at)
        values ('s1', 'w1', 'pk_1', 'web', '[]', 'secret', '{}', 1);
      insert into contacts (id, workspace_id, external_id, name, email, verified_by, created_at, updated_at)
        values ('c1', 'w1', 'user-1', 'Ann', null, 'hash', 1, 1);
      insert into visitors (id, workspace_id, site_id, name, email, created_at, last_seen_at, contact_id)
        values ('v1', 'w1', 's1', 'Ann', 'ann@example.com', 1, 2, 'c1'), ('v2', 'w1', 's1', null, null, 3, 4, null);
      insert into visitor_sessions (token_hash, visitor_id, workspace_id, site_id, created_at) values ('h1', 'v1', 'w1', 's1', 1);
      insert into conversations (id, workspace_id, site_id, visitor_id, channel, status, last_seq, visitor_read_seq, agent_read_seq, created_at, updated_at)
        values ('k1', 'w1', 's1', 'v1', 'web', 'open', 0, 0, 0, 1, 1);
    `);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    expect(sqlite.prepare('select * from visitors order by id').all()).toEqual([
      { id: 'v1', workspace_id: 'w1', site_id: 's1', name: 'Ann', email: 'ann@example.com', created_at: 1, last_seen_at: 2, contact_id: 'c1' },
      { id: 'v2', workspace_id: 'w1', site_id: 's1', name: null, email: null, created_at: 3, last_seen_at: 4, contact_id: null },
    ]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    // The unique index on (site, contact) is back.
    expect(() => sqlite.exec(`insert into visitors (id, workspace_id, site_id, created_at, last_seen_at, contact_id) values ('v3', 'w1', 's1', 5, 5, 'c1')`)).toThrow(/UNIQUE/);
    // Foreign keys still point at the rebuilt table.
    expect(() => sqlite.exec(`insert into visitor_sessions (token_hash, visitor_id, workspace_id, site_id, created_at) values ('h2', 'nobody', 'w1', 's1', 1)`)).toThrow(/FOREIGN KEY/);
    sqlite.exec(`insert into visitors (id, workspace_id, site_id, created_at, last_seen_at) values ('v4', 'w1', null, 6, 6)`);
    const count = await sql<{ n: number }>`select count(*) as n from visitors`.execute(db);
    expect(count.rows[0]!.n).toBe(3);
    await db.destroy();
  });
});
