/**
 * Outbound webhooks (issue 6): a workspace's own endpoints that receive its events (spike
 * alerts) as signed JSON POSTs. Signed like the generic webhook channel (docs/channels.md):
 * `X-Eyelevel-Timestamp` and `X-Eyelevel-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 * The secret is shown once, when the webhook is created.
 */
import { z } from 'zod';
import { idSchema, timestampSchema } from './primitives.js';

export const OUTBOUND_EVENTS = ['spike.alert'] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENTS)[number];

export const newOutboundWebhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  description: z.string().trim().max(200).default(''),
  events: z.array(z.enum(OUTBOUND_EVENTS)).min(1).default(['spike.alert']),
});
export type NewOutboundWebhook = z.input<typeof newOutboundWebhookSchema>;

export const outboundWebhookSchema = z.strictObject({
  id: idSchema,
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(OUTBOUND_EVENTS)),
  createdAt: timestampSchema,
  /** The latest delivery attempt's outcome, if any. */
  lastDelivery: z
    .strictObject({ status: z.enum(['pending', 'delivered', 'failed']), at: timestampSchema, error: z.string().nullable() })
    .nullable(),
});
export type OutboundWebhook = z.infer<typeof outboundWebhookSchema>;

/** The answer to creating a webhook: the only time its signing secret is shown. */
export const createdOutboundWebhookSchema = z.strictObject({ webhook: outboundWebhookSchema, secret: z.string() });
export type CreatedOutboundWebhook = z.infer<typeof createdOutboundWebhookSchema>;

/** What a webhook receives. `id` is the same on every retry of one event: receivers dedupe by it. */
export const outboundEventSchema = z.strictObject({
  id: idSchema,
  type: z.enum(OUTBOUND_EVENTS),
  workspaceId: idSchema,
  createdAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type OutboundEvent = z.infer<typeof outboundEventSchema>;
