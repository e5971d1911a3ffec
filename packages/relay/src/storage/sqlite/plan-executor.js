// @ts-check
/**
 * Executes append plans (../kysely/append-plan.ts) and groups of new rows (../kysely/new-rows.ts)
 * on one better-sqlite3 connection, each request in one `begin immediate` transaction. The
 * append worker runs it on its own thread, and the inline committer (inline-committer.ts) on the
 * event loop, so both commit with exactly the same statements.
 *
 * Plain JavaScript, type-checked by tsc, because the worker thread loads it as it is (see
 * append-worker.js). It carries no domain rules: the plan says what to write, and this file only
 * executes it, with the same SQL the Kysely executor (`appendOne`) builds.
 */

/** @typedef {import('../kysely/append-plan.js').AppendPlan} AppendPlan */
/** @typedef {import('./append-worker-protocol.js').PlanResult} PlanResult */
/** @typedef {import('./append-worker-protocol.js').EventRow} EventRow */
/** @typedef {import('./append-worker-protocol.js').InsertResult} InsertResult */
/** @typedef {import('../kysely/new-rows.js').NewRow} NewRow */
/** @typedef {import('better-sqlite3').Database} Connection */
/** @typedef {import('better-sqlite3').Statement} Statement */

/** Only the tables a store hands over (kysely/new-rows.ts), never a name from input. */
const INSERTABLE_TABLES = new Set(['conversations', 'events']);

/** Column names come from the relay's own code, never from input; still, only plain names pass. */
/** @param {string} name */
function column(name) {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`unexpected column name ${name}`);
  return `"${name}"`;
}

/**
 * @param {Connection} db
 * @returns {{ commitPlans(plans: AppendPlan[]): PlanResult[]; insertEach(groups: NewRow[][]): InsertResult[] }}
 */
export function createPlanExecutor(db) {
  /** @type {Map<string, Statement>} */
  const statements = new Map();
  /** @param {string} sql */
  function statement(sql) {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * A plan's statements depend only on which columns it sets and whether it is guarded, and a
   * busy relay sends a handful of shapes thousands of times a second: the SQL is built once per
   * shape.
   * @type {Map<string, { update: Statement; insert: Statement }>}
   */
  const shapes = new Map();
  /**
   * @param {string[]} changed
   * @param {boolean} guarded
   * @param {string[]} inserted
   */
  function statementsFor(changed, guarded, inserted) {
    const key = `${changed.join(',')}|${guarded}|${inserted.join(',')}`;
    let found = shapes.get(key);
    if (!found) {
      found = {
        update: statement(
          `update "conversations" set "last_seq" = "last_seq" + 1${changed.map((name) => `, ${column(name)} = ?`).join('')}` +
            ' where "id" = ? and "workspace_id" = ?' +
            (guarded ? ' and ("assignee_id" is null or "assignee_id" = ?)' : '') +
            ' returning "last_seq"',
        ),
        insert: statement(`insert into "events" (${inserted.map(column).join(', ')}, "seq") values (${inserted.map(() => '?').join(', ')}, ?)`),
      };
      shapes.set(key, found);
    }
    return found;
  }

  /**
   * @param {AppendPlan} plan
   * @returns {PlanResult}
   */
  function execute(plan) {
    if (plan.dedupe) {
      const existing = statement(
        'select * from "events" where "conversation_id" = ? and "author_id" = ? and "client_id" = ?',
      ).get(plan.conversationId, plan.dedupe.authorId, plan.dedupe.clientId);
      if (existing) {
        const row = /** @type {EventRow} */ (existing);
        // Only hand a stored event back to a caller of the same workspace.
        if (row.workspace_id !== plan.workspaceId) return { ok: false, reason: 'conversation-not-found' };
        return { ok: true, row, duplicate: true };
      }
    }

    const changed = Object.keys(plan.changes);
    const guard = plan.guardAssigneeId;
    const { update, insert } = statementsFor(changed, guard !== null, Object.keys(plan.row));
    const params = [...Object.values(plan.changes), plan.conversationId, plan.workspaceId];
    if (guard !== null) params.push(guard);
    const updated = /** @type {{ last_seq: number } | undefined} */ (update.get(...params));
    if (!updated) {
      if (guard === null) return { ok: false, reason: 'conversation-not-found' };
      const exists = statement('select "id" from "conversations" where "id" = ? and "workspace_id" = ?').get(
        plan.conversationId,
        plan.workspaceId,
      );
      return { ok: false, reason: exists ? 'not-assignee' : 'conversation-not-found' };
    }

    const seq = Number(updated.last_seq);
    insert.run(...Object.values(plan.row), seq);
    return { ok: true, seq, duplicate: false };
  }

  /** @param {NewRow} newRow */
  function insertRow({ table, row }) {
    if (!INSERTABLE_TABLES.has(table)) throw new Error(`unexpected table ${table}`);
    const names = Object.keys(row);
    statement(`insert into "${table}" (${names.map(column).join(', ')}) values (${names.map(() => '?').join(', ')})`).run(
      ...Object.values(row),
    );
  }

  // `immediate` takes the write lock up front, so a transaction never reads a snapshot another
  // writer moves on before it writes.
  const commit = db.transaction(/** @param {AppendPlan[]} plans */ (plans) => plans.map(execute));
  const insertGroups = db.transaction(/** @param {NewRow[][]} groups */ (groups) => groups.forEach((group) => group.forEach(insertRow)));

  /**
   * All groups in one transaction; if that fails, each group on its own, so one group's error
   * (a broken reference, say) is its caller's alone.
   * @param {NewRow[][]} groups
   * @returns {InsertResult[]}
   */
  function insertEach(groups) {
    try {
      insertGroups.immediate(groups);
      return groups.map(() => null);
    } catch (error) {
      if (groups.length === 1) return [error instanceof Error ? error.message : String(error)];
      return groups.map((group) => insertEach([group])[0] ?? null);
    }
  }

  return { commitPlans: (plans) => commit.immediate(plans), insertEach };
}
