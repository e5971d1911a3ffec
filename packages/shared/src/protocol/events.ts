/**
 * The entries of a conversation's ordered log as they travel on the wire. Messages and status
 * changes share one sequence (DESIGN.md section 4), so a client that has every seq up to N has
 * seen everything that happened up to N, in the order it happened.
 */
import { z } from 'zod';
import { CALLBACK_OUTCOMES } from '../domain/conversation.js';
import { MODERATION_ENTRY_ACTIONS } from './moderation.js';
import { PRIORITIES } from '../domain/conversation.js';
import {
  authorKindSchema,
  clientIdSchema,
  idSchema,
  nameSchema,
  roleSchema,
  seqSchema,
  statusChangeSchema,
  statusSchema,
  timestampSchema,
} from './primitives.js';

/** Who wrote an event, as a snapshot taken when it was written (renames do not rewrite history). */
export const authorSchema = z.strictObject({
  kind: authorKindSchema,
  id: idSchema.nullable(),
  name: z.string().max(200).nullable(),
  /** Agents sign public replies with these (`^an`). */
  initials: z.string().max(8).nullable(),
  avatarUrl: z.string().max(2048).nullable(),
  role: roleSchema.nullable(),
});
export type Author = z.infer<typeof authorSchema>;

const eventBase = {
  seq: seqSchema.min(1),
  at: timestampSchema,
  author: authorSchema,
};

export const messageEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('message'),
  text: z.string(),
  /** The sender's own id for the message; lets the sender match the event to its outbox. */
  clientId: clientIdSchema.nullable(),
});

export const statusEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('status'),
  change: statusChangeSchema,
  status: statusSchema,
  /** The agent the conversation is now assigned to, for `assigned` and `transferred`. */
  assignee: authorSchema.nullable(),
  /** The team it now belongs to, for `transferred`. */
  team: z.strictObject({ id: idSchema, name: z.string() }).nullable().optional(),
  /** Why (transfer note, escalation reason). Agents only: removed before reaching visitors. */
  note: z.string().nullable().optional(),
  /** For `callback_taken`/`callback_done`: which request (its seq) and, when done, the outcome. */
  callback: z
    .strictObject({ requestSeq: seqSchema, outcome: z.enum(CALLBACK_OUTCOMES).nullable() })
    .nullable()
    .optional(),
  /** For `snoozed`: when the conversation wakes. */
  snoozedUntil: timestampSchema.nullable().optional(),
  /** For `prioritized`: the new priority. */
  priority: z.enum(PRIORITIES).optional(),
  /** For `decided`: milliseconds from the escalation to this decision (issue 6). */
  decisionMs: z.number().int().nonnegative().optional(),
});

/** A visitor's consent to the site's privacy text, as recorded with the conversation. */
export const consentRecordSchema = z.strictObject({
  /** When the visitor ticked the box (their clock); the event's `at` is when it was stored. */
  at: timestampSchema,
  /** Which privacy text they saw (`welcome.site.prechat.textVersion`). */
  textVersion: z.string(),
  /** That text, when it was still the site's current one at storing time. */
  text: z.string().nullable(),
});

/**
 * What the visitor told about themself before chatting (pre-chat form, or the offline form's
 * e-mail) and their consent. Written by the visitor, so the visitor receives it too.
 */
export const profileEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('profile'),
  name: z.string().nullable(),
  email: z.string().nullable(),
  topic: z.string().nullable(),
  consent: consentRecordSchema.nullable(),
  clientId: clientIdSchema.nullable(),
});

/** The visitor asked to be called back; the relay keeps it as a task agents take and finish. */
export const callbackEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('callback'),
  phone: z.string(),
  preferredTime: z.string().nullable(),
  note: z.string().nullable(),
  clientId: clientIdSchema.nullable(),
});

/** The visitor's rating after a `csat_requested` status change (its seq is `requestSeq`). */
export const csatEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('csat'),
  rating: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  requestSeq: seqSchema,
  clientId: clientIdSchema.nullable(),
});

/** A private note between agents; never sent to visitors. `mentions` are agent ids. */
export const noteEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('note'),
  text: z.string(),
  mentions: z.array(idSchema),
  clientId: clientIdSchema.nullable(),
});

/**
 * What happened on a social network to an entry of this log (issue 5): our reply was posted or
 * the platform refused it (with its error, so the agent can retry), the author edited or removed
 * their post, or it was hidden or deleted (by the page, or by an agent with a reason), or a
 * flood from one author was held back. `targetSeq` is the entry concerned.
 */
export const SOCIAL_ACTIONS = [
  'reply_posted',
  'reply_failed',
  'edited',
  'removed',
  'hidden',
  'unhidden',
  'deleted',
  'held_back',
] as const;
export type SocialAction = (typeof SOCIAL_ACTIONS)[number];

export const socialEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('social'),
  action: z.enum(SOCIAL_ACTIONS),
  targetSeq: seqSchema.nullable(),
  /** The platform's id of the post or comment concerned, and a link to it. */
  platformId: z.string().nullable(),
  url: z.string().nullable(),
  /** For `reply_failed`: what the platform said. */
  error: z.string().nullable(),
  /** For `edited`: the new text; for `held_back`: how many posts were held. */
  text: z.string().nullable(),
  /** Why an agent hid or deleted it (moderation is never silent). */
  note: z.string().nullable(),
  clientId: clientIdSchema.nullable(),
});

/**
 * A reply a review policy caught (issue 6): visible to the team, never sent, until a colleague
 * approves it; then the approved text follows as the author's `message`. Agents only.
 */
export const draftEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('draft'),
  text: z.string(),
  /** `lead` when only a lead or admin may decide on it; absent means `colleague`. */
  tier: z.enum(['colleague', 'lead']).optional(),
  clientId: clientIdSchema.nullable(),
});

/**
 * What happened to the draft at `draftSeq` (see REVIEW_DECISIONS in review.ts): approved (with
 * the reviewer's edited `text`, or null when sent as written), rejected (with the reviewer's
 * `note`), superseded because someone answered first, escalated to a lead (the reason in
 * `note`), expired, or, after a supersede, resent or dropped by its author. Agents only.
 */
export const reviewEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('review'),
  decision: z.enum(['approved', 'rejected', 'superseded', 'escalated', 'expired', 'resent', 'dropped']),
  draftSeq: seqSchema,
  text: z.string().nullable(),
  note: z.string().nullable(),
  clientId: clientIdSchema.nullable(),
});

/**
 * A moderation action on this conversation (issue 6): an entry hidden, unhidden or deleted (web
 * chats: the entry stays stored and agents still see it, marked), a warning sent, the person
 * blocked or unblocked. `note` is the reason; visitors receive hides and deletes of their chat
 * without it (so the widget can take the entry away), and nothing else of these.
 */
export const moderationEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('moderation'),
  action: z.enum(MODERATION_ENTRY_ACTIONS),
  targetSeq: seqSchema.nullable(),
  note: z.string().nullable(),
  clientId: clientIdSchema.nullable(),
});

/**
 * A message from a blocked person (issue 6): stored, shown to agents as held, never queued or
 * routed. The blocked visitor receives it as their own ordinary `message`.
 */
export const heldEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('held'),
  text: z.string(),
  /** For a social post: the platform's id of it and a link. */
  platformId: z.string().nullable(),
  url: z.string().nullable(),
  clientId: clientIdSchema.nullable(),
});

/**
 * What a visitor receives in place of an entry meant for agents only (a note): the seq, so the
 * visitor's log stays gap-free, and nothing else.
 */
export const internalEventSchema = z.strictObject({
  seq: seqSchema.min(1),
  at: timestampSchema,
  kind: z.literal('internal'),
  author: authorSchema,
});

export const conversationEventSchema = z.discriminatedUnion('kind', [
  messageEventSchema,
  statusEventSchema,
  noteEventSchema,
  internalEventSchema,
  profileEventSchema,
  callbackEventSchema,
  csatEventSchema,
  socialEventSchema,
  draftEventSchema,
  reviewEventSchema,
  moderationEventSchema,
  heldEventSchema,
]);
export type MessageEvent = z.infer<typeof messageEventSchema>;
export type StatusEvent = z.infer<typeof statusEventSchema>;
export type NoteEvent = z.infer<typeof noteEventSchema>;
export type ProfileEvent = z.infer<typeof profileEventSchema>;
export type CallbackEvent = z.infer<typeof callbackEventSchema>;
export type CsatEvent = z.infer<typeof csatEventSchema>;
export type SocialEvent = z.infer<typeof socialEventSchema>;
export type DraftEvent = z.infer<typeof draftEventSchema>;
export type ReviewEvent = z.infer<typeof reviewEventSchema>;
export type ModerationEvent = z.infer<typeof moderationEventSchema>;
export type HeldEvent = z.infer<typeof heldEventSchema>;
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
