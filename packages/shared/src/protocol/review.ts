/**
 * Four-eyes review of replies (issue 6): the rules a review policy is made of, and the frame a
 * reviewer sends. A reply a policy catches is written to the log as a `draft` entry (see
 * events.ts) and goes out only once a colleague approves it.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { clientIdSchema, idSchema, messageTextSchema, seqSchema } from './primitives.js';

/**
 * What a policy catches. A scope's policy (workspace, channel, team, or a site for web chat)
 * catches a reply when any of its rules does; all rules off is "none".
 */
export const reviewRulesSchema = z.strictObject({
  /** Every public reply (for a site: every web chat reply). */
  all: z.boolean(),
  /** Replies by agents flagged as in training. */
  trainees: z.boolean(),
  /** Replies containing any of these words or phrases (case-insensitive). */
  keywords: z.array(z.string().trim().min(1).max(100)).max(200),
  /** Replies to these authors (handles as the network shows them, e.g. `@ann@other.example`). */
  highReachAuthors: z.array(z.string().trim().min(1).max(200)).max(1000),
});
export type ReviewRules = z.infer<typeof reviewRulesSchema>;

export const REVIEW_SCOPES = ['workspace', 'channel', 'team', 'site'] as const;
export type ReviewScope = (typeof REVIEW_SCOPES)[number];

/** How a draft ended; `superseded` when someone else answered the conversation first. */
export const REVIEW_DECISIONS = ['approved', 'rejected', 'superseded'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * A reviewer's decision on the draft at `draftSeq`: approve (with `text`, edit and approve; the
 * draft's own text stays in the log) or reject with a note. Never the draft's own author.
 */
export const agentReviewSchema = z
  .strictObject({
    type: z.literal('review'),
    conversationId: idSchema,
    id: clientIdSchema,
    draftSeq: seqSchema.min(1),
    decision: z.enum(['approve', 'reject']),
    /** Approve only: the reviewer's edited text, sent instead of the draft's. */
    text: messageTextSchema.optional(),
    note: z.string().trim().max(LIMITS.maxNoteLength).optional(),
  })
  .refine((frame) => frame.decision === 'approve' || (frame.note ?? '').length > 0, {
    message: 'a rejection needs a note for the author',
    path: ['note'],
  })
  .refine((frame) => frame.decision === 'approve' || frame.text === undefined, {
    message: 'only an approval carries edited text',
    path: ['text'],
  });
export type AgentReview = z.infer<typeof agentReviewSchema>;
