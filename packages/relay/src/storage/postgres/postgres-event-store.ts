/**
 * Appends on Postgres, a whole batch in a fixed number of statements (issue 7: at least 20,000
 * persisted messages/s per node with batched commits). Entry by entry, as `appendOne` does it,
 * costs three round trips per message; here a batch of any size costs two or three (plus BEGIN and COMMIT):
 *
 * 1. lock the batch's conversations, in id order (`FOR UPDATE`: two nodes' batches queue up
 *    instead of deadlocking), and read their seq, workspace and assignee;
 * 2. only when the batch ran into a stored copy (see `append`): look up the batch's idempotency
 *    keys among stored events — after the locks, so a copy another node committed is seen, and
 *    none can be committed meanwhile;
 * 3. decide each entry in array order, as `appendOne` would: duplicate, refused, or the next seq;
 * 4. move every conversation row and insert every event in one statement (an `UPDATE … FROM
 *    unnest(…)` as a CTE of an `INSERT … SELECT FROM json_to_recordset(…)`).
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
import { isUniqueViolation } from '../kysely/unique-violation.js';

/** Conversation columns a plan may change that hold integers; every other one holds text. */
const BIGINT_COLUMNS = new Set(['updated_at', 'agent_replied_at', 'escalated_at', 'escalation_decided_at', 'assigned_at', 'snoozed_until', 'visitor_read_seq', 'agent_read_seq']);

interface Locked {
  workspaceId: string;
  assigneeId: string | null;
  lastSeq: number;
  changes: Record<string, unknown>;
  touched: boolean;
}

export class PostgresEventStore implements EventStore {
  private readonly reader: KyselyEventStore;
  readonly concurrentBatches = 2;

  constructor(private readonly db: Kysely<Database>) {
    this.reader = new KyselyEventStore(db);
  }

  read(workspaceId: string, conversationId: string, afterSeq: number, limit: number) {
    return this.reader.read(workspaceId, conversationId, afterSeq, limit);
  }

  async append(batch: AppendInput[]): Promise<AppendResult[]> {
    if (batch.length === 0) return [];
    // Nearly every batch holds only new sends, so the first attempt does not look for earlier
    // copies: the unique index on client ids catches a retried send that was stored before, and
    // the batch then runs again, looking first. A deadlock with some other kind of transaction
    // is also possible; the batch then runs again too.
    let lookUpCopies = false;
    return retryConflicts(async () => {
      try {
        return await this.db.transaction().execute((trx) => appendBatch(trx, batch, lookUpCopies));
      } catch (error) {
        if (isUniqueViolation(error)) lookUpCopies = true;
        throw error;
      }
    });
  }
}

async function appendBatch(trx: Transaction<Database>, batch: AppendInput[], lookUpCopies: boolean): Promise<AppendResult[]> {
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
  if (lookUpCopies && keyed.length > 0) {
    const found = await sql<Record<string, unknown>>`
      select e.* from events e
      join unnest(${keyed.map((k) => k.c)}::text[], ${keyed.map((k) => k.authorId)}::text[], ${keyed.map((k) => k.clientId)}::text[]) as k(c, a, i)
        on e.conversation_id = k.c and e.author_id = k.a and e.client_id = k.i`.execute(trx);
    for (const row of found.rows) stored.set(keyOf(String(row.conversation_id), String(row.author_id), String(row.client_id)), row);
  }

  const results: AppendResult[] = [];
  const firstInBatch = new Map<string, AppendResult>();
  const inserts: Array<Parameters<typeof toEvent>[0]> = [];
  for (const [index, plan] of plans.entries()) {
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
    const result: AppendResult = { ok: true, event: toEvent(row, batch[index]!.author), duplicate: false };
    if (key) firstInBatch.set(key, result);
    results.push(result);
  }

  if (inserts.length > 0) await sql`with moved as (${moveConversations(locked)}) ${insertEvents(inserts)}`.execute(trx);
  return results;
}

/** The events table's columns and their types, for inserting a batch from JSON. */
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
 * INSERT … SELECT FROM json_to_recordset($1): the whole batch is one JSON parameter, which V8
 * serialises natively, instead of eleven arrays the driver escapes element by element in
 * JavaScript (that escaping was a quarter of the relay's CPU time on a batch).
 */
function insertEvents(rows: Array<Parameters<typeof toEvent>[0]>) {
  const columns = sql.join(EVENT_COLUMNS.map(([column]) => sql.id(column)));
  const types = sql.join(EVENT_COLUMNS.map(([column, type]) => sql`${sql.id(column)} ${sql.raw(type)}`));
  return sql`insert into events (${columns}) select ${columns} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${types})`;
}

/**
 * One UPDATE for every touched conversation: its new last_seq and the columns its entries set.
 * It runs as a CTE of the insert, so a batch's writes cost one statement.
 */
function moveConversations(locked: Map<string, Locked>) {
  const touched = [...locked.entries()].filter(([, conversation]) => conversation.touched);
  const columns = [...new Set(touched.flatMap(([, conversation]) => Object.keys(conversation.changes)))];
  for (const column of columns) {
    if (!/^[a-z_]+$/.test(column)) throw new Error(`unexpected conversation column ${column}`);
  }
  // A conversation's row names what its entries set: `v_x` the value, `has_x` whether to set it.
  const rows = touched.map(([id, conversation]) => {
    const row: Record<string, unknown> = { id, last_seq: conversation.lastSeq };
    for (const column of columns) {
      row[`v_${column}`] = conversation.changes[column] ?? null;
      row[`has_${column}`] = column in conversation.changes;
    }
    return row;
  });
  const types = [
    sql`id text, last_seq bigint`,
    ...columns.map((column) => sql`${sql.id(`v_${column}`)} ${sql.raw(BIGINT_COLUMNS.has(column) ? 'bigint' : 'text')}, ${sql.id(`has_${column}`)} boolean`),
  ];
  const sets = [
    sql`last_seq = v.last_seq`,
    ...columns.map((column) => sql`${sql.id(column)} = case when v.${sql.id(`has_${column}`)} then v.${sql.id(`v_${column}`)} else c.${sql.id(column)} end`),
  ];
  return sql`
    update conversations as c set ${sql.join(sets)}
    from json_to_recordset(${JSON.stringify(rows)}::json) as v(${sql.join(types)})
    where c.id = v.id`;
}
