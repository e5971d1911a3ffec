/**
 * Kysely's SQLite dialect for the main connection, which shares the database file with the
 * append worker's connection. SQLite lets one connection write at a time, and a connection that
 * finds the lock taken sleeps inside the query, on the event loop. So:
 *
 * - a query waits (asynchronously) while the worker is committing a batch, and the loop keeps
 *   serving sockets instead of sleeping on the lock;
 * - transactions `begin immediate`: they take the write lock before reading, so they never read
 *   a snapshot the worker moves on and then fail with SQLITE_BUSY_SNAPSHOT when they write.
 *
 * If the worker starts a batch while a transaction here is open, the worker is the one that
 * waits, on its own thread.
 */
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/** The other writer: resolves when it holds no batch, or is null when it holds none now. */
export interface OtherWriter {
  whenIdle(): Promise<void> | null;
}

class MainConnectionDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly other: OtherWriter,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    for (let busy = this.other.whenIdle(); busy; busy = this.other.whenIdle()) await busy;
    return super.acquireConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class MainConnectionDialect extends SqliteDialect {
  constructor(
    private readonly dialectConfig: SqliteDialectConfig,
    private readonly other: OtherWriter,
  ) {
    super(dialectConfig);
  }

  override createDriver(): Driver {
    return new MainConnectionDriver(this.dialectConfig, this.other);
  }
}
