/**
 * The conversation log over Kysely. `append` is the hot path: a whole batch of sends is
 * committed in one transaction (group commit), and each entry takes its conversation's next seq
 * by incrementing `last_seq` on the conversation row, which also serialises concurrent writers
 * to one conversation on databases with row locks.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database-schema.js';
import type { EventStore } from '../storage.js';
import type { AppendInput, AppendResult } from '../records.js';
import { toEvent } from './row-mappers.js';
import { planAppend, type AppendPlan } from './append-plan.js';

export class KyselyEventStore implements EventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(batch: AppendInput[]): Promise<AppendResult[]> {
    if (batch.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const results: AppendResult[] = [];
      for (const input of batch) results.push(await appendOne(trx, input));
      return results;
    });
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
    return rows.map(toEvent);
  }
}

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
