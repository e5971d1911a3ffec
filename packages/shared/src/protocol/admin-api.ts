/**
 * Inputs for creating tenants' resources (CLI now, admin API later), validated the same way
 * wherever they come from.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { emailSchema, nameSchema, roleSchema } from './primitives.js';

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
