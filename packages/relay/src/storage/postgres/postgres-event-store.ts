/**
 * Appends on Postgres, a whole batch in a fixed number of statements (issue 7: at least 20,000
 * persisted messages/s per node with batched commits). Entry by entry, as `appendOne` does it,
 * costs three round trips per message; here a batch of any size costs five:
 *
 * 1. lock the batch's conversations, in id order (`FOR UPDATE`: two nodes' batches queue up
 *    instead of deadlocking), and read their seq, workspace and assignee;
 * 2. look up the batch's idempotency keys among stored events — after the locks, so a copy
 *    another node committed is seen, and none can be committed meanwhile;
 * 3. decide each entry in array order, as `appendOne` would: duplicate, refused, or the next seq;
 * 4. move every conversation row at once (`UPDATE … FROM unnest(…)`);
 * 5. insert every event at once.
 *
 * What an entry means (its row, the conversation changes, its key and guard) still comes from
 * `planAppend`, shared with the SQLite worker and `appendOne`.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database-schema.js';
import type { EventStore } from '../storage.js';
import type { AppendInput, AppendResult } from '../records.js';
import { planAppend } from '../kysely/append-plan.js';
import { KyselyEventStore } from '../kysely/event-store.js';
import { toEvent } from '../kysely/row-mappers.js';
import { retryConflicts } from '../kysely/retryable.js';

/** Conversation columns a plan may change that hold integers; every other one holds text. */
const BIGINT_COLUMNS = new Set(['updated_at', 'agent_replied_at', 'escalated_at', 'assigned_at', 'snoozed_until', 'visitor_read_seq', 'agent_read_seq']);
const INSERT_CHUNK = 2000;

interface Locked {
  workspaceId: string;
  assigneeId: string | null;
  lastSeq: number;
  changes: Record<string, unknown>;
  touched: boolean;
}

export class PostgresEventStore implements EventStore {
  private readonly reader: KyselyEventStore;

  constructor(private readonly db: Kysely<Database>) {
    this.reader = new KyselyEventStore(db);
  }

  read(workspaceId: string, conversationId: string, afterSeq: number, limit: number) {
    return this.reader.read(workspaceId, conversationId, afterSeq, limit);
  }

  async append(batch: AppendInput[]): Promise<AppendResult[]> {
    if (batch.length === 0) return [];
    // A deadlock with some other kind of transaction is still possible; the batch then runs again.
    return retryConflicts(() => this.db.transaction().execute((trx) => appendBatch(trx, batch)));
  }
}

async function appendBatch(trx: Transaction<Database>, batch: AppendInput[]): Promise<AppendResult[]> {
  const plans = batch.map((input) => planAppend(input));
  const ids = [...new Set(plans.map((plan) => plan.conversationId))].sort();

  const lockedRows = await trx
    .selectFrom('conversations')
    .select(['id', 'workspace_id', 'assignee_id', 'last_seq'])
    .where(sql<boolean>`id = any(${ids}::text[])`)
    .orderBy('id')
    .forUpdate()
    .execute();
  const locked = new Map<string, Locked>(
    lockedRows.map((row) => [row.id, { workspaceId: row.workspace_id, assigneeId: row.assignee_id, lastSeq: Number(row.last_seq), changes: {}, touched: false }]),
  );

  const keyOf = (conversationId: string, authorId: string, clientId: string) => `${conversationId}\u0000${authorId}\u0000${clientId}`;
  const keyed = plans.flatMap((plan) => (plan.dedupe ? [{ c: plan.conversationId, ...plan.dedupe }] : []));
  const stored = new Map<string, Record<string, unknown>>();
  if (keyed.length > 0) {
    const found = await sql<Record<string, unknown>>`
      select e.* from events e
      join unnest(${keyed.map((k) => k.c)}::text[], ${keyed.map((k) => k.authorId)}::text[], ${keyed.map((k) => k.clientId)}::text[]) as k(c, a, i)
        on e.conversation_id = k.c and e.author_id = k.a and e.client_id = k.i`.execute(trx);
    for (const row of found.rows) stored.set(keyOf(String(row.conversation_id), String(row.author_id), String(row.client_id)), row);
  }

  const results: AppendResult[] = [];
  const firstInBatch = new Map<string, AppendResult>();
  const inserts: Array<Parameters<typeof toEvent>[0]> = [];
  for (const plan of plans) {
    const key = plan.dedupe ? keyOf(plan.conversationId, plan.dedupe.authorId, plan.dedupe.clientId) : null;
    const existing = key ? stored.get(key) : undefined;
    if (existing) {
      // Only hand a stored event back to a caller of the same workspace.
      results.push(
        existing.workspace_id !== plan.workspaceId
          ? { ok: false, reason: 'conversation-not-found' }
          : { ok: true, event: toEvent(existing as Parameters<typeof toEvent>[0]), duplicate: true },
      );
      continue;
    }
    const earlier = key ? firstInBatch.get(key) : undefined;
    if (earlier?.ok) {
      results.push({ ...earlier, duplicate: true });
      continue;
    }
    const conversation = locked.get(plan.conversationId);
    if (!conversation || conversation.workspaceId !== plan.workspaceId) {
      results.push({ ok: false, reason: 'conversation-not-found' });
      continue;
    }
    const guard = plan.guardAssigneeId;
    if (guard !== null && conversation.assigneeId !== null && conversation.assigneeId !== guard) {
      results.push({ ok: false, reason: 'not-assignee' });
      continue;
    }
    conversation.lastSeq += 1;
    conversation.touched = true;
    Object.assign(conversation.changes, plan.changes);
    const row = { ...plan.row, seq: conversation.lastSeq };
    inserts.push(row);
    const result: AppendResult = { ok: true, event: toEvent(row), duplicate: false };
    if (key) firstInBatch.set(key, result);
    results.push(result);
  }

  await moveConversations(trx, locked);
  await insertEvents(trx, inserts);
  return results;
}

/** The events table's columns and their types, for inserting a batch from arrays. */
const EVENT_COLUMNS = [
  ['conversation_id', 'text'],
  ['seq', 'bigint'],
  ['workspace_id', 'text'],
  ['kind', 'text'],
  ['author_kind', 'text'],
  ['author_id', 'text'],
  ['author', 'text'],
  ['client_id', 'text'],
  ['body', 'text'],
  ['data', 'text'],
  ['created_at', 'bigint'],
] as const;

/**
 * One INSERT … SELECT FROM unnest(…) per chunk: eleven array parameters instead of eleven per
 * row, which the driver would otherwise serialise and the server parse one by one.
 */
async function insertEvents(trx: Transaction<Database>, rows: Array<Parameters<typeof toEvent>[0]>): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const arrays = EVENT_COLUMNS.map(([column, type]) => sql`${chunk.map((row) => row[column])}::${sql.raw(type)}[]`);
    await sql`
      insert into events (${sql.join(EVENT_COLUMNS.map(([column]) => sql.id(column)))})
      select * from unnest(${sql.join(arrays)})`.execute(trx);
  }
}

/** One UPDATE for every touched conversation: its new last_seq and the columns its entries set. */
async function moveConversations(trx: Transaction<Database>, locked: Map<string, Locked>): Promise<void> {
  const touched = [...locked.entries()].filter(([, conversation]) => conversation.touched);
  if (touched.length === 0) return;
  const columns = [...new Set(touched.flatMap(([, conversation]) => Object.keys(conversation.changes)))];
  for (const column of columns) {
    if (!/^[a-z_]+$/.test(column)) throw new Error(`unexpected conversation column ${column}`);
  }
  const arrays = [
    sql`${touched.map(([id]) => id)}::text[]`,
    sql`${touched.map(([, c]) => c.lastSeq)}::bigint[]`,
    ...columns.flatMap((column) => {
      const type = BIGINT_COLUMNS.has(column) ? 'bigint' : 'text';
      return [
        sql`${touched.map(([, c]) => (column in c.changes ? (c.changes[column] ?? null) : null))}::${sql.raw(type)}[]`,
        sql`${touched.map(([, c]) => column in c.changes)}::boolean[]`,
      ];
    }),
  ];
  const names = ['id', 'last_seq', ...columns.flatMap((column) => [`v_${column}`, `has_${column}`])];
  const sets = [
    sql`last_seq = v.last_seq`,
    ...columns.map((column) => sql`${sql.id(column)} = case when v.${sql.id(`has_${column}`)} then v.${sql.id(`v_${column}`)} else c.${sql.id(column)} end`),
  ];
  await sql`
    update conversations as c set ${sql.join(sets)}
    from unnest(${sql.join(arrays)}) as v(${sql.join(names.map((name) => sql.id(name)))})
    where c.id = v.id`.execute(trx);
}
