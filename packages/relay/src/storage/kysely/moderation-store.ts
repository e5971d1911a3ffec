/**
 * Moderation over Kysely (issue 6). `record` is one transaction: the log entry (through the same
 * `appendOne` every writer uses), then the block set or lifted or the escalation decided, each a
 * conditional statement whose zero-row result rolls everything back, then the audit row naming
 * the entry's seq. A retried client id finds its first copy and writes nothing more.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AgentRole, AuditAction, AuditEntry, AuditPage, AuditQuery, AuditTargetKind, WarnTemplate } from '@eyelevel/shared';
import type { Database } from '../database-schema.js';
import type { AuditLogTable, BlocksTable } from '../moderation-tables.js';
import type {
  BlockRecord,
  BlockSubjectKind,
  ModerationRecord,
  ModerationResult,
  ModerationStore,
  NewAuditEntry,
} from '../moderation-store.js';
import { appendOne } from './event-store.js';
import { retryConflicts } from './retryable.js';
import { newId } from '../../ids.js';

const DEFAULT_PAGE = 50;

class Abort extends Error {
  constructor(readonly reason: Exclude<ModerationResult, { ok: true }>['reason']) {
    super(reason);
  }
}

export class KyselyModerationStore implements ModerationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async record(record: ModerationRecord): Promise<ModerationResult> {
    try {
      return await retryConflicts(() => this.db.transaction().execute((trx) => this.recordIn(trx, record)));
    } catch (error) {
      if (error instanceof Abort) return { ok: false, reason: error.reason };
      throw error;
    }
  }

  private async recordIn(trx: Transaction<Database>, record: ModerationRecord): Promise<ModerationResult> {
    let event = null;
    if (record.entry) {
      const appended = await appendOne(trx, record.entry);
      if (!appended.ok) throw new Abort(appended.reason);
      // The first copy already did everything below.
      if (appended.duplicate) return { ok: true, event: appended.event, duplicate: true };
      event = appended.event;
    }
    const { block } = record;
    if (block && 'set' in block) {
      const inserted = await trx
        .insertInto('blocks')
        .values(blockRow(block.set))
        .onConflict((oc) => oc.columns(['workspace_id', 'subject_kind', 'subject_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new Abort('already-blocked');
    } else if (block) {
      const removed = await trx
        .deleteFrom('blocks')
        .where('workspace_id', '=', record.audit.workspaceId)
        .where('subject_kind', '=', block.clear.kind)
        .where('subject_id', '=', block.clear.id)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw new Abort('not-blocked');
    }
    if (record.decide) {
      // Two leads deciding at once: the first update wins, the second finds it decided.
      const decided = await trx
        .updateTable('conversations')
        .set({ escalation_decided_at: record.audit.at })
        .where('id', '=', record.audit.target.id)
        .where('workspace_id', '=', record.audit.workspaceId)
        .where('escalated_at', 'is not', null)
        .where('escalation_decided_at', 'is', null)
        .executeTakeFirst();
      if (Number(decided.numUpdatedRows) === 0) throw new Abort('not-escalated');
    }
    await trx.insertInto('audit_log').values(auditRow({ ...record.audit, entrySeq: event?.seq ?? null })).execute();
    return { ok: true, event, duplicate: false };
  }

  async audit(entry: NewAuditEntry & { entrySeq: number | null }): Promise<void> {
    await this.db.insertInto('audit_log').values(auditRow(entry)).execute();
  }

  async blockOf(workspaceId: string, kind: BlockSubjectKind, subjectId: string): Promise<BlockRecord | null> {
    const row = await this.db
      .selectFrom('blocks')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    return row ? toBlock(row) : null;
  }

  async blockedIds(workspaceId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('blocks').select('subject_id').where('workspace_id', '=', workspaceId).execute();
    return rows.map((row) => row.subject_id);
  }

  async searchAudit(workspaceId: string, query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    let select = this.db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
    if (query.actor) select = select.where('actor_id', '=', query.actor);
    if (query.action) select = select.where('action', '=', query.action);
    if (query.conversation) select = select.where('conversation_id', '=', query.conversation);
    if (query.from !== undefined) select = select.where('at', '>=', query.from);
    if (query.to !== undefined) select = select.where('at', '<=', query.to);
    if (query.q) {
      // lower() on both sides: the same case-insensitive match on SQLite and Postgres.
      const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      select = select.where(sql<boolean>`lower(reason) like ${pattern} escape '\\'`);
    }
    if (query.cursor) {
      const [at, id] = splitCursor(query.cursor);
      select = select.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
    }
    const rows = await select.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { entries: page.map(toAuditEntry), next: rows.length > limit && last ? `${Number(last.at)}:${last.id}` : null };
  }

  async warnTemplates(workspaceId: string): Promise<WarnTemplate[] | null> {
    const row = await this.db.selectFrom('warn_templates').select('templates').where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row ? (JSON.parse(row.templates) as WarnTemplate[]) : null;
  }

  async setWarnTemplates(workspaceId: string, templates: WarnTemplate[], at: number): Promise<void> {
    const json = JSON.stringify(templates);
    await this.db
      .insertInto('warn_templates')
      .values({ workspace_id: workspaceId, templates: json, updated_at: at })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ templates: json, updated_at: at }))
      .execute();
  }
}

function splitCursor(cursor: string): [number, string] {
  const colon = cursor.indexOf(':');
  return [Number(cursor.slice(0, colon)), cursor.slice(colon + 1)];
}

function blockRow(block: BlockRecord): Selectable<BlocksTable> {
  return {
    workspace_id: block.workspaceId,
    subject_kind: block.subjectKind,
    subject_id: block.subjectId,
    conversation_id: block.conversationId,
    reason: block.reason,
    actor_id: block.actorId,
    created_at: block.createdAt,
  };
}

function toBlock(row: Selectable<BlocksTable>): BlockRecord {
  return {
    workspaceId: row.workspace_id,
    subjectKind: row.subject_kind as BlockSubjectKind,
    subjectId: row.subject_id,
    conversationId: row.conversation_id,
    reason: row.reason,
    actorId: row.actor_id,
    createdAt: Number(row.created_at),
  };
}

function auditRow(entry: NewAuditEntry & { entrySeq: number | null }): Selectable<AuditLogTable> {
  const { id, name, initials, role } = entry.actor;
  return {
    id: newId(),
    workspace_id: entry.workspaceId,
    at: entry.at,
    actor_id: id,
    actor: JSON.stringify({ name, initials, role }),
    action: entry.action,
    target_kind: entry.target.kind,
    target_id: entry.target.id,
    target_seq: entry.target.seq,
    conversation_id: entry.conversationId,
    reason: entry.reason,
    entry_seq: entry.entrySeq,
  };
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  const actor = JSON.parse(row.actor) as { name: string; initials: string; role: AgentRole };
  return {
    id: row.id,
    at: Number(row.at),
    actor: { id: row.actor_id, ...actor },
    action: row.action as AuditAction,
    target: { kind: row.target_kind as AuditTargetKind, id: row.target_id, seq: row.target_seq === null ? null : Number(row.target_seq) },
    conversationId: row.conversation_id,
    reason: row.reason,
    entrySeq: row.entry_seq === null ? null : Number(row.entry_seq),
  };
}
