/**
 * Who and what a workspace has, as every agent's console needs it: colleagues (for transfers,
 * @mentions and presence), teams (for filters and transfers), canned replies (for the composer)
 * and the workspace's service target. The admin API edits these; the relay sends them to
 * consoles in a `directory` frame, again whenever an admin changes something.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { PRESENCES } from '../domain/conversation.js';
import { idSchema, nameSchema, roleSchema, timestampSchema } from './primitives.js';

/** A team's key in URLs and widget settings (`data-team="recruiting"`). */
export const teamSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a team key is 1-40 lowercase letters, digits or dashes');

export const teamSchema = z.strictObject({
  id: idSchema,
  slug: z.string(),
  name: z.string(),
});
export type TeamEntry = z.infer<typeof teamSchema>;

/** A colleague as other agents see them (no e-mail: consoles do not need it). */
export const directoryAgentSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  initials: z.string(),
  avatarUrl: z.string().nullable(),
  role: roleSchema,
  presence: z.enum(PRESENCES),
  teamIds: z.array(idSchema),
  capacity: z.number().int().nonnegative(),
});
export type DirectoryAgent = z.infer<typeof directoryAgentSchema>;

/** `/thanks` in the composer: 1-32 lowercase letters, digits, `-` or `_`. */
export const cannedShortcutSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a shortcut is 1-32 lowercase letters, digits, - or _');

/**
 * Variables a canned reply may contain; the console fills them in when the reply is inserted,
 * so the agent sees (and can edit) the final text before it is sent.
 */
export const CANNED_VARIABLES = ['visitor.name', 'visitor.email', 'agent.name', 'agent.initials'] as const;

export const cannedReplySchema = z.strictObject({
  id: idSchema,
  /** Null: offered in every team's conversations. */
  teamId: idSchema.nullable(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string().max(LIMITS.maxMessageLength),
  updatedAt: timestampSchema,
});
export type CannedReply = z.infer<typeof cannedReplySchema>;

/**
 * A site of the workspace as consoles know it: where a private link (issue 5) can take the
 * author of a social conversation. No origins or secrets: agents need only to pick one.
 */
export const directorySiteSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
});
export type DirectorySite = z.infer<typeof directorySiteSchema>;

export const workspaceInfoSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  /** A visitor's first message should be answered within this long (shown as a due time). */
  firstResponseTargetMs: z.number().int().positive(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const cannedReplyInputSchema = z.strictObject({
  teamId: idSchema.nullable().default(null),
  shortcut: cannedShortcutSchema,
  title: nameSchema,
  body: z
    .string()
    .max(LIMITS.maxMessageLength, `a reply is at most ${LIMITS.maxMessageLength} characters`)
    .refine((text) => text.trim().length > 0, 'the reply text must not be empty'),
});
export type CannedReplyInput = z.input<typeof cannedReplyInputSchema>;
