/**
 * Issue 6, moderation: the append-only audit log (who did what to which entry or person, why,
 * when), the people blocked per workspace, each workspace's warn templates, and when a lead
 * decided a conversation's escalation. The database itself refuses to change or remove an audit
 * row (triggers on SQLite and Postgres), so no code path, present or future, can rewrite it.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    // Name, initials and role as they were when the action was taken (renames do not rewrite it).
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_seq', 'bigint')
    .addColumn('conversation_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('entry_seq', 'bigint')
    .execute();
  await db.schema.createIndex('audit_log_by_time').on('audit_log').columns(['workspace_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_log_by_conversation').on('audit_log').columns(['workspace_id', 'conversation_id', 'at']).execute();

  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
  } else {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'the audit log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
  }

  await db.schema
    .createTable('blocks')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    // 'visitor' (a web visitor's id) or 'social_author' (`channelId:platformUserId`).
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // Where the block was set: held posts of the author that belong to no known thread go here.
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['workspace_id', 'subject_kind', 'subject_id'])
    .execute();

  await db.schema
    .createTable('warn_templates')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('templates', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('conversations').addColumn('escalation_decided_at', 'bigint').execute();
}
