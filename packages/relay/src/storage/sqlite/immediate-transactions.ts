/**
 * Kysely's SQLite dialect, with transactions that take the write lock when they begin. The append
 * worker writes through a second connection; a deferred transaction that read first and then
 * wrote after the worker committed would fail with SQLITE_BUSY_SNAPSHOT instead of waiting.
 * `begin immediate` waits its turn (busy_timeout) before reading, so it always sees the latest
 * commit and never has to upgrade its lock.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

class ImmediateTransactionsDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateTransactionsSqliteDialect extends SqliteDialect {
  constructor(private readonly dialectConfig: SqliteDialectConfig) {
    super(dialectConfig);
  }

  override createDriver(): Driver {
    return new ImmediateTransactionsDriver(this.dialectConfig);
  }
}
