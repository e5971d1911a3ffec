/**
 * The parts of Mastodon's entities the connector reads, validated at the edge. Loose objects:
 * Mastodon sends many more fields and adds some in every release. Shapes from
 * https://docs.joinmastodon.org/entities/Notification/, /entities/Status/, /entities/Account/
 * and /entities/Instance/ (the v2 instance's `configuration`).
 */
import { z } from 'zod';

export const accountSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  /** `ann` on our own instance, `ann@social.example` elsewhere. */
  acct: z.string(),
  display_name: z.string().default(''),
  url: z.string().nullable().default(null),
});

export const statusSchema = z.looseObject({
  id: z.string(),
  uri: z.string(),
  url: z.string().nullable().optional(),
  created_at: z.string(),
  in_reply_to_id: z.string().nullable(),
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']),
  spoiler_text: z.string().default(''),
  content: z.string(),
  account: accountSchema,
});
export type MastodonStatus = z.infer<typeof statusSchema>;
export const statusesSchema = z.array(statusSchema);

export const notificationSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  created_at: z.string(),
  account: accountSchema,
  status: statusSchema.nullable().optional(),
});
export type MastodonNotification = z.infer<typeof notificationSchema>;

export const notificationsSchema = z.array(notificationSchema);

export const instanceSchema = z.looseObject({
  domain: z.string().optional(),
  configuration: z.looseObject({
    urls: z.looseObject({ streaming: z.string().optional() }).optional(),
    statuses: z
      .looseObject({
        max_characters: z.number().int().positive().optional(),
        characters_reserved_per_url: z.number().int().positive().optional(),
      })
      .optional(),
  }),
});
