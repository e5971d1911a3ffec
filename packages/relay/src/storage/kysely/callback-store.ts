/**
 * Callback tasks over Kysely. Each step appends its log entry with the event store's own
 * `appendOne` inside this store's transaction (as the routing store does for assignments), so
 * the entry and the task row commit together; the task's key is the seq of the request entry.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CallbackOutcome, ConversationStatus, StatusChange } from '@eyelevel/shared';
import type { Database } from '../database-schema.js';
import type { CallbackRequest, CallbackStep, CallbackStepResult, CallbackStore } from '../callback-store.js';
import type { AppendResult } from '../records.js';
import { appendOne } from './event-store.js';
import { toEvent } from './row-mappers.js';
import { retryConflicts } from './retryable.js';

/** Rolls a step back with the reason it was refused. */
class Refused extends Error {
  constructor(readonly result: CallbackStepResult) {
    super('refused');
  }
}

export class KyselyCallbackStore implements CallbackStore {
  constructor(private readonly db: Kysely<Database>) {}

  async request(input: CallbackRequest): Promise<AppendResult> {
    // A retried request racing its first copy on another node runs again and finds that copy.
    return retryConflicts(() => this.db.transaction().execute(async (trx) => {
      const result = await appendOne(trx, {
        workspaceId: input.workspaceId,
        conversationId: input.conversationId,
        author: input.author,
        clientId: input.clientId,
        at: input.at,
        body: { kind: 'callback', phone: input.phone, preferredTime: input.preferredTime, note: input.note },
      });
      if (result.ok && !result.duplicate) {
        await trx
          .insertInto('callback_tasks')
          .values({
            conversation_id: input.conversationId,
            request_seq: result.event.seq,
            workspace_id: input.workspaceId,
            phone: input.phone,
            preferred_time: input.preferredTime,
            note: input.note,
            status: 'open',
            taken_by: null,
            outcome: null,
            created_at: input.at,
            updated_at: input.at,
          })
          .execute();
      }
      return result;
    }));
  }

  async take(input: CallbackStep): Promise<CallbackStepResult> {
    return this.step(input, 'callback_taken', null, null, async (trx, task) => {
      if (task.status === 'done') throw new Refused({ ok: false, reason: 'already-done' });
      if (task.status === 'taken') throw new Refused({ ok: false, reason: 'taken-by-someone-else' });
      await this.move(trx, input, ['open'], { status: 'taken', taken_by: input.agent.id, updated_at: input.at });
    });
  }

  async finish(input: CallbackStep & { outcome: CallbackOutcome; note: string | null; overrule: boolean }) {
    return this.step(input, 'callback_done', input.outcome, input.note, async (trx, task) => {
      if (task.status === 'done') throw new Refused({ ok: false, reason: 'already-done' });
      if (task.status === 'taken' && task.taken_by !== input.agent.id && !input.overrule) {
        throw new Refused({ ok: false, reason: 'taken-by-someone-else' });
      }
      await this.move(trx, input, ['open', 'taken'], {
        status: 'done',
        taken_by: task.taken_by ?? input.agent.id,
        outcome: input.outcome,
        updated_at: input.at,
      });
    });
  }

  /** Shared shape of take and finish: duplicate check, task lookup, task change, log entry. */
  private async step(
    input: CallbackStep,
    change: Extract<StatusChange, 'callback_taken' | 'callback_done'>,
    outcome: CallbackOutcome | null,
    note: string | null,
    changeTask: (trx: Transaction<Database>, task: { status: string; taken_by: string | null }) => Promise<void>,
  ): Promise<CallbackStepResult> {
    try {
      return await retryConflicts(() => this.db.transaction().execute(async (trx) => {
        // A retry of a step that was stored: hand back its entry, change nothing.
        const earlier = await trx
          .selectFrom('events')
          .selectAll()
          .where('conversation_id', '=', input.conversationId)
          .where('author_id', '=', input.agent.id)
          .where('client_id', '=', input.clientId)
          .where('workspace_id', '=', input.workspaceId)
          .executeTakeFirst();
        if (earlier) return { ok: true as const, event: toEvent(earlier), duplicate: true };
        const task = await trx
          .selectFrom('callback_tasks')
          .innerJoin('conversations', 'conversations.id', 'callback_tasks.conversation_id')
          .select(['callback_tasks.status', 'callback_tasks.taken_by', 'conversations.status as conversation_status'])
          .where('callback_tasks.conversation_id', '=', input.conversationId)
          .where('callback_tasks.request_seq', '=', input.requestSeq)
          .where('callback_tasks.workspace_id', '=', input.workspaceId)
          .executeTakeFirst();
        if (!task) throw new Refused({ ok: false, reason: 'no-such-task' });
        await changeTask(trx, task);
        const result = await appendOne(trx, {
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          author: input.agent,
          clientId: input.clientId,
          at: input.at,
          body: {
            kind: 'status',
            change,
            status: task.conversation_status as ConversationStatus,
            assignee: null,
            note,
            callback: { requestSeq: input.requestSeq, outcome },
          },
        });
        if (!result.ok) throw new Refused(result);
        return result;
      }));
    } catch (error) {
      if (error instanceof Refused) return error.result;
      throw error;
    }
  }

  /** Conditional move of the task row: if another node moved it first, this step is refused. */
  private async move(
    trx: Transaction<Database>,
    input: CallbackStep,
    from: string[],
    values: { status: string; taken_by: string; outcome?: string; updated_at: number },
  ): Promise<void> {
    const moved = await trx
      .updateTable('callback_tasks')
      .set(values)
      .where('conversation_id', '=', input.conversationId)
      .where('request_seq', '=', input.requestSeq)
      .where('workspace_id', '=', input.workspaceId)
      .where('status', 'in', from)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new Refused({ ok: false, reason: 'taken-by-someone-else' });
  }
}
