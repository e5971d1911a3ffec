/**
 * Issue 5, social channels: the channels themselves (settings, encrypted credentials, polling
 * state), the authors they bring in, which thread became which conversation, every inbound item
 * seen (dedupe, echo suppression and the flood cap read it) and every outbound reply (stored
 * before the platform is called, so each reply is posted once and a failure stays visible).
 *
 * A social author is a visitor without a site: `visitors.site_id` becomes nullable. Postgres
 * drops the constraint in place; SQLite cannot, so the table is rebuilt the way SQLite documents
 * (https://www.sqlite.org/lang_altertable.html#otheralter): new table, copy, drop, rename, with
 * foreign keys off for the swap and checked before the commit.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await allowVisitorsWithoutSite(db);
  await db.schema.alterTable('conversations').addColumn('social', 'text').execute();

  await db.schema
    .createTable('channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('handle', 'text')
    /** Our own account on the platform: its posts are echoes, never queued. */
    .addColumn('account_id', 'text')
    .addColumn('base_url', 'text')
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    /** JSON: signature, flood cap, poll interval and the network's own settings. */
    .addColumn('settings', 'text', (c) => c.notNull())
    /** AES-256-GCM sealed JSON of the credentials; never leaves the relay. */
    .addColumn('credentials', 'text', (c) => c.notNull())
    /** AES-256-GCM sealed session the relay obtained (Bluesky), or null. */
    .addColumn('session', 'text')
    /** JSON: cursors (since_id, cursor, seenAt) and what the platform told us (limits). */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channels_workspace').on('channels').column('workspace_id').execute();

  await db.schema
    .createTable('channel_authors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('platform_user_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('url', 'text')
    /** The author's visitor row: all their threads are this visitor's conversations (history). */
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('channel_authors_per_channel', ['channel_id', 'platform_user_id'])
    .execute();

  await db.schema
    .createTable('channel_threads')
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('thread_key', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_threads_pk', ['channel_id', 'thread_key'])
    .execute();
  await db.schema.createIndex('channel_threads_conversation').on('channel_threads').column('conversation_id').execute();

  await db.schema
    .createTable('channel_items')
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('platform_id', 'text', (c) => c.notNull())
    /** What happened to it (post, edited, removed, hidden, unhidden): dedupe is per event. */
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    /** queued (in a conversation), echo (our own), held (flood cap), ignored. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('seq', 'bigint')
    /** JSON the connector needs to answer this item later (Bluesky's cid, Mastodon's visibility). */
    .addColumn('reply_context', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_items_pk', ['channel_id', 'platform_id', 'event'])
    .execute();
  await db.schema
    .createIndex('channel_items_author')
    .on('channel_items')
    .columns(['channel_id', 'author_id', 'received_at'])
    .execute();
  await db.schema.createIndex('channel_items_conversation').on('channel_items').columns(['conversation_id', 'seq']).execute();

  await db.schema
    .createTable('channel_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    /** The agent's message in the log; null until it is committed. */
    .addColumn('reply_seq', 'bigint')
    /** Exactly what is posted: prefix, the agent's text, signature. */
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('reply_context', 'text')
    /** queued, sending, sent, failed, abandoned. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('platform_id', 'text')
    .addColumn('url', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('channel_posts_client_id', ['conversation_id', 'agent_id', 'client_id'])
    .execute();
  await db.schema.createIndex('channel_posts_platform_id').on('channel_posts').columns(['channel_id', 'platform_id']).execute();
  await db.schema.createIndex('channel_posts_status').on('channel_posts').columns(['status', 'updated_at']).execute();
}

async function allowVisitorsWithoutSite(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`alter table visitors alter column site_id drop not null`.execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    try {
      await sql`create table visitors_new (
        id text primary key,
        workspace_id text not null references workspaces (id),
        site_id text references sites (id),
        name text,
        email text,
        created_at bigint not null,
        last_seen_at bigint not null,
        contact_id text references contacts (id)
      )`.execute(db);
      await sql`insert into visitors_new (id, workspace_id, site_id, name, email, created_at, last_seen_at, contact_id)
        select id, workspace_id, site_id, name, email, created_at, last_seen_at, contact_id from visitors`.execute(db);
      await sql`drop table visitors`.execute(db);
      await sql`alter table visitors_new rename to visitors`.execute(db);
      await sql`create unique index visitors_contact_per_site on visitors (site_id, contact_id)`.execute(db);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`foreign keys broken by the visitors rebuild: ${JSON.stringify(broken.rows.slice(0, 3))}`);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
