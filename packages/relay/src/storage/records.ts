/**
 * What the storage layer hands to domain code: plain typed records, never raw rows, so the
 * domain does not know which database is underneath.
 */
import type {
  AgentRole,
  Author,
  ChannelKind,
  ConversationEvent,
  ConversationStatus,
  StatusChange,
} from '@eyelevel/shared';

export interface Workspace {
  id: string;
  name: string;
  createdAt: number;
}

export interface SiteSettings {
  /** Shown in the widget's header. */
  title?: string;
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
  createdAt: number;
}

export interface Visitor {
  id: string;
  workspaceId: string;
  siteId: string;
  name: string | null;
  email: string | null;
  createdAt: number;
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
  assignee: Author | null;
  page: PageContext | null;
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
  | { kind: 'status'; change: StatusChange; status: ConversationStatus; assignee: Author | null };

export interface AppendInput {
  workspaceId: string;
  conversationId: string;
  author: Author;
  /** The sender's idempotency key; null for events the relay writes itself. */
  clientId: string | null;
  body: EventBody;
  at: number;
}

export type AppendResult =
  | { ok: true; event: ConversationEvent; duplicate: boolean }
  | { ok: false; reason: 'conversation-not-found' };
