/**
 * Inputs for creating tenants' resources (CLI now, admin API later), validated the same way
 * wherever they come from.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { emailSchema, idSchema, nameSchema, roleSchema, timestampSchema } from './primitives.js';
import { PRESENCES } from '../domain/conversation.js';
import { siteSettingsSchema } from './site-settings.js';
import { cannedReplyInputSchema, cannedShortcutSchema, teamSlugSchema } from './directory.js';

/** An exact origin: scheme, host and optional port, nothing else (no path, no trailing slash). */
export const originSchema = z
  .string()
  .max(LIMITS.maxUrlLength)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'an origin is scheme://host[:port], e.g. https://www.example.com');

/** Initials agents sign public replies with (`^an`): 2-4 lowercase letters. */
export const initialsSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,4}$/, 'initials are 2 to 4 letters');

export const passwordSchema = z
  .string()
  .min(LIMITS.minPasswordLength, `passwords have at least ${LIMITS.minPasswordLength} characters`)
  .max(LIMITS.maxPasswordLength);

export const newWorkspaceSchema = z.strictObject({ name: nameSchema });

export const newSiteSchema = z.strictObject({
  name: nameSchema,
  allowedOrigins: z.array(originSchema).min(1).max(50),
});

export const newAgentSchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  initials: initialsSchema,
  role: roleSchema.default('agent'),
  password: passwordSchema,
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
});
export type NewAgentInput = z.input<typeof newAgentSchema>;

// ---- the admin REST API (/api/admin, issue 4) ----------------------------------------------------

/** How many unresolved cases an agent may hold at once; 0 keeps them out of assignment. */
export const capacitySchema = z.number().int().min(0).max(100);
const avatarUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);
const teamIdsSchema = z.array(idSchema).max(50);

export const adminAgentSchema = z.strictObject({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  initials: z.string(),
  avatarUrl: z.string().nullable(),
  role: roleSchema,
  capacity: z.number().int(),
  teamIds: z.array(idSchema),
  active: z.boolean(),
  presence: z.enum(PRESENCES),
  createdAt: timestampSchema,
});
export type AdminAgent = z.infer<typeof adminAgentSchema>;

export const createAgentRequestSchema = newAgentSchema.extend({
  capacity: capacitySchema.optional(),
  teamIds: teamIdsSchema.optional(),
});
export type CreateAgentRequest = z.input<typeof createAgentRequestSchema>;

/** Any subset; `active: false` deactivates (sessions end, cases go back to the queue). */
export const updateAgentRequestSchema = z
  .strictObject({
    name: nameSchema.optional(),
    initials: initialsSchema.optional(),
    avatarUrl: avatarUrlSchema.nullable().optional(),
    role: roleSchema.optional(),
    capacity: capacitySchema.optional(),
    teamIds: teamIdsSchema.optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateAgentRequest = z.input<typeof updateAgentRequestSchema>;

export const teamRequestSchema = z.strictObject({
  name: nameSchema,
  /** Defaults to the name in lowercase with dashes. */
  slug: teamSlugSchema.optional(),
});
export const updateTeamRequestSchema = z.strictObject({ name: nameSchema });

/** A site as admins see it: never its identity secret (shown once, on creation and rotation). */
export const adminSiteSchema = z.strictObject({
  id: idSchema,
  publicKey: z.string(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  settings: siteSettingsSchema,
  createdAt: timestampSchema,
});
export type AdminSite = z.infer<typeof adminSiteSchema>;

export const createSiteRequestSchema = newSiteSchema.extend({ settings: siteSettingsSchema.optional() });
export type CreateSiteRequest = z.input<typeof createSiteRequestSchema>;
export const updateSiteRequestSchema = z
  .strictObject({
    name: nameSchema.optional(),
    allowedOrigins: z.array(originSchema).min(1).max(50).optional(),
    settings: siteSettingsSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateSiteRequest = z.input<typeof updateSiteRequestSchema>;

/** The answer to creating a site or rotating its secret: the only time the secret is shown. */
export const siteSecretResponseSchema = z.strictObject({
  site: adminSiteSchema,
  identitySecret: z.string(),
});
export type SiteSecretResponse = z.infer<typeof siteSecretResponseSchema>;

export const workspaceSettingsSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  firstResponseTargetMinutes: z.number().int(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
export const updateWorkspaceRequestSchema = z
  .strictObject({
    name: nameSchema.optional(),
    firstResponseTargetMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const updateCannedReplyRequestSchema = z
  .strictObject({
    teamId: idSchema.nullable().optional(),
    shortcut: cannedShortcutSchema.optional(),
    title: nameSchema.optional(),
    body: cannedReplyInputSchema.shape.body.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
