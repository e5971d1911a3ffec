/**
 * Where networks deliver (issue 5): `GET|POST /api/channels/:id/webhook`. The request reaches
 * the channel's connector as raw bytes and headers, untouched, because signatures are computed
 * over exactly those bytes; nothing is parsed before the connector verified it. Unknown
 * channels and channels without webhooks answer 404.
 */
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { ChannelRuntime } from '../connectors/channel-runtime.js';

/** Facebook batches up to 1,000 changes in one delivery; anything larger is not a platform's. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

export function channelWebhookRoutes(runtime: ChannelRuntime, log: Logger): Hono {
  const app = new Hono();

  app.on(['GET', 'POST'], '/:id/webhook', async (c) => {
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > MAX_WEBHOOK_BYTES) return c.json({ error: 'body too large' }, 413);
    const rawBody = c.req.method === 'POST' ? Buffer.from(await c.req.arrayBuffer()) : Buffer.alloc(0);
    if (rawBody.length > MAX_WEBHOOK_BYTES) return c.json({ error: 'body too large' }, 413);
    const answer = await runtime.webhook(c.req.param('id'), {
      method: c.req.method as 'GET' | 'POST',
      query: new URL(c.req.url).searchParams,
      headers: c.req.raw.headers,
      rawBody,
    });
    if (answer.status >= 400) log.warn({ channelId: c.req.param('id'), status: answer.status }, 'webhook delivery refused');
    return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType ?? 'text/plain; charset=utf-8' });
  });

  return app;
}
