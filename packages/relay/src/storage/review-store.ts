/**
 * Four-eyes review (issue 6) in storage: policies per scope, the agents in training, and the
 * drafts. A draft's status leaves `pending` only through `decide`, a conditional update that
 * one caller wins; the winner alone sends the reply, on any number of relay nodes.
 */
import type { ReviewRules, ReviewScope, ReviewTier } from '@eyelevel/shared';

export interface ReviewPolicy {
  scope: ReviewScope;
  /** The channel, team or site; '' for the workspace. */
  scopeId: string;
  rules: ReviewRules;
}

/**
 * `pending` until decided; a `superseded` draft waits for its author, who `resent` or `dropped`
 * it; `expired` when nobody decided within the workspace's draft lifetime.
 */
export type DraftStatus = 'pending' | 'approved' | 'rejected' | 'superseded' | 'expired' | 'resent' | 'dropped';

export interface Draft {
  workspaceId: string;
  conversationId: string;
  draftSeq: number;
  authorId: string;
  text: string;
  status: DraftStatus;
  reviewerId: string | null;
  /** The text sent: the reviewer's edit, or the draft's own. */
  finalText: string | null;
  note: string | null;
  createdAt: number;
  decidedAt: number | null;
  tier: ReviewTier;
  /** Null for drafts written before drafts expired (migration 0012): they never do. */
  expiresAt: number | null;
}

export type NewDraft = Pick<Draft, 'workspaceId' | 'conversationId' | 'draftSeq' | 'authorId' | 'text' | 'createdAt' | 'tier' | 'expiresAt'>;

export interface ReviewStore {
  /** Sets a scope's policy; null removes it (nothing caught at that scope). */
  setPolicy(workspaceId: string, scope: ReviewScope, scopeId: string, rules: ReviewRules | null, at: number): Promise<void>;
  policies(workspaceId: string): Promise<ReviewPolicy[]>;
  setTraining(workspaceId: string, agentId: string, inTraining: boolean, at: number): Promise<void>;
  isInTraining(workspaceId: string, agentId: string): Promise<boolean>;
  /** Records a draft as pending; a second call for the same seq changes nothing. */
  recordDraft(draft: NewDraft): Promise<void>;
  getDraft(workspaceId: string, conversationId: string, draftSeq: number): Promise<Draft | null>;
  /** Moves a pending draft to `to`; false when it was no longer pending (someone else decided). */
  decide(
    workspaceId: string,
    conversationId: string,
    draftSeq: number,
    to: 'approved' | 'rejected' | 'superseded' | 'expired',
    decision: { reviewerId: string | null; finalText: string | null; note: string | null; at: number },
  ): Promise<boolean>;
  /** Drafts waiting for a reviewer, oldest first (the review queue). */
  pending(workspaceId: string, limit: number): Promise<Draft[]>;
  /** The agents flagged as in training, and since when (the admin API lists them). */
  trainees(workspaceId: string): Promise<Array<{ agentId: string; since: number }>>;
  /** A pending first-tier draft goes to the leads; false when it was not pending or already there. */
  escalate(workspaceId: string, conversationId: string, draftSeq: number): Promise<boolean>;
  /** Moves a draft from one status to another (the author's answer to a supersede); false if it was not `from`. */
  transition(workspaceId: string, conversationId: string, draftSeq: number, from: DraftStatus, to: DraftStatus, at: number): Promise<boolean>;
  /** Pending drafts of one conversation written before `beforeSeq` (an answer that supersedes them). */
  pendingBefore(workspaceId: string, conversationId: string, beforeSeq: number): Promise<Draft[]>;
  /**
   * Pending drafts past their expiry, of every workspace, oldest first: the sweep each node
   * runs; `decide` picks the one node that expires each.
   */
  dueForExpiry(now: number, limit: number): Promise<Draft[]>;
}
