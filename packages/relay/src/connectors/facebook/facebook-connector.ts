/**
 * Facebook pages (issue 5, item 3). Everything arrives by webhook: the subscription is verified
 * with `hub.mode`, `hub.verify_token` (compared in constant time) and `hub.challenge`; every
 * delivery's `X-Hub-Signature-256` (hex HMAC-SHA256 of the raw body with the app secret) is
 * checked before the body is read. A delivery batches entries and changes: each `feed` change
 * of this page becomes a post, an edit, a removal or a hide; reactions, likes and shares are
 * not conversations. The page's own comments are echoes (its id is the channel's account).
 *
 * A conversation is a comment chain: a top-level comment and the replies under it (Facebook
 * nests one level), or a visitor's post on the page with its comments. Replies are comments on
 * the chain's top-level comment; comments can be hidden, unhidden and deleted.
 */
import type { Connector, ConnectorContext, InboundEvent, InboundPost, ModerationAction, OutboundReply, PlatformResult, WebhookOutcome, WebhookRequest } from '../connector.js';
import { PlatformHttp } from '../shared/platform-http.js';
import { PlatformError } from '../shared/platform-error.js';
import { decodeDigest, digestsEqual, hmacSha256 } from '../shared/signatures.js';
import { parseJsonBody, refuse } from '../shared/webhook-body.js';
import { constantTimeEqual } from '../../security/tokens.js';
import { createdSchema, deliverySchema, feedValueSchema, successSchema, type FeedValue } from './facebook-schemas.js';

const VERBS: Record<string, InboundEvent> = { add: 'post', edited: 'edited', edit: 'edited', remove: 'removed', hide: 'hidden', unhide: 'unhidden' };

export function facebookConnector(context: ConnectorContext): Connector {
  const http = new PlatformHttp(context.fetch, context.channel.baseUrl ?? 'https://graph.facebook.com/v23.0', () => ({
    authorization: `Bearer ${context.credentials.pageAccessToken ?? ''}`,
  }));
  const pageId = () => context.channel.accountId ?? '';

  function verifySubscription(query: URLSearchParams): WebhookOutcome {
    const token = query.get('hub.verify_token') ?? '';
    const challenge = query.get('hub.challenge');
    if (query.get('hub.mode') !== 'subscribe' || !constantTimeEqual(token, context.credentials.verifyToken ?? '') || challenge === null) {
      return refuse(403, 'verification failed: wrong hub.mode or hub.verify_token');
    }
    return { kind: 'answer', answer: { status: 200, body: challenge, contentType: 'text/plain' } };
  }

  function toPost(value: FeedValue): InboundPost | null {
    const event = VERBS[value.verb];
    if (!event || (value.item !== 'comment' && value.item !== 'post' && value.item !== 'status')) return null;
    const isComment = value.item === 'comment';
    const platformId = isComment ? value.comment_id : value.post_id;
    if (!platformId || !value.post_id) return null;
    const from = value.from ?? { id: 'unknown', name: 'Facebook user' };
    // A reply under a comment names that comment as parent; a top-level comment names the post.
    const parent = isComment && value.parent_id && value.parent_id !== value.post_id ? value.parent_id : null;
    const chain = isComment ? (parent ?? platformId) : platformId;
    const created = typeof value.created_time === 'number' ? value.created_time * 1000 : Date.parse(String(value.created_time ?? '')) || Date.now();
    return {
      platformId,
      event,
      threadKey: chain,
      // A top-level comment under a visitor's post continues that post's conversation.
      replyToId: isComment ? (parent ?? value.post_id) : null,
      author: { id: from.id, handle: from.name ?? from.id, name: from.name ?? null, url: null },
      text: value.message ?? '',
      url: value.permalink_url ?? `https://www.facebook.com/${platformId}`,
      createdAt: created,
      // Replies go on the top-level comment (or the post): Facebook nests one level only.
      replyContext: { replyOn: chain },
    };
  }

  function webhook(request: WebhookRequest): WebhookOutcome {
    if (request.method === 'GET') return verifySubscription(request.query);
    const received = decodeDigest(request.headers.get('x-hub-signature-256'), 'sha256=', 'hex');
    if (received === null || !digestsEqual(hmacSha256(context.credentials.appSecret ?? '', request.rawBody), received)) {
      return refuse(401, 'X-Hub-Signature-256 missing or wrong');
    }
    const parsed = parseJsonBody(request.rawBody, deliverySchema);
    if (!parsed.ok) return parsed.outcome;
    if (parsed.value.object !== 'page') return { kind: 'posts', posts: [] };
    const posts: InboundPost[] = [];
    for (const entry of parsed.value.entry) {
      // One app can serve several pages; this channel is one of them.
      if (entry.id !== pageId()) continue;
      for (const change of entry.changes ?? []) {
        if (change.field !== 'feed') continue;
        const value = feedValueSchema.safeParse(change.value);
        if (!value.success) continue;
        const post = toPost(value.data);
        if (post) posts.push(post);
      }
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
    kind: 'facebook',
    webhook: async (request) => webhook(request),

    reply: (reply: OutboundReply) =>
      call(async () => {
        const on = reply.inReplyTo.context.replyOn ?? reply.inReplyTo.platformId;
        const { data } = await http.request('POST', `/${encodeURIComponent(on)}/comments`, { form: { message: reply.text }, schema: createdSchema });
        return { platformId: data.id, url: `https://www.facebook.com/${data.id}` };
      }),

    moderate: (action: ModerationAction, target) =>
      call(async () => {
        const path = `/${encodeURIComponent(target.platformId)}`;
        if (action === 'delete') await http.request('DELETE', path, { schema: successSchema });
        else await http.request('POST', path, { form: { is_hidden: action === 'hide' ? 'true' : 'false' }, schema: successSchema });
        return { platformId: target.platformId, url: target.context.url ?? null };
      }),
  };
}
