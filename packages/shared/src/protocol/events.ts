/**
 * The entries of a conversation's ordered log as they travel on the wire. Messages and status
 * changes share one sequence (DESIGN.md section 4), so a client that has every seq up to N has
 * seen everything that happened up to N, in the order it happened.
 */
import { z } from 'zod';
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
  /** For `snoozed`: when the conversation wakes. */
  snoozedUntil: timestampSchema.nullable().optional(),
  /** For `prioritized`: the new priority. */
  priority: z.enum(PRIORITIES).optional(),
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
]);
export type MessageEvent = z.infer<typeof messageEventSchema>;
export type StatusEvent = z.infer<typeof statusEventSchema>;
export type NoteEvent = z.infer<typeof noteEventSchema>;
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
