/**
 * Frames between a visitor's widget and the relay (`/ws/visitor?site=<public key>`).
 * Client frames are strict: an unknown key is an error, never silently dropped, so a typo in a
 * client shows up at once instead of as a feature that quietly does nothing.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { ERROR_CODE_NAMES } from './error-codes.js';
import { authorSchema, conversationEventSchema } from './events.js';
import { prechatSettingsSchema } from './site-settings.js';
import {
  clientIdSchema,
  emailSchema,
  externalIdSchema,
  idSchema,
  messageTextSchema,
  nameSchema,
  phoneSchema,
  seqSchema,
  timestampSchema,
  tokenSchema,
} from './primitives.js';

/** What the widget knows about where the visitor is; shown to agents as context. */
export const pageContextSchema = z.strictObject({
  url: z.string().max(LIMITS.maxUrlLength).optional(),
  title: z.string().max(LIMITS.maxTitleLength).optional(),
  locale: z.string().max(35).optional(),
});

/**
 * Where the conversation belongs (issue 3): a careers page names the recruiting team and the
 * job. Only used when a conversation starts; an unknown team falls back to the default queue.
 */
export const visitorContextSchema = z.strictObject({
  /** A team's slug in the workspace, e.g. `recruiting`. */
  team: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'team slugs contain only letters, digits, _ and -').optional(),
  jobId: z.string().trim().min(1).max(LIMITS.maxJobIdLength).optional(),
  jobTitle: z.string().trim().min(1).max(LIMITS.maxTopicLength).optional(),
});
export type VisitorContext = z.infer<typeof visitorContextSchema>;

/**
 * A signed-in user the host site vouches for. `hash` is the hex HMAC-SHA256 of `id` with the
 * site's identity secret; `jwt` is an HS256 token (claims `sub` = id, `name`, `email`, `exp`)
 * signed with the same secret. Without a valid proof the relay treats the visitor as anonymous
 * and `name`/`email` as unverified claims.
 */
export const visitorIdentitySchema = z.strictObject({
  id: externalIdSchema,
  name: nameSchema.optional(),
  email: emailSchema.optional(),
  hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'hash is 64 hex digits (HMAC-SHA256)').optional(),
  jwt: z.string().max(LIMITS.maxJwtLength).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'jwt is three base64url parts').optional(),
});
export type VisitorIdentity = z.infer<typeof visitorIdentitySchema>;

// ---- visitor -> relay -------------------------------------------------------------------------

/**
 * A signed private-link token as the relay mints it: `v1.<payload>.<signature>`, base64url.
 * Longer than a session token: the payload names workspace, conversation and site.
 */
export const privateLinkTokenSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_.-]+$/, 'a private-link token contains only letters, digits and _ . -');

export const visitorHelloSchema = z.strictObject({
  type: z.literal('hello'),
  v: z.number().int(),
  siteKey: z.string().min(1).max(100),
  /** The session token from an earlier `welcome`; omitted on a visitor's first visit. */
  token: tokenSchema.optional(),
  /** Highest seq the widget already has; the relay replays everything after it. */
  lastSeq: seqSchema.optional(),
  profile: z
    .strictObject({ name: nameSchema.optional(), email: emailSchema.optional() })
    .optional(),
  page: pageContextSchema.optional(),
  /** Team and job for a conversation this visitor starts (careers pages). */
  context: visitorContextSchema.optional(),
  /** The host site's proof of who the visitor is; see `visitorIdentitySchema`. */
  identity: visitorIdentitySchema.optional(),
  /**
   * A private link's token (issue 5, `#eyelevel-continue=` on the page URL): the socket follows
   * that social conversation, privately. A refused token is reported as an error frame after
   * `welcome`; the visitor then continues as they were.
   */
  continue: privateLinkTokenSchema.optional(),
});

export const visitorSendSchema = z.strictObject({
  type: z.literal('send'),
  /** Client-chosen id; a retry with the same id is stored once and acked with the same seq. */
  id: clientIdSchema,
  text: messageTextSchema,
});

/** Ask again for everything after `lastSeq`, e.g. when the tab becomes visible. */
export const visitorResumeSchema = z.strictObject({
  type: z.literal('resume'),
  lastSeq: seqSchema,
});

export const typingSchema = z.strictObject({ type: z.literal('typing'), on: z.boolean() });
export const visitorReadSchema = z.strictObject({ type: z.literal('read'), seq: seqSchema });
export const pingSchema = z.strictObject({ type: z.literal('ping') });

/**
 * The host page identified the visitor after `hello` (sign-in without reload). The relay
 * answers with a new `welcome`: a verified identity may switch the socket to the contact's own
 * visitor and conversation (with a new session token).
 */
export const visitorIdentifySchema = visitorIdentitySchema.extend({ type: z.literal('identify') });

/** The host page changed the context after `hello`; applies to the next conversation started. */
export const visitorSetContextSchema = visitorContextSchema.extend({ type: z.literal('context') });

/**
 * The pre-chat form's answers (or the offline form's e-mail) and the visitor's consent. Acked
 * like `send`: it carries a client id, starts the conversation if there is none, is stored once
 * however often it is retried, and is acknowledged after commit.
 */
export const visitorProfileSchema = z.strictObject({
  type: z.literal('profile'),
  id: clientIdSchema,
  name: nameSchema.optional(),
  email: emailSchema.optional(),
  topic: z.string().trim().min(1).max(LIMITS.maxTopicLength).optional(),
  consent: z
    .strictObject({
      /** When the visitor ticked the box, by their clock. */
      at: timestampSchema,
      /** `welcome.site.prechat.textVersion` of the text they agreed to. */
      textVersion: z.string().min(1).max(64),
    })
    .optional(),
});

/**
 * Please call me back. Acked like `send` (client id, stored once, ack after commit); the relay
 * keeps it as a task agents take and finish, and the log shows each step to both sides.
 */
export const visitorCallbackSchema = z.strictObject({
  type: z.literal('callback'),
  id: clientIdSchema,
  phone: phoneSchema,
  preferredTime: z.string().trim().min(1).max(LIMITS.maxPreferredTimeLength).optional(),
  note: z.string().trim().min(1).max(LIMITS.maxNoteLength).optional(),
});

/** The visitor's rating of a `csat_requested` entry (`seq`); acked like `send`, one per request. */
export const visitorCsatSchema = z.strictObject({
  type: z.literal('csat'),
  id: clientIdSchema,
  seq: seqSchema.min(1),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().min(1).max(LIMITS.maxNoteLength).optional(),
});

export const visitorClientFrameSchema = z.discriminatedUnion('type', [
  visitorHelloSchema,
  visitorSendSchema,
  visitorResumeSchema,
  typingSchema,
  visitorReadSchema,
  pingSchema,
  visitorIdentifySchema,
  visitorSetContextSchema,
  visitorProfileSchema,
  visitorCallbackSchema,
  visitorCsatSchema,
]);
export type VisitorClientFrame = z.infer<typeof visitorClientFrameSchema>;
export type VisitorHello = z.infer<typeof visitorHelloSchema>;

// ---- relay -> visitor -------------------------------------------------------------------------

export const visitorWelcomeSchema = z.strictObject({
  type: z.literal('welcome'),
  v: z.number().int(),
  /** Present when the relay issued a new session; the widget stores it to come back later. */
  token: tokenSchema.nullable(),
  visitorId: idSchema,
  conversationId: idSchema.nullable(),
  /** Highest seq in the visitor's conversation; replay brings the widget up to it. */
  lastSeq: seqSchema,
  /** Highest seq an agent has read, for read receipts. */
  agentReadSeq: seqSchema,
  site: z.strictObject({
    name: z.string(),
    /** The team of the hello's context (careers: the recruiters), to show who will answer. */
    team: z.strictObject({ name: z.string(), members: z.array(authorSchema) }).optional(),
    /** The site's pre-chat form; `textVersion` names its privacy text for the consent record. */
    prechat: prechatSettingsSchema.extend({ textVersion: z.string().nullable() }).optional(),
    /** Live chat right now? Business hours and agent presence; later changes come as `availability`. */
    availability: z.lazy(() => availabilityBodySchema).optional(),
  }),
  /** Whether the relay verified the hello's (or identify's) identity; absent from v1 relays. */
  verified: z.boolean().optional(),
});

/**
 * Whether agents can answer live: within the site's business hours and an agent (of the
 * context's team) online. Offline, widgets turn into a leave-a-message form.
 */
export const availabilityBodySchema = z.strictObject({
  online: z.boolean(),
  /** When business hours start again (epoch ms), when closed by the hours. */
  nextOpenAt: timestampSchema.optional(),
});

/** Pushed when the availability `welcome` reported changes (presence, business hours). */
export const availabilitySchema = availabilityBodySchema.extend({ type: z.literal('availability') });

export const ackSchema = z.strictObject({
  type: z.literal('ack'),
  id: clientIdSchema,
  seq: seqSchema.min(1),
  at: timestampSchema,
  conversationId: idSchema,
});

export const visitorEventFrameSchema = z.strictObject({
  type: z.literal('event'),
  event: conversationEventSchema,
});

/** Events `from`..`to` existed but cannot be replayed (e.g. removed by retention). */
export const gapSchema = z.strictObject({
  type: z.literal('gap'),
  from: seqSchema,
  to: seqSchema,
});

export const visitorTypingOutSchema = z.strictObject({
  type: z.literal('typing'),
  on: z.boolean(),
  author: authorSchema,
});

export const visitorReadOutSchema = z.strictObject({
  type: z.literal('read'),
  /** The agents have read everything up to this seq. */
  seq: seqSchema,
});

export const errorFrameSchema = z.strictObject({
  type: z.literal('error'),
  code: z.enum(ERROR_CODE_NAMES),
  message: z.string(),
  /** The client id of the send this error answers, when it answers one. */
  ref: z.string().nullable(),
});
export type ErrorFrame = z.infer<typeof errorFrameSchema>;

export const pongSchema = z.strictObject({ type: z.literal('pong'), at: timestampSchema });

export const visitorServerFrameSchema = z.discriminatedUnion('type', [
  visitorWelcomeSchema,
  ackSchema,
  visitorEventFrameSchema,
  gapSchema,
  visitorTypingOutSchema,
  visitorReadOutSchema,
  errorFrameSchema,
  pongSchema,
  availabilitySchema,
]);
export type VisitorServerFrame = z.infer<typeof visitorServerFrameSchema>;
