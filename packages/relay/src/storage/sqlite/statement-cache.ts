/**
 * Kysely's SQLite driver prepares every statement anew, and preparing (parsing and planning the
 * SQL) cost more than running it on the send path (docs/benchmarks.md). The query builder emits
 * the same SQL text for the same query shape, so this hands Kysely a database whose `prepare`
 * reuses statements by text. Reuse is safe because better-sqlite3 runs each statement to
 * completion synchronously; only iterating (`.stream()`), which the stores never do, could not
 * share a statement.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export function withStatementCache(database: BetterSqlite3.Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Refresh its place so the least recently used statement is the one evicted.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
