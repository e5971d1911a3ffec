/**
 * "How long has the visitor been waiting": the time of the oldest visitor message written after
 * the last agent reply, read from the log as a correlated subquery. Deriving it from the log
 * rather than keeping a column means the commit path (event-store) writes nothing extra for it;
 * only queue reads pay, and each scans just its own conversation's events by primary key.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../database-schema.js';

export function waitingSince(eb: ExpressionBuilder<Database, 'conversations'>) {
  return eb
    .selectFrom('events as waiting')
    .select(sql<number | null>`min(waiting.created_at)`.as('at'))
    .whereRef('waiting.conversation_id', '=', 'conversations.id')
    .where('waiting.kind', '=', 'message')
    .where('waiting.author_kind', '=', 'visitor')
    .where(sql<boolean>`waiting.created_at > coalesce(conversations.agent_replied_at, -1)`)
    .as('waiting_since');
}
