/**
 * Frames between an agent's console and the relay (`/ws/agent`). The agent authenticates with
 * the session token from `POST /api/auth/login` in its `hello`, never in the URL, so tokens do
 * not end up in proxy logs.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { PRIORITIES } from '../domain/conversation.js';
import { authorSchema, conversationEventSchema } from './events.js';
import {
  ackSchema,
  errorFrameSchema,
  gapSchema,
  pageContextSchema,
  pingSchema,
  pongSchema,
} from './visitor-frames.js';
import {
  channelSchema,
  clientIdSchema,
  emailSchema,
  idSchema,
  messageTextSchema,
  roleSchema,
  seqSchema,
  statusSchema,
  timestampSchema,
  tokenSchema,
} from './primitives.js';

// ---- agent -> relay ---------------------------------------------------------------------------

export const agentHelloSchema = z.strictObject({
  type: z.literal('hello'),
  v: z.number().int(),
  token: tokenSchema,
});

export const agentSendSchema = z.strictObject({
  type: z.literal('send'),
  conversationId: idSchema,
  id: clientIdSchema,
  text: messageTextSchema,
});

/** Fetch a conversation's log after `afterSeq` (opening it, or after a reconnect). */
export const agentSyncSchema = z.strictObject({
  type: z.literal('sync'),
  conversationId: idSchema,
  afterSeq: seqSchema,
});

export const agentTypingSchema = z.strictObject({
  type: z.literal('typing'),
  conversationId: idSchema,
  on: z.boolean(),
});

export const agentReadSchema = z.strictObject({
  type: z.literal('read'),
  conversationId: idSchema,
  seq: seqSchema,
});

export const agentSetStatusSchema = z.strictObject({
  type: z.literal('status'),
  conversationId: idSchema,
  id: clientIdSchema,
  status: z.enum(['open', 'resolved']),
});

/** Take an unassigned conversation (counts against the agent's capacity). */
export const agentClaimSchema = z.strictObject({
  type: z.literal('claim'),
  conversationId: idSchema,
  id: clientIdSchema,
});

/** Hand a conversation to another agent or to another team's queue, with a note for them. */
export const agentTransferSchema = z.strictObject({
  type: z.literal('transfer'),
  conversationId: idSchema,
  id: clientIdSchema,
  to: z.union([z.strictObject({ agentId: idSchema }), z.strictObject({ teamId: idSchema })]),
  note: z.string().trim().max(LIMITS.maxNoteLength).optional(),
});

/** Ask a lead to decide: the conversation is flagged and leads see it first. */
export const agentEscalateSchema = z.strictObject({
  type: z.literal('escalate'),
  conversationId: idSchema,
  id: clientIdSchema,
  reason: z.string().trim().min(1).max(LIMITS.maxNoteLength),
});

/** A private note for colleagues; `@initials` mention and notify them. */
export const agentNoteSchema = z.strictObject({
  type: z.literal('note'),
  conversationId: idSchema,
  id: clientIdSchema,
  text: messageTextSchema,
});

export const agentPresenceSchema = z.strictObject({
  type: z.literal('presence'),
  status: z.enum(['online', 'away']),
});

export const agentClientFrameSchema = z.discriminatedUnion('type', [
  agentHelloSchema,
  agentSendSchema,
  agentSyncSchema,
  agentTypingSchema,
  agentReadSchema,
  agentSetStatusSchema,
  agentClaimSchema,
  agentTransferSchema,
  agentEscalateSchema,
  agentNoteSchema,
  agentPresenceSchema,
  pingSchema,
]);
export type AgentClientFrame = z.infer<typeof agentClientFrameSchema>;

// ---- relay -> agent ---------------------------------------------------------------------------

export const agentProfileSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  email: emailSchema,
  name: z.string(),
  initials: z.string(),
  avatarUrl: z.string().nullable(),
  role: roleSchema,
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

/** One row of the queue: enough to list, sort and open a conversation. */
export const conversationSummarySchema = z.strictObject({
  id: idSchema,
  channel: channelSchema,
  siteId: idSchema.nullable(),
  status: statusSchema,
  assignee: authorSchema.nullable(),
  teamId: idSchema.nullable(),
  priority: z.enum(PRIORITIES),
  /** When a lead was asked to decide, or null. */
  escalatedAt: timestampSchema.nullable(),
  visitor: z.strictObject({ id: idSchema, name: z.string().nullable(), email: z.string().nullable() }),
  page: pageContextSchema.nullable(),
  /** True when the host site vouched for the visitor (identity verification). */
  verified: z.boolean().optional(),
  /** The verified contact: the host site's user id and what it said about them; null if anonymous. */
  identity: z
    .strictObject({
      id: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      /** How it was proven: HMAC of the id, or a JWT (which also signs name and e-mail). */
      verifiedBy: z.enum(['hash', 'jwt']),
    })
    .nullable()
    .optional(),
  /** The job a careers page attached when the conversation started. */
  job: z.strictObject({ id: z.string().nullable(), title: z.string().nullable() }).nullable().optional(),
  lastSeq: seqSchema,
  lastMessage: z
    .strictObject({ text: z.string().max(LIMITS.maxMessageLength), at: timestampSchema, authorKind: z.string() })
    .nullable(),
  visitorReadSeq: seqSchema,
  agentReadSeq: seqSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const agentWelcomeSchema = z.strictObject({
  type: z.literal('welcome'),
  v: z.number().int(),
  agent: agentProfileSchema,
  /** Snapshot of the queue; a reconnect replaces the console's queue with it. */
  queue: z.array(conversationSummarySchema),
});

export const agentEventFrameSchema = z.strictObject({
  type: z.literal('event'),
  conversationId: idSchema,
  event: conversationEventSchema,
});

/** A page of a conversation's log, answering `sync`; `more` means another page follows. */
export const agentEventsFrameSchema = z.strictObject({
  type: z.literal('events'),
  conversationId: idSchema,
  events: z.array(conversationEventSchema),
  more: z.boolean(),
});

export const agentConversationFrameSchema = z.strictObject({
  type: z.literal('conversation'),
  conversation: conversationSummarySchema,
});

export const agentTypingOutSchema = z.strictObject({
  type: z.literal('typing'),
  conversationId: idSchema,
  on: z.boolean(),
  author: authorSchema,
});

export const agentReadOutSchema = z.strictObject({
  type: z.literal('read'),
  conversationId: idSchema,
  /** The visitor has read everything up to this seq. */
  seq: seqSchema,
});

export const agentGapSchema = gapSchema.extend({ conversationId: idSchema });

/** Someone mentioned this agent in a note. */
export const agentNotificationSchema = z.strictObject({
  type: z.literal('notification'),
  kind: z.literal('mention'),
  conversationId: idSchema,
  seq: seqSchema,
  from: authorSchema,
});

export const agentServerFrameSchema = z.discriminatedUnion('type', [
  agentWelcomeSchema,
  ackSchema,
  agentEventFrameSchema,
  agentEventsFrameSchema,
  agentConversationFrameSchema,
  agentTypingOutSchema,
  agentReadOutSchema,
  agentGapSchema,
  agentNotificationSchema,
  errorFrameSchema,
  pongSchema,
]);
export type AgentServerFrame = z.infer<typeof agentServerFrameSchema>;
