/**
 * Social channels (issue 5) as the console and the admin API see them: which networks a
 * workspace is connected to, how a public reply there is measured, and what a social
 * conversation says about where it came from. Credentials never appear here: the admin API
 * accepts them, the relay stores them encrypted, and no response ever carries them back.
 */
import { z } from 'zod';
import { TEXT_COUNTINGS } from '../text/reply-rules.js';
import { idSchema, nameSchema, timestampSchema } from './primitives.js';

/** Networks a channel can be: every channel kind but the web widget. */
export const SOCIAL_NETWORKS = ['x', 'facebook', 'mastodon', 'bluesky', 'webhook'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];
export const socialNetworkSchema = z.enum(SOCIAL_NETWORKS);

/** A signature template: `{initials}` or `{INITIALS}` is where the agent's initials go. */
export const signatureTemplateSchema = z
  .string()
  .max(40)
  .refine((value) => /\{initials\}|\{INITIALS\}/.test(value), 'a signature contains {initials} or {INITIALS}');

export const replyRulesSchema = z.strictObject({
  counting: z.enum(TEXT_COUNTINGS),
  maxLength: z.number().int().positive(),
  urlLength: z.number().int().positive().optional(),
  signature: z.string(),
});

/** A channel as every console of the workspace knows it (in the `directory` frame). */
export const channelInfoSchema = z.strictObject({
  id: idSchema,
  kind: socialNetworkSchema,
  name: z.string(),
  /** The account the channel answers as (`@brand`, the page's name). */
  handle: z.string().nullable(),
  /** What the composer needs to count a reply exactly as the relay and the platform will. */
  reply: replyRulesSchema,
  /** Hide, unhide and delete the platform offers for others' posts in this channel. */
  moderation: z.array(z.enum(['hide', 'unhide', 'delete'])),
  status: z.enum(['active', 'paused', 'failing']),
});
export type ChannelInfo = z.infer<typeof channelInfoSchema>;

/** Where a social conversation came from, on its queue row. */
export const socialContextSchema = z.strictObject({
  channelId: idSchema,
  /** The author, as the platform names them; text, never markup. */
  author: z.strictObject({
    handle: z.string(),
    name: z.string().nullable(),
    url: z.string().nullable(),
  }),
  /** A link to the thread's first post on the platform. */
  url: z.string().nullable(),
  /** Put before every reply (a Mastodon reply starts with the author's handle); counted. */
  replyPrefix: z.string(),
  /**
   * Found by listening (a tracked hashtag or keyword, not a mention): the term that matched.
   * The author did not address the brand, so joining such a conversation is the agents' choice.
   */
  listening: z.string().nullable().optional(),
});
export type SocialContext = z.infer<typeof socialContextSchema>;

// ---- the admin API (/api/admin/channels) -------------------------------------------------------

const baseUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);

/** How many new posts one author may open or add within a window before the rest are held back. */
export const floodCapSchema = z.strictObject({
  perAuthor: z.number().int().min(1).max(1000),
  windowSeconds: z.number().int().min(10).max(86_400),
});

const channelCommon = {
  name: nameSchema,
  /** The team whose queue its conversations land in; null for the workspace's general queue. */
  teamId: idSchema.nullable().optional(),
  signature: signatureTemplateSchema.optional(),
  floodCap: floodCapSchema.optional(),
  /** Poll this often (seconds) where the channel polls. */
  pollSeconds: z.number().int().min(5).max(3600).optional(),
  /**
   * Listening: hashtags and keywords tracked beyond direct mentions, where the network lets a
   * brand search (Mastodon hashtag timelines, Bluesky search, X filtered-stream rules). Their
   * posts open conversations flagged as listening results.
   */
  listen: z.array(z.string().trim().min(2).max(100)).max(20).optional(),
};

const secret = z.string().min(1).max(4096);

/** Per network: the settings and the credentials (write-only) an admin gives when connecting. */
export const newChannelSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...channelCommon,
    kind: z.literal('x'),
    baseUrl: baseUrlSchema.default('https://api.x.com'),
    /** The account's numeric user id (mentions of it are fetched; its own posts are echoes). */
    accountId: z.string().regex(/^\d{1,25}$/),
    handle: z.string().max(50),
    credentials: z
      .strictObject({
        /** OAuth 2.0 user-context access token with tweet.read, tweet.write, users.read, tweet.moderate.write. */
        accessToken: secret.optional(),
        /** With `offline.access`: the relay refreshes the access token itself (X rotates both). */
        refreshToken: secret.optional(),
        clientId: secret.optional(),
        /** For confidential clients; public (PKCE-only) clients have none. */
        clientSecret: secret.optional(),
        /** The app's consumer secret: signs the Account Activity CRC and deliveries. */
        consumerSecret: secret.optional(),
        /** The app's bearer token (OAuth 2.0 app-only): listening through filtered-stream rules. */
        bearerToken: secret.optional(),
      })
      .refine((c) => c.accessToken !== undefined || (c.refreshToken !== undefined && c.clientId !== undefined), 'give an accessToken, or a refreshToken with its clientId'),
  }),
  z.strictObject({
    ...channelCommon,
    kind: z.literal('facebook'),
    baseUrl: baseUrlSchema.default('https://graph.facebook.com/v23.0'),
    pageId: z.string().regex(/^\d{1,25}$/),
    handle: z.string().max(100),
    credentials: z.strictObject({ pageAccessToken: secret, appSecret: secret, verifyToken: secret }),
  }),
  z.strictObject({
    ...channelCommon,
    kind: z.literal('mastodon'),
    /** The instance, e.g. https://mastodon.social. */
    baseUrl: baseUrlSchema,
    streaming: z.boolean().default(true),
    credentials: z.strictObject({ accessToken: secret }),
  }),
  z.strictObject({
    ...channelCommon,
    kind: z.literal('bluesky'),
    /** The account's PDS (or the entryway, https://bsky.social). */
    baseUrl: baseUrlSchema.default('https://bsky.social'),
    credentials: z.strictObject({ identifier: z.string().min(1).max(253), appPassword: secret }),
  }),
  z.strictObject({
    ...channelCommon,
    kind: z.literal('webhook'),
    /** Where replies are POSTed (signed like deliveries); none: replies stay in eyelevel. */
    replyUrl: baseUrlSchema.nullable().default(null),
    maxReplyLength: z.number().int().min(1).max(100_000).default(5000),
    credentials: z.strictObject({ signingSecret: z.string().min(16).max(4096) }),
  }),
]);
export type NewChannelInput = z.input<typeof newChannelSchema>;
export type NewChannel = z.infer<typeof newChannelSchema>;

/**
 * The credentials each network takes, by name: what `credentials` of a new channel may hold and
 * what an update may replace (the admin console offers exactly these fields, write-only).
 */
export const CHANNEL_CREDENTIALS = {
  x: ['accessToken', 'refreshToken', 'clientId', 'clientSecret', 'consumerSecret', 'bearerToken'],
  facebook: ['pageAccessToken', 'appSecret', 'verifyToken'],
  mastodon: ['accessToken'],
  bluesky: ['identifier', 'appPassword'],
  webhook: ['signingSecret'],
} as const satisfies Record<SocialNetwork, readonly string[]>;

/** Change a channel: its common settings, pause it, or replace its credentials (whole). */
export const updateChannelSchema = z.strictObject({
  ...channelCommon,
  name: nameSchema.optional(),
  paused: z.boolean().optional(),
  baseUrl: baseUrlSchema.optional(),
  credentials: z.record(z.string(), secret).optional(),
});
export type UpdateChannel = z.infer<typeof updateChannelSchema>;

/** A channel as the admin API returns it: everything but its credentials. */
export const channelViewSchema = z.strictObject({
  id: idSchema,
  kind: socialNetworkSchema,
  name: z.string(),
  handle: z.string().nullable(),
  teamId: idSchema.nullable(),
  baseUrl: z.string().nullable(),
  signature: z.string(),
  floodCap: floodCapSchema,
  pollSeconds: z.number().int(),
  listen: z.array(z.string()),
  status: z.enum(['active', 'paused', 'failing']),
  lastError: z.string().nullable(),
  /** The URL to register with the platform for webhook deliveries (X, Facebook, generic). */
  webhookPath: z.string().nullable(),
  /** Which credentials are set (names only, never values). */
  credentialsSet: z.array(z.string()),
  createdAt: timestampSchema,
});
export type ChannelView = z.infer<typeof channelViewSchema>;
