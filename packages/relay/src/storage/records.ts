/**
 * What the storage layer hands to domain code: plain typed records, never raw rows, so the
 * domain does not know which database is underneath.
 */
import type {
  AgentRole,
  Author,
  BusinessHours,
  CallbackOutcome,
  PrechatSettings,
  ChannelKind,
  SocialAction,
  SocialContext,
  ReviewDecision,
  ModerationEntryAction,
  ReviewTier,
  ConversationEvent,
  ConversationStatus,
  Priority,
  StatusChange,
} from '@eyelevel/shared';

export interface Workspace {
  id: string;
  name: string;
  createdAt: number;
}

/**
 * The sites table's settings JSON. Shapes and limits come from `siteSettingsSchema` in shared,
 * which the admin API validates with; the identity secret is not here (its own column, never
 * sent anywhere after `createSite` returned it).
 */
export interface SiteSettings {
  /** Shown in the widget's header instead of the site's name. */
  title?: string;
  /** The pre-chat form (fields, required fields, topics, consent text and link); absent: none. */
  prechat?: PrechatSettings;
  /** IANA time zone and weekly open intervals; absent: always open, only presence decides. */
  businessHours?: BusinessHours;
}

export interface Site {
  id: string;
  workspaceId: string;
  publicKey: string;
  name: string;
  allowedOrigins: string[];
  settings: SiteSettings;
  createdAt: number;
}

export interface Agent {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  initials: string;
  avatarUrl: string | null;
  role: AgentRole;
  /** How many unresolved conversations the agent may hold at once (their quota). */
  capacity: number;
  createdAt: number;
}

export interface Visitor {
  id: string;
  workspaceId: string;
  siteId: string;
  name: string | null;
  email: string | null;
  /** The verified contact this visitor is; null for anonymous visitors (never set otherwise). */
  contactId: string | null;
  createdAt: number;
}

/** A user the host site vouched for, keyed by (workspace, the site's own user id). */
export interface Contact {
  id: string;
  workspaceId: string;
  externalId: string;
  name: string | null;
  email: string | null;
  verifiedBy: 'hash' | 'jwt';
}

/** The job a careers page attached to a conversation. */
export interface JobContext {
  id: string | null;
  title: string | null;
}

export interface PageContext {
  url?: string | undefined;
  title?: string | undefined;
  locale?: string | undefined;
}

export interface Conversation {
  id: string;
  workspaceId: string;
  siteId: string | null;
  visitor: { id: string; name: string | null; email: string | null };
  channel: ChannelKind;
  status: ConversationStatus;
  teamId: string | null;
  priority: Priority;
  assignee: Author | null;
  assignedAt: number | null;
  agentRepliedAt: number | null;
  escalatedAt: number | null;
  /** When a lead decided the current escalation (issue 6). */
  escalationDecidedAt?: number | null;
  /** While snoozed: when the conversation wakes. */
  snoozedUntil: number | null;
  /**
   * When the visitor's oldest unanswered message was written (null: nobody is waiting). Read
   * from the log for queue rows; absent where it was not computed.
   */
  waitingSince?: number | null;
  page: PageContext | null;
  /** The visitor's verified contact, or null while anonymous. */
  identity: { id: string; name: string | null; email: string | null; verifiedBy: 'hash' | 'jwt' } | null;
  job: JobContext | null;
  /** Pre-chat answers and consent (issue 3), copied from the log's `profile` entries. */
  prechat: { name: string | null; email: string | null; topic: string | null } | null;
  consent: { at: number; textVersion: string; text: string | null } | null;
  /** Callback tasks of this conversation not done yet. */
  openCallbacks: number;
  /** Drafts waiting for a reviewer (issue 6), and how many of them for a lead; read with the row. */
  pendingDrafts?: number;
  pendingLeadDrafts?: number;
  /** The visitor's latest rating (issue 3). */
  csat: { rating: number; comment: string | null; requestSeq: number; at: number } | null;
  /** Where a social conversation came from (issue 5); null for web chats. */
  social: SocialContext | null;
  lastSeq: number;
  lastMessage: { text: string; at: number; authorKind: string } | null;
  visitorReadSeq: number;
  agentReadSeq: number;
  createdAt: number;
  updatedAt: number;
}

/** What a new entry in a conversation's log says; the storage layer assigns its seq. */
export type EventBody =
  | { kind: 'message'; text: string }
  | {
      kind: 'status';
      change: StatusChange;
      status: ConversationStatus;
      assignee: Author | null;
      team?: { id: string; name: string } | null;
      note?: string | null;
      /** Callback task progress (issue 3): which request, and how the call went. */
      callback?: { requestSeq: number; outcome: CallbackOutcome | null } | null;
      /** For `decided` (issue 6): milliseconds from the escalation to the decision. */
      decisionMs?: number;
    }
  | { kind: 'note'; text: string; mentions: string[] }
  | VisitorRecordBody
  | SocialRecordBody
  | ReviewRecordBody
  | ModerationRecordBody;

/** Moderation actions and held messages (issue 6); see kysely/moderation-records.ts. */
export type ModerationRecordBody =
  | { kind: 'moderation'; action: ModerationEntryAction; targetSeq: number | null; note: string | null }
  | { kind: 'held'; text: string; platformId: string | null; url: string | null };

/** A reply held for review, and the decision on it (issue 6); see kysely/review-records.ts. */
export type ReviewRecordBody =
  | { kind: 'draft'; text: string; tier?: ReviewTier }
  | { kind: 'review'; decision: ReviewDecision; draftSeq: number; text: string | null; note: string | null };

/** What a network did with a reply or a post (issue 5); see kysely/social-records.ts. */
export interface SocialRecordBody {
  kind: 'social';
  action: SocialAction;
  targetSeq: number | null;
  platformId: string | null;
  url: string | null;
  error: string | null;
  text: string | null;
  note: string | null;
}

/** Entries a visitor writes besides messages (issue 3); see kysely/visitor-records.ts. */
export type VisitorRecordBody =
  | {
      kind: 'profile';
      name: string | null;
      email: string | null;
      topic: string | null;
      consent: { at: number; textVersion: string; text: string | null } | null;
    }
  | { kind: 'callback'; phone: string; preferredTime: string | null; note: string | null }
  | { kind: 'csat'; rating: number; comment: string | null; requestSeq: number };

export interface AppendInput {
  workspaceId: string;
  conversationId: string;
  author: Author;
  /** The sender's idempotency key; null for events the relay writes itself. */
  clientId: string | null;
  body: EventBody;
  at: number;
  /**
   * Collision rule: when set, the entry is written only if the conversation is unassigned or
   * assigned to this agent. Checked in the same statement that takes the seq.
   */
  onlyIfAssigneeIs?: string;
}

export type AppendResult =
  | { ok: true; event: ConversationEvent; duplicate: boolean }
  | { ok: false; reason: 'conversation-not-found' | 'not-assignee' };

export interface Team {
  id: string;
  workspaceId: string;
  slug: string;
  name: string;
}

export type Presence = 'online' | 'away' | 'offline';

/** An agent as routing sees it: how much room they have. */
export interface AgentLoad {
  agentId: string;
  openCount: number;
  capacity: number;
  presence: Presence;
}

export type AssignResult =
  | { ok: true; event: ConversationEvent }
  | { ok: false; reason: 'conversation-not-found' | 'already-assigned' | 'at-capacity' | 'resolved' };
