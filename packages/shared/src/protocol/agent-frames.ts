/**
 * Frames between an agent's console and the relay (`/ws/agent`). The agent authenticates with
 * the session token from `POST /api/auth/login` in its `hello`, never in the URL, so tokens do
 * not end up in proxy logs.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { CALLBACK_OUTCOMES, PRESENCES, PRIORITIES } from '../domain/conversation.js';
import { authorSchema, consentRecordSchema, conversationEventSchema } from './events.js';
import { cannedReplySchema, directoryAgentSchema, directorySiteSchema, teamSchema, workspaceInfoSchema } from './directory.js';
import { channelInfoSchema, socialContextSchema } from './channels.js';
import { agentAlertFrameSchema, agentAlertsFrameSchema } from './spike-alerts.js';
import { agentBlockSchema, agentDecideSchema, agentUnblockSchema, agentWarnSchema, moderationReasonSchema, warnTemplateSchema } from './moderation.js';
import { agentCrisisSchema, agentDraftResendSchema, agentReviewSchema, agentReviewSettingsSchema, reviewSettingsFrameSchema } from './review.js';
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

/**
 * Move a conversation through the queue's states: open (needs us), pending (waits on the
 * visitor), snoozed (put away until `snoozedUntil`), resolved. A visitor's message makes a
 * pending or snoozed conversation open again.
 */
export const agentSetStatusSchema = z.strictObject({
  type: z.literal('status'),
  conversationId: idSchema,
  id: clientIdSchema,
  status: statusSchema,
  /** Required for `snoozed`: when it wakes; later than now, at most a year ahead. */
  snoozedUntil: timestampSchema.optional(),
});

export const agentSetPrioritySchema = z.strictObject({
  type: z.literal('priority'),
  conversationId: idSchema,
  id: clientIdSchema,
  priority: z.enum(PRIORITIES),
});

/**
 * Which conversation this console has on screen (null: none), so colleagues see who else is
 * looking at it. Repeated while it stays open: viewers who are not repeated expire.
 */
export const agentViewingSchema = z.strictObject({
  type: z.literal('viewing'),
  conversationId: idSchema.nullable(),
});

/** Ask for the other conversations of this conversation's visitor (answered by `history`). */
export const agentHistorySchema = z.strictObject({
  type: z.literal('history'),
  conversationId: idSchema,
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

/** Take a visitor's callback request (`requestSeq` = seq of its `callback` entry); any agent may. */
export const agentCallbackTakeSchema = z.strictObject({
  type: z.literal('callback_take'),
  conversationId: idSchema,
  id: clientIdSchema,
  requestSeq: seqSchema.min(1),
});

/**
 * Record how the callback went; closes the task. The outcome shows in the visitor's log; the
 * note is for agents only. Whoever took the task finishes it (a lead may finish anyone's).
 */
export const agentCallbackDoneSchema = z.strictObject({
  type: z.literal('callback_done'),
  conversationId: idSchema,
  id: clientIdSchema,
  requestSeq: seqSchema.min(1),
  outcome: z.enum(CALLBACK_OUTCOMES),
  note: z.string().trim().min(1).max(LIMITS.maxNoteLength).optional(),
});

/** The agent's own switch; `offline` keeps the console connected but takes no new cases. */
export const agentPresenceSchema = z.strictObject({
  type: z.literal('presence'),
  status: z.enum(PRESENCES),
});

/**
 * Post again a public reply the platform refused (issue 5); `replySeq` is the agent's message.
 * The relay answers with an ack and the outcome arrives as a `social` log entry.
 */
export const agentRetryReplySchema = z.strictObject({
  type: z.literal('reply_retry'),
  conversationId: idSchema,
  id: clientIdSchema,
  replySeq: seqSchema.min(1),
});

/**
 * Hide, unhide or delete an entry, with a reason: a social post on its platform, or a web chat's
 * message in the widget (stored still, and shown to agents as hidden or deleted).
 */
export const agentModerateSchema = z.strictObject({
  type: z.literal('moderate'),
  conversationId: idSchema,
  id: clientIdSchema,
  action: z.enum(['hide', 'unhide', 'delete']),
  targetSeq: seqSchema.min(1),
  reason: moderationReasonSchema,
});

/**
 * Ask for a signed link that lets the author of this social conversation continue it privately
 * in the widget of `siteId` (issue 5). The relay writes the URL (single use, with its expiry)
 * into the log as a note from the agent, which any console shows, and acks with its seq.
 */
export const agentPrivateLinkSchema = z.strictObject({
  type: z.literal('private_link'),
  id: clientIdSchema,
  conversationId: idSchema,
  siteId: idSchema,
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
  agentSetPrioritySchema,
  agentViewingSchema,
  agentHistorySchema,
  agentCallbackTakeSchema,
  agentCallbackDoneSchema,
  agentRetryReplySchema,
  agentModerateSchema,
  agentReviewSchema,
  agentDraftResendSchema,
  agentCrisisSchema,
  agentReviewSettingsSchema,
  agentPrivateLinkSchema,
  agentWarnSchema,
  agentBlockSchema,
  agentUnblockSchema,
  agentDecideSchema,
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
  /** When a lead decided the current escalation (issue 6); null while it waits. */
  escalationDecidedAt: timestampSchema.nullable().optional(),
  /** While snoozed: when it wakes. */
  snoozedUntil: timestampSchema.nullable().optional(),
  /** When the visitor's oldest unanswered message was written; null when nobody waits. */
  waitingSince: timestampSchema.nullable().optional(),
  /** When an agent last wrote to the visitor; null before the first response. */
  agentRepliedAt: timestampSchema.nullable().optional(),
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
  /** The visitor's pre-chat answers (unverified, like everything a visitor types). */
  prechat: z
    .strictObject({ name: z.string().nullable(), email: z.string().nullable(), topic: z.string().nullable() })
    .nullable()
    .optional(),
  /** The visitor's consent to the site's privacy text, as recorded with the conversation. */
  consent: consentRecordSchema.nullable().optional(),
  /** Drafts (issue 6) waiting for a reviewer, and how many of them only a lead may decide. */
  pendingDrafts: z.number().int().nonnegative().optional(),
  pendingLeadDrafts: z.number().int().nonnegative().optional(),
  /** Callback tasks (open or taken) waiting for a call; the log's `callback` entries say which. */
  openCallbacks: z.number().int().nonnegative().optional(),
  /** The visitor's latest rating (1-5) after a resolution, or null. */
  csat: z
    .strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().nullable(), requestSeq: seqSchema, at: timestampSchema })
    .nullable()
    .optional(),
  /** For a social conversation (issue 5): its channel, author and reply prefix; null for web. */
  social: socialContextSchema.nullable().optional(),
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

/**
 * The workspace's colleagues, teams, canned replies and targets: sent after `welcome` and again
 * whenever an admin changes any of them.
 */
export const agentDirectorySchema = z.strictObject({
  type: z.literal('directory'),
  workspace: workspaceInfoSchema,
  teams: z.array(teamSchema),
  agents: z.array(directoryAgentSchema),
  cannedReplies: z.array(cannedReplySchema),
  /** Social channels (issue 5), with the rules the composer counts public replies by. */
  channels: z.array(channelInfoSchema).optional(),
  /** The workspace's warn templates (issue 6); the defaults until an admin writes its own. */
  warnTemplates: z.array(warnTemplateSchema).optional(),
  /** The workspace's sites, for the private-link action in social conversations (issue 5). */
  sites: z.array(directorySiteSchema).optional(),
});

/** A colleague switched presence (or their last console closed). */
export const agentPresenceOutSchema = z.strictObject({
  type: z.literal('presence'),
  agentId: idSchema,
  status: z.enum(PRESENCES),
});

/** A colleague opened (`on`) or left a conversation. */
export const agentViewingOutSchema = z.strictObject({
  type: z.literal('viewing'),
  conversationId: idSchema,
  author: authorSchema,
  on: z.boolean(),
});

/** The answer to `history`: the visitor's other conversations, newest first. */
export const agentHistoryOutSchema = z.strictObject({
  type: z.literal('history'),
  conversationId: idSchema,
  conversations: z.array(conversationSummarySchema),
});

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
  agentDirectorySchema,
  agentPresenceOutSchema,
  agentViewingOutSchema,
  agentHistoryOutSchema,
  agentAlertFrameSchema,
  agentAlertsFrameSchema,
  reviewSettingsFrameSchema,
  errorFrameSchema,
  pongSchema,
]);
export type AgentServerFrame = z.infer<typeof agentServerFrameSchema>;
