/**
 * A Storage built on any Kysely dialect. Drivers (SQLite now, Postgres later) only choose the
 * dialect and connection settings; every query lives in the stores beside this file.
 */
import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { EventStore, Storage } from '../storage.js';
import { migrationProvider } from '../migrations/index.js';
import { KyselyTenantStore } from './tenant-store.js';
import { KyselySessionStore } from './session-store.js';
import { KyselyConversationStore } from './conversation-store.js';
import { KyselyEventStore } from './event-store.js';
import { KyselyRoutingStore } from './routing-store.js';
import { KyselyQueueStore } from './queue-state-store.js';
import { KyselyAdminStore } from './admin-store.js';
import { KyselyContactStore } from './contact-store.js';
import { KyselyTeamDirectory } from './team-directory-store.js';
import { KyselyCallbackStore } from './callback-store.js';
import { KyselyChannelStore } from './channel-store.js';
import { KyselyLeaseStore } from './lease-store.js';
import { KyselyChangeFeed } from './change-feed.js';
import { KyselyConsoleStore } from './console-store.js';
import { KyselyReviewStore } from './review-store.js';
import { KyselyReviewSettingsStore } from './review-settings-store.js';
import { KyselyPrivateLinkStore } from './private-link-store.js';
import { KyselyAlertStore } from './alert-store.js';
import { KyselyWebhookStore } from './webhook-store.js';
import { KyselyModerationStore } from './moderation-store.js';
import type { NewRowWriter } from './new-rows.js';

export class KyselyStorage implements Storage {
  readonly tenants: KyselyTenantStore;
  readonly sessions: KyselySessionStore;
  readonly conversations: KyselyConversationStore;
  readonly events: EventStore & { close?(): Promise<void> };
  readonly routing: KyselyRoutingStore;
  readonly queue: KyselyQueueStore;
  readonly admin: KyselyAdminStore;
  readonly contacts: KyselyContactStore;
  readonly teams: KyselyTeamDirectory;
  readonly callbacks: KyselyCallbackStore;
  readonly channels: KyselyChannelStore;
  readonly leases: KyselyLeaseStore;
  readonly changes: KyselyChangeFeed;
  readonly consoles: KyselyConsoleStore;
  readonly reviews: KyselyReviewStore;
  readonly reviewSettings: KyselyReviewSettingsStore;
  readonly privateLinks: KyselyPrivateLinkStore;
  readonly alerts: KyselyAlertStore;
  readonly webhooks: KyselyWebhookStore;
  readonly moderation: KyselyModerationStore;

  constructor(
    private readonly db: Kysely<Database>,
    options: {
      rowLocks: boolean;
      /** A driver's own way to append (SQLite: a worker thread); Kysely transactions otherwise. */
      events?: EventStore & { close?(): Promise<void> };
      /** A driver's own way to insert new conversations (SQLite: the same worker). */
      newRows?: NewRowWriter;
    },
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.routing = new KyselyRoutingStore(db, options.rowLocks);
    this.tenants = new KyselyTenantStore(db);
    this.sessions = new KyselySessionStore(db);
    this.conversations = new KyselyConversationStore(db, options.newRows ?? null);
    this.events = options.events ?? new KyselyEventStore(db);
    this.queue = new KyselyQueueStore(db, options.rowLocks);
    this.admin = new KyselyAdminStore(db);
    this.contacts = new KyselyContactStore(db);
    this.teams = new KyselyTeamDirectory(db);
    this.callbacks = new KyselyCallbackStore(db);
    this.channels = new KyselyChannelStore(db);
    this.leases = new KyselyLeaseStore(db);
    this.changes = new KyselyChangeFeed(db);
    this.consoles = new KyselyConsoleStore(db);
    this.reviews = new KyselyReviewStore(db);
    this.reviewSettings = new KyselyReviewSettingsStore(db);
    this.privateLinks = new KyselyPrivateLinkStore(db);
    this.alerts = new KyselyAlertStore(db);
    this.webhooks = new KyselyWebhookStore(db);
    this.moderation = new KyselyModerationStore(db);
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider,
      // Migration numbers are handed out to parallel work, so one may land after a higher one
      // already ran somewhere; each migration stands alone, so order among those is harmless.
      allowUnorderedMigrations: true,
      // Kysely looks for its bookkeeping table in every schema unless told which one: on a
      // Postgres shared with another schema that has run Kysely (another app, a parallel test),
      // it would skip creating its own table and then fail on it.
      ...(this.db.getExecutor().adapter instanceof PostgresAdapter ? { migrationTableSchema: await currentSchema(this.db) } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((result) => result.status === 'Error');
    if (error || failed) {
      // The operator reads this line on a failed start: say which migration and why.
      const why = error instanceof Error ? error.message : String(error ?? 'unknown error');
      throw new Error(failed ? `migration ${failed.migrationName} failed: ${why}` : `migrations failed: ${why}`, { cause: error });
    }
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.events.close?.();
    await this.db.destroy();
    await this.onClose();
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('the database connection has no current schema (check search_path)');
  return schema;
}
