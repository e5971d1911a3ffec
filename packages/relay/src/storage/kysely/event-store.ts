/**
 * The conversation log over Kysely. `append` is the hot path: a whole batch of sends is
 * committed in one transaction (group commit), and each entry takes its conversation's next seq
 * by incrementing `last_seq` on the conversation row, which also serialises concurrent writers
 * to one conversation on databases with row locks.
 *
 * On Postgres several nodes append at once. The row lock on the conversation holds until the
 * commit, so seqs are taken and become visible in order, without gaps (a rolled-back batch gives
 * its seqs back). Each batch locks its conversations in id order, so two nodes' batches never
 * wait on each other in a cycle; a batch that still loses a race (a deadlock with some other
 * transaction, or a retried client id that another node committed first) runs again and then
 * finds the other node's copy.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database-schema.js';
import type { EventStore } from '../storage.js';
import type { AppendInput, AppendResult } from '../records.js';
import { toEvent } from './row-mappers.js';
import { planAppend, type AppendPlan } from './append-plan.js';
import { retryConflicts } from './retryable.js';

export class KyselyEventStore implements EventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(batch: AppendInput[]): Promise<AppendResult[]> {
    if (batch.length === 0) return [];
    // Stable sort: entries of one conversation keep their order, so they keep their seq order.
    const order = batch.map((_, index) => index).sort((a, b) => compareIds(batch[a]!.conversationId, batch[b]!.conversationId) || a - b);
    return retryConflicts(() =>
      this.db.transaction().execute(async (trx) => {
        const results: AppendResult[] = new Array(batch.length);
        for (const index of order) results[index] = await appendOne(trx, batch[index]!);
        return results;
      }),
    );
  }

  async read(workspaceId: string, conversationId: string, afterSeq: number, limit: number) {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('workspace_id', '=', workspaceId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((row) => toEvent(row));
  }
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Appends one entry inside the caller's transaction (group commit, assignment changes). */
export async function appendOne(
  trx: Transaction<Database>,
  input: AppendInput,
  extraChanges: AppendPlan['changes'] = {},
): Promise<AppendResult> {
  const plan = planAppend(input, extraChanges);
  if (plan.dedupe) {
    const existing = await trx
      .selectFrom('events')
      .selectAll()
      .where('conversation_id', '=', plan.conversationId)
      .where('author_id', '=', plan.dedupe.authorId)
      .where('client_id', '=', plan.dedupe.clientId)
      .executeTakeFirst();
    if (existing) {
      // Only hand a stored event back to a caller of the same workspace.
      if (existing.workspace_id !== plan.workspaceId) return { ok: false, reason: 'conversation-not-found' };
      return { ok: true, event: toEvent(existing), duplicate: true };
    }
  }

  let update = trx
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), ...plan.changes }))
    .where('id', '=', plan.conversationId)
    .where('workspace_id', '=', plan.workspaceId);
  const guard = plan.guardAssigneeId;
  if (guard !== null) {
    update = update.where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '=', guard)]));
  }
  const updated = await update.returning('last_seq').executeTakeFirst();
  if (!updated) {
    if (guard === null) return { ok: false, reason: 'conversation-not-found' };
    const exists = await trx
      .selectFrom('conversations')
      .select('id')
      .where('id', '=', plan.conversationId)
      .where('workspace_id', '=', plan.workspaceId)
      .executeTakeFirst();
    return { ok: false, reason: exists ? 'not-assignee' : 'conversation-not-found' };
  }

  const row = { ...plan.row, seq: Number(updated.last_seq) };
  await trx.insertInto('events').values(row).execute();
  return { ok: true, event: toEvent(row), duplicate: false };
}
