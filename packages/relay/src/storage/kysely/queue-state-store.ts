/**
 * Queue states over Kysely. A state change and its status event are one transaction: the row's
 * status (and snooze time or priority) moves only together with the log entry that says so,
 * so the queue and the log never disagree.
 */
import type { Kysely, Updateable } from 'kysely';
import type { ConversationEvent, ConversationStatus } from '@eyelevel/shared';
import type { ConversationsTable, Database } from '../database-schema.js';
import type { QueueStateChange, QueueStateResult, QueueStore } from '../queue-store.js';
import { appendOne } from './event-store.js';
import { toEvent } from './row-mappers.js';
import { retryConflicts } from './retryable.js';

export class KyselyQueueStore implements QueueStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Postgres takes the conversation's row lock with FOR UPDATE; SQLite serialises writers anyway. */
    private readonly rowLocks = false,
  ) {}

  async setState(change: QueueStateChange): Promise<QueueStateResult> {
    // A retried frame racing its first copy on another node runs again, and then finds it.
    return retryConflicts(() => this.db.transaction().execute(async (trx): Promise<QueueStateResult> => {
      // A retried frame gets its first answer back, whatever the state is now.
      if (change.clientId !== null && change.actor.id !== null) {
        const existing = await trx
          .selectFrom('events')
          .selectAll()
          .where('conversation_id', '=', change.conversationId)
          .where('workspace_id', '=', change.workspaceId)
          .where('author_id', '=', change.actor.id)
          .where('client_id', '=', change.clientId)
          .executeTakeFirst();
        if (existing) return { ok: true, event: toEvent(existing), duplicate: true };
      }
      // The state checked here must still hold when the event is appended below.
      let lookup = trx
        .selectFrom('conversations')
        .select(['status', 'assignee_id', 'assignee', 'snoozed_until'])
        .where('id', '=', change.conversationId)
        .where('workspace_id', '=', change.workspaceId);
      if (this.rowLocks) lookup = lookup.forUpdate();
      const current = await lookup.executeTakeFirst();
      if (!current) return { ok: false, reason: 'conversation-not-found' };
      const guard = change.onlyIfAssigneeIs;
      if (guard !== undefined && current.assignee_id !== null && current.assignee_id !== guard) {
        return { ok: false, reason: 'not-assignee' };
      }
      if (change.onlyIfStatusIn && !change.onlyIfStatusIn.includes(current.status as ConversationStatus)) {
        return { ok: false, reason: 'wrong-status' };
      }
      if (
        change.onlyIfSnoozedBy !== undefined &&
        (current.snoozed_until === null || Number(current.snoozed_until) > change.onlyIfSnoozedBy)
      ) {
        return { ok: false, reason: 'wrong-status' };
      }
      const status = change.status ?? (current.status as ConversationStatus);
      const rowChanges: Updateable<ConversationsTable> = {
        snoozed_until: status === 'snoozed' ? (change.snoozedUntil ?? current.snoozed_until) : null,
        ...(change.priority ? { priority: change.priority } : {}),
      };
      const appended = await appendOne(
        trx,
        {
          workspaceId: change.workspaceId,
          conversationId: change.conversationId,
          author: change.actor,
          clientId: change.clientId,
          at: change.at,
          body: {
            kind: 'status',
            change: change.change,
            status,
            assignee: current.assignee === null ? null : JSON.parse(current.assignee),
          },
        },
        rowChanges,
      );
      if (!appended.ok) return { ok: false, reason: 'conversation-not-found' };
      const details = {
        ...(change.change === 'snoozed' ? { snoozedUntil: change.snoozedUntil ?? null } : {}),
        ...(change.priority ? { priority: change.priority } : {}),
      };
      if (Object.keys(details).length === 0) return appended;
      // The log's status data has fixed fields; the details of this change ride beside them.
      const event = { ...appended.event, ...details } as ConversationEvent;
      const { seq: _seq, at: _at, author: _author, kind: _kind, ...data } = event as Extract<ConversationEvent, { kind: 'status' }>;
      await trx
        .updateTable('events')
        .set({ data: JSON.stringify(data) })
        .where('conversation_id', '=', change.conversationId)
        .where('seq', '=', event.seq)
        .execute();
      return { ok: true, event, duplicate: false };
    }));
  }

  async dueSnoozed(now: number, limit: number) {
    const rows = await this.db
      .selectFrom('conversations')
      .select(['id', 'workspace_id'])
      .where('status', '=', 'snoozed')
      .where('snoozed_until', '<=', now)
      .orderBy('snoozed_until')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ workspaceId: row.workspace_id, conversationId: row.id }));
  }

  async history(workspaceId: string, conversationId: string, limit: number) {
    const rows = await this.db
      .selectFrom('conversations as other')
      .innerJoin('conversations as this', 'this.visitor_id', 'other.visitor_id')
      .select('other.id')
      .where('this.id', '=', conversationId)
      .where('this.workspace_id', '=', workspaceId)
      .where('other.workspace_id', '=', workspaceId)
      .where('other.id', '!=', conversationId)
      .orderBy('other.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  async firstResponseTarget(workspaceId: string) {
    const row = await this.db
      .selectFrom('workspaces')
      .select('first_response_target_ms')
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    return Number(row?.first_response_target_ms ?? 5 * 60_000);
  }
}
