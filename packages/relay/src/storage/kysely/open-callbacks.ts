/**
 * "Does this case have a callback to make": open and taken callback tasks of a conversation,
 * counted as a correlated subquery for queue rows (indexed by the task table's primary key).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../database-schema.js';

export function openCallbacks(eb: ExpressionBuilder<Database, 'conversations'>) {
  return eb
    .selectFrom('callback_tasks as task')
    .select(sql<number>`count(*)`.as('n'))
    .whereRef('task.conversation_id', '=', 'conversations.id')
    .where('task.status', '!=', 'done')
    .as('open_callbacks');
}
