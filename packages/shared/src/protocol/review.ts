/**
 * Four-eyes review of replies (issue 6): the rules a review policy is made of, and the frame a
 * reviewer sends. A reply a policy catches is written to the log as a `draft` entry (see
 * events.ts) and goes out only once a colleague approves it.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { clientIdSchema, idSchema, messageTextSchema, seqSchema, timestampSchema } from './primitives.js';
import { authorSchema } from './events.js';

/** The rules of a policy, by name, for `leadFor`. */
export const REVIEW_RULE_KINDS = ['all', 'trainees', 'keywords', 'highReachAuthors'] as const;

/**
 * Who may decide on a draft: any colleague (first tier) or only a lead or admin (second tier:
 * a rule said so, a colleague escalated it, or the workspace is in crisis mode).
 */
export const REVIEW_TIERS = ['colleague', 'lead'] as const;
export type ReviewTier = (typeof REVIEW_TIERS)[number];

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
  /** Which of the rules above send what they catch to a lead instead of any colleague. */
  leadFor: z.array(z.enum(REVIEW_RULE_KINDS)).max(REVIEW_RULE_KINDS.length).optional(),
});
export type ReviewRules = z.infer<typeof reviewRulesSchema>;

export const REVIEW_SCOPES = ['workspace', 'channel', 'team', 'site'] as const;
export type ReviewScope = (typeof REVIEW_SCOPES)[number];

/**
 * What happened to a draft, as `review` entries of the log: approved, rejected, `superseded`
 * (someone answered the conversation first), `escalated` to the lead tier (still pending),
 * `expired` (nobody decided in time); after a supersede its author either `resent` it (a new
 * draft or message follows) or `dropped` it.
 */
export const REVIEW_DECISIONS = ['approved', 'rejected', 'superseded', 'escalated', 'expired', 'resent', 'dropped'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * A reviewer's decision on the draft at `draftSeq`: approve (with `text`, edit and approve; the
 * draft's own text stays in the log), reject with a note, or escalate it to the lead tier with
 * the reason in `note`. Never the draft's own author; a lead-tier draft only a lead or admin.
 */
export const agentReviewSchema = z
  .strictObject({
    type: z.literal('review'),
    conversationId: idSchema,
    id: clientIdSchema,
    draftSeq: seqSchema.min(1),
    decision: z.enum(['approve', 'reject', 'escalate']),
    /** Approve only: the reviewer's edited text, sent instead of the draft's. */
    text: messageTextSchema.optional(),
    note: z.string().trim().max(LIMITS.maxNoteLength).optional(),
  })
  .refine((frame) => frame.decision === 'approve' || (frame.note ?? '').length > 0, {
    message: 'a rejection needs a note for the author, an escalation a reason for the lead',
    path: ['note'],
  })
  .refine((frame) => frame.decision === 'approve' || frame.text === undefined, {
    message: 'only an approval carries edited text',
    path: ['text'],
  });
export type AgentReview = z.infer<typeof agentReviewSchema>;

/**
 * The author's answer after their draft was superseded (someone answered first): `resend` it
 * (it is reviewed again if a policy catches it, else sent) or `drop` it. Acked with the seq of
 * the new draft or message, or of the `dropped` entry.
 */
export const agentDraftResendSchema = z.strictObject({
  type: z.literal('draft_resend'),
  conversationId: idSchema,
  id: clientIdSchema,
  draftSeq: seqSchema.min(1),
  action: z.enum(['resend', 'drop']),
});
export type AgentDraftResend = z.infer<typeof agentDraftResendSchema>;

/** Longest configurable draft lifetime: a week. */
export const MAX_DRAFT_EXPIRY_MINUTES = 7 * 24 * 60;

/**
 * A lead or admin switches crisis mode on or off for the workspace. Answered, like every
 * change of the review settings, by a `review_settings` frame to every console of the
 * workspace (an `error` with `ref` when refused).
 */
export const agentCrisisSchema = z.strictObject({
  type: z.literal('crisis'),
  id: clientIdSchema,
  on: z.boolean(),
});

/** A lead or admin edits the holding statement or the time after which drafts expire. */
export const agentReviewSettingsSchema = z
  .strictObject({
    type: z.literal('review_settings'),
    id: clientIdSchema,
    holdingStatement: z.string().trim().max(LIMITS.maxMessageLength).optional(),
    draftExpiryMinutes: z.number().int().min(1).max(MAX_DRAFT_EXPIRY_MINUTES).optional(),
  })
  .refine((frame) => frame.holdingStatement !== undefined || frame.draftExpiryMinutes !== undefined, {
    message: 'nothing to change',
  });

/**
 * The workspace's review settings, sent after `welcome` and to every console whenever they
 * change (on any node). While `crisis.on`, every public reply waits for a lead's approval.
 */
export const reviewSettingsFrameSchema = z.strictObject({
  type: z.literal('review_settings'),
  crisis: z.strictObject({
    on: z.boolean(),
    /** When it was last switched, and by whom (a lead, or the system for an alert rule). */
    since: timestampSchema.nullable(),
    by: authorSchema.nullable(),
  }),
  /** The prepared reply a console offers while in crisis; it is reviewed like any reply. */
  holdingStatement: z.string(),
  draftExpiryMinutes: z.number().int().positive(),
});
export type ReviewSettingsFrame = z.infer<typeof reviewSettingsFrameSchema>;
