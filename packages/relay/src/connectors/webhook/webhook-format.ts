/**
 * The generic webhook's documented format (docs/channels.md), for any source eyelevel has no
 * connector for: a forum, a review site, an in-house app. Deliveries and replies are signed the
 * same way: `X-Eyelevel-Timestamp` (Unix seconds) and `X-Eyelevel-Signature: v1=<hex>`, the
 * HMAC-SHA256 of `<timestamp>.<raw body>` with the channel's signing secret; a delivery older or
 * newer than five minutes is refused, so a captured request cannot be replayed later.
 */
import { z } from 'zod';

export const TIMESTAMP_HEADER = 'x-eyelevel-timestamp';
export const SIGNATURE_HEADER = 'x-eyelevel-signature';
export const SIGNATURE_PREFIX = 'v1=';
export const REPLAY_WINDOW_SECONDS = 300;

const id = z.string().min(1).max(500);
const url = z.url({ protocol: /^https?$/ }).max(2048);

export const webhookEventSchema = z.strictObject({
  /** Unique at the source: the same id (and type) delivered twice is stored once. */
  id,
  type: z.enum(['post', 'edited', 'removed']).default('post'),
  /** Posts with the same thread id are one conversation. */
  thread: z.strictObject({ id, url: url.optional() }),
  /** The event id of the post this one answers, if any. */
  inReplyTo: id.optional(),
  author: z.strictObject({
    id,
    name: z.string().max(200).optional(),
    handle: z.string().max(200).optional(),
    url: url.optional(),
  }),
  text: z.string().max(20_000).default(''),
  url: url.optional(),
  createdAt: z.iso.datetime({ offset: true }).optional(),
});

export const webhookDeliverySchema = z.strictObject({
  events: z.array(webhookEventSchema).min(1).max(100),
});

/** What a source answers to a reply we POST to its reply URL (all optional). */
export const webhookReplyAnswerSchema = z.looseObject({
  id: z.string().max(500).optional(),
  url: z.string().max(2048).optional(),
}).nullable();
