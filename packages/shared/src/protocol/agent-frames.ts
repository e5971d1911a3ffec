/**
 * Frames between an agent's console and the relay (`/ws/agent`). The agent authenticates with
 * the session token from `POST /api/auth/login` in its `hello`, never in the URL, so tokens do
 * not end up in proxy logs.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
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

export const agentClientFrameSchema = z.discriminatedUnion('type', [
  agentHelloSchema,
  agentSendSchema,
  agentSyncSchema,
  agentTypingSchema,
  agentReadSchema,
  agentSetStatusSchema,
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
  visitor: z.strictObject({ id: idSchema, name: z.string().nullable(), email: z.string().nullable() }),
  page: pageContextSchema.nullable(),
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

export const agentServerFrameSchema = z.discriminatedUnion('type', [
  agentWelcomeSchema,
  ackSchema,
  agentEventFrameSchema,
  agentEventsFrameSchema,
  agentConversationFrameSchema,
  agentTypingOutSchema,
  agentReadOutSchema,
  agentGapSchema,
  errorFrameSchema,
  pongSchema,
]);
export type AgentServerFrame = z.infer<typeof agentServerFrameSchema>;
