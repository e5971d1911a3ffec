/**
 * X (issue 5, item 2). Mentions arrive by polling the v2 mentions timeline with `since_id`
 * and, where the app is registered for the Account Activity API, by webhook: the CRC challenge
 * is answered with `sha256=` + base64 HMAC-SHA256 of the `crc_token` under the consumer secret,
 * and every delivery's `x-twitter-webhooks-signature` is checked the same way over the raw body
 * before anything in it is read. Replies are posts with `reply.in_reply_to_tweet_id`; replies to
 * the brand's posts can be hidden. The user token is refreshed by the relay (x-tokens.ts).
 * Tracked keywords and hashtags are followed through the filtered stream (x-listening.ts).
 *
 * A thread here is one person's posts in one X conversation: everyone answering under a brand
 * post would otherwise pile into one case.
 */
import type { Connector, ConnectorContext, InboundPost, ModerationAction, OutboundReply, PlatformResult, WebhookOutcome, WebhookRequest } from '../connector.js';
import { PlatformHttp, type RequestOptions } from '../shared/platform-http.js';
import { PlatformError } from '../shared/platform-error.js';
import { Poller } from '../shared/poller.js';
import { decodeEntities } from '../shared/html-to-text.js';
import { decodeDigest, digestsEqual, hmacSha256 } from '../shared/signatures.js';
import { parseJsonBody, refuse } from '../shared/webhook-body.js';
import { activitySchema, createdSchema, hiddenSchema, mentionsSchema } from './x-schemas.js';
import { XTokens } from './x-tokens.js';
import { XListening } from './x-listening.js';
import { V2_POST_FIELDS, postUrl, v2PostToInbound } from './x-posts.js';
import type { z } from 'zod';

const PAGE = 100;
const MAX_PAGES = 5;
const SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

export function xConnector(context: ConnectorContext): Connector {
  const http = new PlatformHttp(context.fetch, context.channel.baseUrl ?? 'https://api.x.com');
  const tokens = new XTokens(context, http);

  /** A call as the brand account; a rejected (expired) token is refreshed once, where it can be. */
  async function api<S extends z.ZodType>(method: string, path: string, options: RequestOptions<S>) {
    const token = await tokens.accessToken();
    const as = (value: string) => ({ ...options, headers: { ...options.headers, authorization: `Bearer ${value}` } });
    try {
      return await http.request(method, path, as(token));
    } catch (error) {
      if (!(error instanceof PlatformError) || error.status !== 401 || !(await tokens.renew(token))) throw error;
      return http.request(method, path, as(await tokens.accessToken()));
    }
  }
  const accountId = () => context.channel.accountId ?? '';

  async function poll(): Promise<void> {
    const sinceId = typeof context.channel.state.sinceId === 'string' ? context.channel.state.sinceId : undefined;
    const posts: InboundPost[] = [];
    let newest: string | undefined;
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data } = await api('GET', `/2/users/${encodeURIComponent(accountId())}/mentions`, {
        query: {
          since_id: sinceId,
          pagination_token: token,
          max_results: String(PAGE),
          ...V2_POST_FIELDS,
        },
        schema: mentionsSchema,
      });
      newest ??= data.meta?.newest_id;
      for (const post of data.data ?? []) posts.push(v2PostToInbound(post, data.includes?.users));
      token = data.meta?.next_token;
      // The first poll of a new channel takes the latest page, not the account's history.
      if (!token || sinceId === undefined) break;
    }
    await context.ingest(posts.reverse());
    if (newest) await context.saveState({ sinceId: newest });
  }

  const listening = new XListening(context);
  // A good poll must not hide a listening problem (rules X refused): health reports both.
  const poller = new Poller(context.channel.settings.pollSeconds * 1000, poll, context.log, (error) => context.reportHealth(error ?? listening.problem));

  function webhook(request: WebhookRequest): WebhookOutcome {
    const secret = context.credentials.consumerSecret;
    if (!secret) return refuse(404, 'this channel has no consumer secret: Account Activity webhooks are off');
    if (request.method === 'GET') {
      const token = request.query.get('crc_token');
      if (!token) return refuse(400, 'crc_token missing');
      const responseToken = `sha256=${hmacSha256(secret, token).toString('base64')}`;
      return { kind: 'answer', answer: { status: 200, body: JSON.stringify({ response_token: responseToken }), contentType: 'application/json' } };
    }
    const received = decodeDigest(request.headers.get(SIGNATURE_HEADER), 'sha256=', 'base64');
    if (received === null || !digestsEqual(hmacSha256(secret, request.rawBody), received)) {
      return refuse(401, 'x-twitter-webhooks-signature missing or wrong');
    }
    const parsed = parseJsonBody(request.rawBody, activitySchema);
    if (!parsed.ok) return parsed.outcome;
    const activity = parsed.value;
    // One app webhook serves every subscribed account: only this channel's account counts here.
    if (activity.for_user_id !== accountId()) return { kind: 'posts', posts: [] };
    const posts: InboundPost[] = [];
    for (const tweet of activity.tweet_create_events ?? []) {
      const text = tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '';
      posts.push({
        platformId: tweet.id_str,
        event: 'post',
        // v1.1 posts name no conversation: a reply joins the case of the post it answers.
        threadKey: `${tweet.id_str}:${tweet.user.id_str}`,
        replyToId: tweet.in_reply_to_status_id_str ?? null,
        author: { id: tweet.user.id_str, handle: `@${tweet.user.screen_name}`, name: tweet.user.name ?? null, url: `https://x.com/${tweet.user.screen_name}` },
        text: decodeEntities(text),
        url: postUrl(tweet.user.screen_name, tweet.id_str),
        createdAt: tweet.created_at ? Date.parse(tweet.created_at) || Date.now() : Date.now(),
      });
    }
    for (const deleted of activity.tweet_delete_events ?? []) {
      posts.push({
        platformId: deleted.status.id,
        event: 'removed',
        threadKey: '',
        replyToId: null,
        author: { id: deleted.status.user_id, handle: deleted.status.user_id, name: null, url: null },
        text: '',
        url: null,
        createdAt: Number(deleted.timestamp_ms) || Date.now(),
      });
    }
    return { kind: 'posts', posts };
  }

  async function call(run: () => Promise<{ platformId: string | null; url: string | null }>): Promise<PlatformResult> {
    try {
      return { ok: true, ...(await run()) };
    } catch (error) {
      if (error instanceof PlatformError) return { ok: false, error: error.message, ...(error.retryAt !== null ? { retryAt: error.retryAt } : {}) };
      throw error;
    }
  }

  return {
    kind: 'x',
    async start() {
      poller.start();
      await listening.start();
    },
    async stop() {
      poller.stop();
      await listening.stop();
    },
    retire: () => listening.retire(),
    pollNow: () => poller.now(),
    webhook: async (request) => webhook(request),

    reply: (reply: OutboundReply) =>
      call(async () => {
        const { data } = await api('POST', '/2/tweets', {
          json: { text: reply.text, reply: { in_reply_to_tweet_id: reply.inReplyTo.platformId } },
          schema: createdSchema,
        });
        const handle = (context.channel.handle ?? '').replace(/^@/, '') || 'i';
        return { platformId: data.data.id, url: postUrl(handle, data.data.id) };
      }),

    moderate: (action: ModerationAction, target) =>
      call(async () => {
        if (action === 'delete') throw new PlatformError('X does not let a brand delete others’ posts', null);
        await api('PUT', `/2/tweets/${encodeURIComponent(target.platformId)}/hidden`, { json: { hidden: action === 'hide' }, schema: hiddenSchema });
        return { platformId: target.platformId, url: target.context.url ?? null };
      }),
  };
}
