/**
 * "Does this case wait for a reviewer" (issue 6): pending drafts of a conversation, all and
 * lead-tier, counted as correlated subqueries for queue rows (the drafts' primary key starts
 * with the conversation), so the console's "Needs review" works without loading logs.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../database-schema.js';

export function pendingDrafts(eb: ExpressionBuilder<Database, 'conversations'>) {
  return eb
    .selectFrom('review_drafts as draft')
    .select(sql<number>`count(*)`.as('n'))
    .whereRef('draft.conversation_id', '=', 'conversations.id')
    .where('draft.status', '=', 'pending')
    .as('pending_drafts');
}

export function pendingLeadDrafts(eb: ExpressionBuilder<Database, 'conversations'>) {
  return eb
    .selectFrom('review_drafts as draft')
    .select(sql<number>`count(*)`.as('n'))
    .whereRef('draft.conversation_id', '=', 'conversations.id')
    .where('draft.status', '=', 'pending')
    .where('draft.tier', '=', 'lead')
    .as('pending_lead_drafts');
}
