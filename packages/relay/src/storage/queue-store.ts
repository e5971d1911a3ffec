/**
 * The storage contract for the queue's states beyond assignment (issue 4): pending, snoozed and
 * woken conversations, priorities, and a visitor's earlier conversations. Its own interface
 * beside `storage.ts` so routing's and the queue's contracts stay small.
 */
import type { Author, ConversationEvent, ConversationStatus, Priority } from '@eyelevel/shared';

/** One change of a conversation's queue state, written as a status event in its log. */
export interface QueueStateChange {
  workspaceId: string;
  conversationId: string;
  actor: Author;
  clientId: string | null;
  at: number;
  change: 'pending' | 'snoozed' | 'woke' | 'prioritized' | 'reopened';
  /** The status afterwards; null keeps the current one (a priority change). */
  status: ConversationStatus | null;
  snoozedUntil?: number;
  priority?: Priority;
  /** Collision rule: only if unassigned or assigned to this agent. */
  onlyIfAssigneeIs?: string;
  /** Only from one of these statuses. */
  onlyIfStatusIn?: ConversationStatus[];
  /** Only if it is snoozed until this time or earlier (the wake-up sweep). */
  onlyIfSnoozedBy?: number;
}

export type QueueStateResult =
  | { ok: true; event: ConversationEvent; duplicate: boolean }
  | { ok: false; reason: 'conversation-not-found' | 'not-assignee' | 'wrong-status' };

export interface QueueStore {
  setState(change: QueueStateChange): Promise<QueueStateResult>;
  /** Snoozed conversations whose time has come, oldest first, across workspaces. */
  dueSnoozed(now: number, limit: number): Promise<Array<{ workspaceId: string; conversationId: string }>>;
  /** Ids of the other conversations of this conversation's visitor, newest first. */
  history(workspaceId: string, conversationId: string, limit: number): Promise<string[]>;
  /** How soon a visitor should get a first answer in this workspace. */
  firstResponseTarget(workspaceId: string): Promise<number>;
}
