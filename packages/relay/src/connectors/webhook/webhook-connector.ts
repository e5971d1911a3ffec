/**
 * The generic webhook connector (issue 5, item 6): verifies each delivery's signature and
 * timestamp on the raw bytes before reading a single field, then hands its events to the
 * channel runtime; replies go to the channel's reply URL, signed the same way, with the reply's
 * id as `Idempotency-Key` so a source that saw it once can ignore a second copy.
 */
import { createHash } from 'node:crypto';
import type { Connector, ConnectorContext, InboundPost, OutboundReply, PlatformResult, WebhookOutcome, WebhookRequest } from '../connector.js';
import { decodeDigest, digestsEqual, hmacSha256 } from '../shared/signatures.js';
import { PlatformHttp } from '../shared/platform-http.js';
import { PlatformError } from '../shared/platform-error.js';
import { parseJsonBody, refuse } from '../shared/webhook-body.js';
import {
  REPLAY_WINDOW_SECONDS,
  SIGNATURE_HEADER,
  SIGNATURE_PREFIX,
  TIMESTAMP_HEADER,
  webhookDeliverySchema,
  webhookReplyAnswerSchema,
} from './webhook-format.js';

export function signWebhookBody(secret: string, timestamp: number, body: string | Buffer): string {
  const payload = Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
  return SIGNATURE_PREFIX + hmacSha256(secret, payload).toString('hex');
}

export function webhookConnector(context: ConnectorContext): Connector {
  const secret = () => context.credentials.signingSecret ?? '';

  return {
    kind: 'webhook',

    async webhook(request: WebhookRequest): Promise<WebhookOutcome> {
      if (request.method !== 'POST') return refuse(405, 'deliveries are POSTed');
      const timestampText = request.headers.get(TIMESTAMP_HEADER);
      const received = decodeDigest(request.headers.get(SIGNATURE_HEADER), SIGNATURE_PREFIX, 'hex');
      if (timestampText === null || received === null || !/^\d{1,12}$/.test(timestampText)) {
        return refuse(401, 'missing or malformed signature headers');
      }
      const timestamp = Number(timestampText);
      const expected = hmacSha256(secret(), Buffer.concat([Buffer.from(`${timestampText}.`), request.rawBody]));
      // Compare first, then the window: both refusals look the same from outside.
      const valid = digestsEqual(expected, received);
      if (!valid || Math.abs(Date.now() / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) {
        return refuse(401, 'signature does not match, or the timestamp is outside the replay window');
      }
      const delivery = parseJsonBody(request.rawBody, webhookDeliverySchema);
      if (!delivery.ok) return delivery.outcome;
      const posts: InboundPost[] = delivery.value.events.map((event) => ({
        platformId: event.id,
        event: event.type,
        threadKey: event.thread.id,
        replyToId: event.inReplyTo ?? null,
        author: {
          id: event.author.id,
          handle: event.author.handle ?? event.author.name ?? event.author.id,
          name: event.author.name ?? null,
          url: event.author.url ?? null,
        },
        text: event.text,
        url: event.url ?? null,
        threadUrl: event.thread.url ?? null,
        createdAt: event.createdAt ? Date.parse(event.createdAt) : Date.now(),
        replyContext: { thread: event.thread.id },
      }));
      return { kind: 'posts', posts };
    },

    async reply(reply: OutboundReply): Promise<PlatformResult> {
      const replyUrl = context.channel.settings.network.replyUrl;
      // No reply URL: the source reads replies some other way; the reply is in eyelevel's log.
      if (typeof replyUrl !== 'string' || replyUrl === '') return { ok: true, platformId: null, url: null };
      const body = JSON.stringify({
        id: reply.postId,
        thread: { id: reply.inReplyTo.context.thread ?? reply.threadKey },
        inReplyTo: reply.inReplyTo.platformId,
        text: reply.text,
        createdAt: new Date().toISOString(),
      });
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const http = new PlatformHttp(context.fetch, replyUrl);
        const { data } = await http.request('POST', '', {
          schema: webhookReplyAnswerSchema,
          // Sent as the exact bytes that were signed.
          rawJson: body,
          headers: {
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: signWebhookBody(secret(), timestamp, body),
            'idempotency-key': reply.postId,
          },
        });
        return { ok: true, platformId: data?.id ?? `eyelevel:${createHash('sha256').update(reply.postId).digest('hex').slice(0, 16)}`, url: data?.url ?? null };
      } catch (error) {
        if (error instanceof PlatformError) return { ok: false, error: error.message, ...(error.retryAt !== null ? { retryAt: error.retryAt } : {}) };
        throw error;
      }
    },
  };
}
