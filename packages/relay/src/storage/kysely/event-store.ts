/**
 * The conversation log over Kysely. `append` is the hot path: a whole batch of sends is
 * committed in one transaction (group commit), and each entry takes its conversation's next seq
 * by incrementing `last_seq` on the conversation row, which also serialises concurrent writers
 * to one conversation on databases with row locks.
 */
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { ConversationsTable, Database } from '../database-schema.js';
import type { EventStore } from '../storage.js';
import type { AppendInput, AppendResult } from '../records.js';
import { toEvent } from './row-mappers.js';
import { isVisitorRecord, visitorRecordChanges, visitorRecordData } from './visitor-records.js';

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

/** How an entry changes its conversation's row besides taking the next seq. */
function conversationChanges(input: AppendInput): Updateable<ConversationsTable> {
  const body = input.body;
  switch (body.kind) {
    case 'message':
      return {
        last_message: JSON.stringify({ text: body.text.slice(0, 500), at: input.at, authorKind: input.author.kind }),
        ...(input.author.kind === 'agent' ? { agent_replied_at: input.at } : {}),
      };
    case 'note':
      return {};
    case 'status':
      // Callback progress and the CSAT request are log entries, not changes of the case's status.
      if (body.change === 'callback_taken' || body.change === 'callback_done' || body.change === 'csat_requested') return {};
      return { status: body.status, ...(body.change === 'escalated' ? { escalated_at: input.at } : {}) };
    case 'profile':
    case 'callback':
    case 'csat':
      return visitorRecordChanges(body, input.at);
  }
}

export async function appendOne(
  trx: Transaction<Database>,
  input: AppendInput,
  extraChanges: Updateable<ConversationsTable> = {},
): Promise<AppendResult> {
  if (input.clientId !== null && input.author.id !== null) {
    const existing = await trx
      .selectFrom('events')
      .selectAll()
      .where('conversation_id', '=', input.conversationId)
      .where('author_id', '=', input.author.id)
      .where('client_id', '=', input.clientId)
      .executeTakeFirst();
    if (existing) {
      // Only hand a stored event back to a caller of the same workspace.
      if (existing.workspace_id !== input.workspaceId) return { ok: false, reason: 'conversation-not-found' };
      return { ok: true, event: toEvent(existing), duplicate: true };
    }
  }

  let update = trx
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), updated_at: input.at, ...conversationChanges(input), ...extraChanges }))
    .where('id', '=', input.conversationId)
    .where('workspace_id', '=', input.workspaceId);
  const guard = input.onlyIfAssigneeIs;
  if (guard !== undefined) {
    update = update.where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '=', guard)]));
  }
  const updated = await update.returning('last_seq').executeTakeFirst();
  if (!updated) {
    if (guard === undefined) return { ok: false, reason: 'conversation-not-found' };
    const exists = await trx
      .selectFrom('conversations')
      .select('id')
      .where('id', '=', input.conversationId)
      .where('workspace_id', '=', input.workspaceId)
      .executeTakeFirst();
    return { ok: false, reason: exists ? 'not-assignee' : 'conversation-not-found' };
  }

  const body = input.body;
  const row = {
    conversation_id: input.conversationId,
    seq: Number(updated.last_seq),
    workspace_id: input.workspaceId,
    kind: body.kind,
    author_kind: input.author.kind,
    author_id: input.author.id,
    author: JSON.stringify(input.author),
    client_id: input.clientId,
    body: body.kind === 'status' || isVisitorRecord(body) ? null : body.text,
    data: isVisitorRecord(body)
      ? visitorRecordData(body)
      : body.kind === 'status'
        ? JSON.stringify({
            change: body.change,
            status: body.status,
            assignee: body.assignee,
            team: body.team ?? null,
            note: body.note ?? null,
            ...(body.callback ? { callback: body.callback } : {}),
          })
        : body.kind === 'note'
          ? JSON.stringify(body.mentions)
          : null,
    created_at: input.at,
  };
  await trx.insertInto('events').values(row).execute();
  return { ok: true, event: toEvent(row), duplicate: false };
}
