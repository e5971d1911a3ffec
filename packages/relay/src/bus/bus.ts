/**
 * The bus tells relay nodes that something happened. It is a hint, never the record: the
 * database is the source of truth, so a lost bus message delays delivery (the receiver catches
 * up from storage) but never loses data (DESIGN.md section 4).
 */
import type { Author, ConversationEvent, PresenceStatus, ReviewSettingsFrame, SpikeAlert } from '@eyelevel/shared';
import type { Conversation } from '../storage/records.js';

export type BusMessage =
  | { type: 'event'; workspaceId: string; conversationId: string; event: ConversationEvent }
  | { type: 'conversation'; workspaceId: string; conversation: Conversation }
  | { type: 'typing'; workspaceId: string; conversationId: string; on: boolean; author: Author }
  | { type: 'read'; workspaceId: string; conversationId: string; side: 'visitor' | 'agent'; seq: number }
  | { type: 'mention'; workspaceId: string; conversationId: string; seq: number; agentIds: string[]; from: Author }
  | { type: 'presence'; workspaceId: string; agentId: string; status: PresenceStatus }
  /** An agent's console shows (`on`) or stopped showing a conversation (collision). */
  | { type: 'viewing'; workspaceId: string; conversationId: string; author: Author; on: boolean }
  /** Agents, teams, canned replies or workspace settings changed: consoles get the directory again. */
  | { type: 'directory'; workspaceId: string }
  /** A spike alert was raised (issue 6): every console of the workspace shows it. */
  | { type: 'alert'; workspaceId: string; alert: SpikeAlert }
  /** Someone was blocked or unblocked (issue 6): every node forgets its cached block list. */
  | { type: 'blocks-changed'; workspaceId: string }
  /** Crisis mode, the holding statement or the draft lifetime changed (issue 6): the new state. */
  | { type: 'review-settings'; workspaceId: string; settings: ReviewSettingsFrame }
  /** An agent logged out: their sockets on every node close (the hash, never the token). */
  | { type: 'session-revoked'; tokenHash: string };

export type BusHandler = (message: BusMessage) => void;

export interface Bus {
  publish(topic: string, message: BusMessage): void;
  /** Returns the function that ends the subscription. */
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
  /**
   * False while messages to and from other nodes may be lost (Redis unreachable); delivery then
   * falls back to polling storage. Absent on the in-process bus, which cannot lose messages.
   */
  readonly up?: boolean;
}

/** Topics: one per conversation (visitors listen) and one per workspace (agents listen). */
export const topics = {
  conversation: (conversationId: string) => `c:${conversationId}`,
  workspace: (workspaceId: string) => `w:${workspaceId}`,
  /** Every node listens: session revocations. */
  sessions: 'sessions',
  /** Every node listens: block lists changed (issue 6). */
  moderation: 'moderation',
};
