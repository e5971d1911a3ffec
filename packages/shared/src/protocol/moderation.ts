/**
 * Moderation (issue 6; DESIGN.md section 2: "no censorship, but warnings and, rarely, deletion"):
 * the frames agents send to warn, hide, delete and block, the log entries those leave, the warn
 * templates a workspace keeps and the append-only audit log leads search. Every action carries
 * a reason, so nothing disappears without a trace of who did it and why.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { clientIdSchema, idSchema, roleSchema, seqSchema, timestampSchema } from './primitives.js';

const NEEDS_REASON = 'every moderation action needs a reason (it goes into the audit log)';

/** Why a moderation action was taken; required, shown in the conversation and the audit log. */
export const moderationReasonSchema = z
  .string({ error: NEEDS_REASON })
  .trim()
  .min(1, NEEDS_REASON)
  .max(LIMITS.maxNoteLength, `a reason is at most ${LIMITS.maxNoteLength} characters`);

// ---- warn templates ---------------------------------------------------------------------------

/**
 * Who sees a warning: `public` goes out as a reply where the conversation happens (on the
 * network for a social post, in the chat for a web visitor); `private` only to the person
 * (a web chat is private; a social conversation needs a private link first).
 */
export const WARN_VISIBILITIES = ['public', 'private'] as const;
export type WarnVisibility = (typeof WARN_VISIBILITIES)[number];

export const warnTemplateKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a template key is 1-40 lowercase letters, digits, _ or -');

/** A warning's text; `{name}` becomes the person's name or handle. */
export const warnTemplateSchema = z.strictObject({
  key: warnTemplateKeySchema,
  title: z.string().trim().min(1).max(LIMITS.maxNameLength),
  text: z.string().trim().min(1).max(LIMITS.maxNoteLength),
  visibility: z.enum(WARN_VISIBILITIES),
});
export type WarnTemplate = z.infer<typeof warnTemplateSchema>;

/** `PUT /api/admin/moderation/warn-templates`: the workspace's whole list, replacing the old one. */
export const warnTemplatesRequestSchema = z
  .strictObject({ templates: z.array(warnTemplateSchema).min(1).max(50) })
  .refine((body) => new Set(body.templates.map((t) => t.key)).size === body.templates.length, {
    message: 'template keys must be unique',
    path: ['templates'],
  });

/** What a workspace has until an admin writes its own: calm, named, no threats. */
export const DEFAULT_WARN_TEMPLATES: readonly WarnTemplate[] = [
  {
    key: 'tone',
    title: 'Tone (public)',
    text: 'Hi {name}, we are glad to help, and we ask everyone here to stay respectful. Insults and threats are removed.',
    visibility: 'public',
  },
  {
    key: 'personal-data',
    title: 'Personal data (public)',
    text: 'Hi {name}, please do not post personal data such as phone numbers, addresses or contract numbers in public. Write to us privately and we will take it from there.',
    visibility: 'public',
  },
  {
    key: 'final-warning',
    title: 'Final warning (private)',
    text: 'Hi {name}, this is a final warning: further abusive messages will be held and not answered.',
    visibility: 'private',
  },
];

/** Fills a template in; `{name}` only, so a template cannot reach anything else. */
export function renderWarnTemplate(text: string, name: string | null): string {
  return text.replaceAll('{name}', name && name.trim() !== '' ? name.trim() : 'there');
}

// ---- agent -> relay ---------------------------------------------------------------------------

/**
 * Send a warning from a template (its text may be edited) as a message of this agent, through
 * the ordinary reply path, so review policies apply to it like to any public reply.
 */
export const agentWarnSchema = z.strictObject({
  type: z.literal('warn'),
  conversationId: idSchema,
  id: clientIdSchema,
  template: warnTemplateKeySchema,
  /** The agent's edit of the template's text; the template's own text (filled in) when absent. */
  text: z.string().trim().min(1).max(LIMITS.maxMessageLength).optional(),
  /** The entry being warned about, if any (shown beside it). */
  targetSeq: seqSchema.min(1).optional(),
  reason: moderationReasonSchema,
});

/**
 * Block the person behind this conversation: the web visitor, or the social author on that
 * channel. Their new messages are stored as `held` entries and do not enter the queue.
 */
export const agentBlockSchema = z.strictObject({
  type: z.literal('block'),
  conversationId: idSchema,
  id: clientIdSchema,
  reason: moderationReasonSchema,
});

export const agentUnblockSchema = z.strictObject({
  type: z.literal('unblock'),
  conversationId: idSchema,
  id: clientIdSchema,
  reason: moderationReasonSchema,
});

/**
 * A lead settles an escalation: the decision note says what was decided; `resolve` also
 * resolves the conversation. The time from escalation to decision is recorded.
 */
export const agentDecideSchema = z.strictObject({
  type: z.literal('decide'),
  conversationId: idSchema,
  id: clientIdSchema,
  note: z.string().trim().min(1, 'a decision needs a note for the team').max(LIMITS.maxNoteLength),
  resolve: z.boolean().optional(),
});

// ---- log entries ------------------------------------------------------------------------------

/** What a `moderation` entry records; social hides and deletes are `social` entries instead. */
export const MODERATION_ENTRY_ACTIONS = ['hidden', 'unhidden', 'deleted', 'warned', 'blocked', 'unblocked'] as const;
export type ModerationEntryAction = (typeof MODERATION_ENTRY_ACTIONS)[number];

// ---- the audit log ----------------------------------------------------------------------------

export const AUDIT_ACTIONS = ['hide', 'unhide', 'delete', 'warn', 'block', 'unblock', 'decide'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an action was taken on: an entry of a log, a person, or a whole conversation. */
export const AUDIT_TARGET_KINDS = ['message', 'visitor', 'social_author', 'conversation'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export const auditEntrySchema = z.strictObject({
  id: idSchema,
  at: timestampSchema,
  actor: z.strictObject({ id: idSchema, name: z.string(), initials: z.string(), role: roleSchema }),
  action: z.enum(AUDIT_ACTIONS),
  target: z.strictObject({
    kind: z.enum(AUDIT_TARGET_KINDS),
    /** The visitor's id, `channelId:platformUserId` for a social author, or the conversation's id. */
    id: z.string(),
    /** The log entry's seq, for a message. */
    seq: seqSchema.nullable(),
  }),
  conversationId: idSchema.nullable(),
  reason: z.string(),
  /** The log entry this action wrote (its seq), when it wrote one. */
  entrySeq: seqSchema.nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const queryInt = (max: number) => z.coerce.number().int().min(0).max(max);

/** `GET /api/admin/audit` query: every filter optional; newest first, `before` pages back. */
export const auditQuerySchema = z.strictObject({
  actor: idSchema.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  conversation: idSchema.optional(),
  /** Case-insensitive text in the reason. */
  q: z.string().trim().min(1).max(200).optional(),
  from: queryInt(Number.MAX_SAFE_INTEGER).optional(),
  to: queryInt(Number.MAX_SAFE_INTEGER).optional(),
  /** The `next` cursor of the previous page. */
  cursor: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'use the next cursor of the previous page').optional(),
  limit: queryInt(200).pipe(z.number().min(1)).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.strictObject({
  entries: z.array(auditEntrySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
