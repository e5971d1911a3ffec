/**
 * Review policies, trainees and drafts over Kysely (issue 6). `decide` is one UPDATE … WHERE
 * status = 'pending': the database decides which of two simultaneous reviewers wins (Postgres
 * re-checks the condition on the row it locked, SQLite has one writer), so no lock is held
 * across the platform call.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ReviewRules, ReviewScope, ReviewTier } from '@eyelevel/shared';
import type { Database } from '../database-schema.js';
import type { ReviewDraftsTable } from '../review-tables.js';
import type { Draft, DraftStatus, NewDraft, ReviewPolicy, ReviewStore } from '../review-store.js';

export class KyselyReviewStore implements ReviewStore {
  constructor(private readonly db: Kysely<Database>) {}

  async setPolicy(workspaceId: string, scope: ReviewScope, scopeId: string, rules: ReviewRules | null, at: number) {
    if (rules === null) {
      await this.db
        .deleteFrom('review_policies')
        .where('workspace_id', '=', workspaceId)
        .where('scope', '=', scope)
        .where('scope_id', '=', scopeId)
        .execute();
      return;
    }
    await this.db
      .insertInto('review_policies')
      .values({ workspace_id: workspaceId, scope, scope_id: scopeId, rules: JSON.stringify(rules), updated_at: at })
      .onConflict((oc) => oc.columns(['workspace_id', 'scope', 'scope_id']).doUpdateSet({ rules: JSON.stringify(rules), updated_at: at }))
      .execute();
  }

  async policies(workspaceId: string): Promise<ReviewPolicy[]> {
    const rows = await this.db.selectFrom('review_policies').selectAll().where('workspace_id', '=', workspaceId).execute();
    return rows.map((row) => ({ scope: row.scope as ReviewScope, scopeId: row.scope_id, rules: JSON.parse(row.rules) as ReviewRules }));
  }

  async setTraining(workspaceId: string, agentId: string, inTraining: boolean, at: number) {
    if (!inTraining) {
      await this.db.deleteFrom('agent_training').where('workspace_id', '=', workspaceId).where('agent_id', '=', agentId).execute();
      return;
    }
    await this.db
      .insertInto('agent_training')
      .values({ workspace_id: workspaceId, agent_id: agentId, since: at })
      .onConflict((oc) => oc.columns(['workspace_id', 'agent_id']).doNothing())
      .execute();
  }

  async isInTraining(workspaceId: string, agentId: string) {
    const row = await this.db
      .selectFrom('agent_training')
      .select('agent_id')
      .where('workspace_id', '=', workspaceId)
      .where('agent_id', '=', agentId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async recordDraft(draft: NewDraft) {
    await this.db
      .insertInto('review_drafts')
      .values({
        conversation_id: draft.conversationId,
        draft_seq: draft.draftSeq,
        workspace_id: draft.workspaceId,
        author_id: draft.authorId,
        text: draft.text,
        status: 'pending',
        reviewer_id: null,
        final_text: null,
        note: null,
        created_at: draft.createdAt,
        decided_at: null,
        tier: draft.tier,
        expires_at: draft.expiresAt,
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'draft_seq']).doNothing())
      .execute();
  }

  async getDraft(workspaceId: string, conversationId: string, draftSeq: number) {
    const row = await this.db
      .selectFrom('review_drafts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('draft_seq', '=', draftSeq)
      .executeTakeFirst();
    return row ? toDraft(row) : null;
  }

  async decide(
    workspaceId: string,
    conversationId: string,
    draftSeq: number,
    to: 'approved' | 'rejected' | 'superseded' | 'expired',
    decision: { reviewerId: string | null; finalText: string | null; note: string | null; at: number },
  ) {
    const result = await this.db
      .updateTable('review_drafts')
      .set({ status: to, reviewer_id: decision.reviewerId, final_text: decision.finalText, note: decision.note, decided_at: decision.at })
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('draft_seq', '=', draftSeq)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async pending(workspaceId: string, limit: number) {
    const rows = await this.db
      .selectFrom('review_drafts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'pending')
      .orderBy('created_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toDraft);
  }

  async trainees(workspaceId: string) {
    const rows = await this.db.selectFrom('agent_training').select(['agent_id', 'since']).where('workspace_id', '=', workspaceId).orderBy('since', 'asc').execute();
    return rows.map((row) => ({ agentId: row.agent_id, since: Number(row.since) }));
  }

  async escalate(workspaceId: string, conversationId: string, draftSeq: number) {
    const result = await this.db
      .updateTable('review_drafts')
      .set({ tier: 'lead' })
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('draft_seq', '=', draftSeq)
      .where('status', '=', 'pending')
      .where('tier', '=', 'colleague')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async transition(workspaceId: string, conversationId: string, draftSeq: number, from: DraftStatus, to: DraftStatus, at: number) {
    const result = await this.db
      .updateTable('review_drafts')
      .set({ status: to, decided_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('draft_seq', '=', draftSeq)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async pendingBefore(workspaceId: string, conversationId: string, beforeSeq: number) {
    const rows = await this.db
      .selectFrom('review_drafts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('draft_seq', '<', beforeSeq)
      .where('status', '=', 'pending')
      .orderBy('draft_seq', 'asc')
      .execute();
    return rows.map(toDraft);
  }

  async dueForExpiry(now: number, limit: number) {
    const rows = await this.db
      .selectFrom('review_drafts')
      .selectAll()
      .where('status', '=', 'pending')
      .where('expires_at', '<=', now)
      .orderBy('expires_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toDraft);
  }
}

function toDraft(row: Selectable<ReviewDraftsTable>): Draft {
  return {
    workspaceId: row.workspace_id,
    conversationId: row.conversation_id,
    draftSeq: Number(row.draft_seq),
    authorId: row.author_id,
    text: row.text,
    status: row.status as DraftStatus,
    reviewerId: row.reviewer_id,
    finalText: row.final_text,
    note: row.note,
    createdAt: Number(row.created_at),
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
    tier: row.tier === 'lead' ? 'lead' : ('colleague' satisfies ReviewTier),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}
