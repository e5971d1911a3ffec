/**
 * Moderation's storage contract (issue 6): each action's log entry and its audit row are written
 * in one transaction, together with the block it sets or lifts or the escalation it decides, so
 * an action is never in the log without its audit row or the other way round. The audit log has
 * no update or delete here (and the database refuses both).
 */
import type { AgentRole, AuditAction, AuditPage, AuditQuery, AuditTargetKind, ConversationEvent, WarnTemplate } from '@eyelevel/shared';
import type { AppendInput } from './records.js';

export interface NewAuditEntry {
  workspaceId: string;
  at: number;
  actor: { id: string; name: string; initials: string; role: AgentRole };
  action: AuditAction;
  target: { kind: AuditTargetKind; id: string; seq: number | null };
  conversationId: string | null;
  reason: string;
}

export type BlockSubjectKind = 'visitor' | 'social_author';

export interface BlockRecord {
  workspaceId: string;
  subjectKind: BlockSubjectKind;
  subjectId: string;
  /** Where it was set; a blocked author's posts outside any known thread are held here. */
  conversationId: string;
  reason: string;
  actorId: string;
  createdAt: number;
}

export interface ModerationRecord {
  /** The log entry the action writes; null when it writes none (its audit row only). */
  entry: AppendInput | null;
  audit: NewAuditEntry;
  /** Block the subject (refused when already blocked) or lift the block (refused when none). */
  block?: { set: BlockRecord } | { clear: { kind: BlockSubjectKind; id: string } };
  /** Decide the conversation's open escalation (refused when none waits); sets its time. */
  decide?: boolean;
}

export type ModerationResult =
  | { ok: true; event: ConversationEvent | null; duplicate: boolean }
  | { ok: false; reason: 'conversation-not-found' | 'not-assignee' | 'already-blocked' | 'not-blocked' | 'not-escalated' };

export interface ModerationStore {
  record(record: ModerationRecord): Promise<ModerationResult>;
  /** Adds an audit row by itself (an action whose log entry went through another path). */
  audit(entry: NewAuditEntry & { entrySeq: number | null }): Promise<void>;
  blockOf(workspaceId: string, kind: BlockSubjectKind, subjectId: string): Promise<BlockRecord | null>;
  /** Every blocked subject's id in the workspace (visitor ids: a social author is a visitor too). */
  blockedIds(workspaceId: string): Promise<string[]>;
  /** Newest first; `next` pages back. */
  searchAudit(workspaceId: string, query: AuditQuery): Promise<AuditPage>;
  /** The workspace's own templates, or null when it has not written any (then the defaults apply). */
  warnTemplates(workspaceId: string): Promise<WarnTemplate[] | null>;
  setWarnTemplates(workspaceId: string, templates: WarnTemplate[], at: number): Promise<void>;
}
