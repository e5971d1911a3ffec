/**
 * Bluesky (issue 5, item 5). Mentions and replies come from
 * app.bsky.notification.listNotifications (reasons `mention` and `reply`), paged back with its
 * cursor until what was seen last time, then marked seen with updateSeen. A reply is a post
 * created with com.atproto.repo.createRecord whose `reply.root` and `reply.parent` point at
 * the thread's first post and the post answered, so it shows in the thread. The session is
 * cached (bluesky-session.ts): createSession is rate-limited.
 *
 * A conversation is one person's posts in one Bluesky thread.
 */
import type { Connector, ConnectorContext, InboundPost, OutboundReply, PlatformResult } from '../connector.js';
import { PlatformHttp, type RequestOptions } from '../shared/platform-http.js';
import { PlatformError } from '../shared/platform-error.js';
import { Poller } from '../shared/poller.js';
import { BlueskySessions } from './bluesky-session.js';
import { createdRecordSchema, emptySchema, listNotificationsSchema, postRecordSchema, searchPostsSchema, type BlueskyNotification } from './bluesky-schemas.js';
import type { z } from 'zod';

const PAGE = 50;
const MAX_PAGES = 10;

export function blueskyConnector(context: ConnectorContext): Connector {
  const http = new PlatformHttp(context.fetch, context.channel.baseUrl ?? 'https://bsky.social');
  const sessions = new BlueskySessions(context, http);

  /** A call with the session's access token; an expired token is renewed once. */
  async function authed<S extends z.ZodType>(method: string, path: string, options: RequestOptions<S>) {
    const session = await sessions.current();
    const withToken = (token: string) => ({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
    try {
      return await http.request(method, path, withToken(session.accessJwt));
    } catch (error) {
      if (!(error instanceof PlatformError) || (error.code !== 'ExpiredToken' && error.code !== 'InvalidToken')) throw error;
      const renewed = await sessions.renew(session);
      return http.request(method, path, withToken(renewed.accessJwt));
    }
  }

  async function poll(): Promise<void> {
    const lastSeen = typeof context.channel.state.lastSeenAt === 'string' ? context.channel.state.lastSeenAt : null;
    const found: BlueskyNotification[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data } = await authed('GET', '/xrpc/app.bsky.notification.listNotifications', {
        query: { limit: String(PAGE), reasons: ['mention', 'reply'], cursor },
        schema: listNotificationsSchema,
      });
      const fresh = data.notifications.filter((n) => lastSeen === null || n.indexedAt > lastSeen);
      found.push(...fresh);
      cursor = data.cursor;
      // Newest first: once a page reaches what was seen, older pages hold nothing new.
      if (!cursor || fresh.length < data.notifications.length || lastSeen === null) break;
    }
    const posts = found
      .filter((n) => n.reason === 'mention' || n.reason === 'reply')
      .sort((a, b) => (a.indexedAt < b.indexedAt ? -1 : 1))
      .map(toPost)
      .filter((post): post is InboundPost => post !== null);
    await context.ingest(posts);
    const newest = found.map((n) => n.indexedAt).sort().at(-1);
    if (newest) {
      await authed('POST', '/xrpc/app.bsky.notification.updateSeen', { json: { seenAt: newest }, schema: emptySchema });
      await context.saveState({ lastSeenAt: newest });
    }
    await listen();
  }

  /** Listening: Bluesky's post search for each tracked term, newest first, since the last match. */
  async function listen(): Promise<void> {
    if ((context.channel.settings.listen ?? []).length === 0) return;
    const since = { ...((context.channel.state.searchSince as Record<string, string> | undefined) ?? {}) };
    for (const term of context.channel.settings.listen ?? []) {
      const { data } = await authed('GET', '/xrpc/app.bsky.feed.searchPosts', {
        query: { q: term, sort: 'latest', limit: '25', since: since[term] },
        schema: searchPostsSchema,
      });
      const fresh = data.posts.filter((post) => since[term] === undefined || post.indexedAt > since[term]!);
      const posts = fresh
        .sort((a, b) => (a.indexedAt < b.indexedAt ? -1 : 1))
        .map((post) => toPost({ ...post, reason: 'listening' }))
        .filter((post): post is InboundPost => post !== null)
        .map((post) => ({ ...post, listening: term }));
      await context.ingest(posts);
      const newest = fresh.map((post) => post.indexedAt).sort().at(-1);
      if (newest) since[term] = newest;
    }
    await context.saveState({ searchSince: since });
  }

  const poller = new Poller(context.channel.settings.pollSeconds * 1000, poll, context.log, context.reportHealth);

  return {
    kind: 'bluesky',
    async start() {
      poller.start();
    },
    async stop() {
      poller.stop();
    },
    pollNow: () => poller.now(),

    async reply(reply: OutboundReply): Promise<PlatformResult> {
      const parent = { uri: reply.inReplyTo.context.uri ?? reply.inReplyTo.platformId, cid: reply.inReplyTo.context.cid ?? '' };
      const root = { uri: reply.inReplyTo.context.rootUri ?? parent.uri, cid: reply.inReplyTo.context.rootCid ?? parent.cid };
      try {
        const session = await sessions.current();
        const { data } = await authed('POST', '/xrpc/com.atproto.repo.createRecord', {
          json: {
            repo: session.did,
            collection: 'app.bsky.feed.post',
            record: { $type: 'app.bsky.feed.post', text: reply.text, createdAt: new Date().toISOString(), reply: { root, parent } },
          },
          schema: createdRecordSchema,
        });
        return { ok: true, platformId: data.uri, url: postUrl(session.handle, data.uri) };
      } catch (error) {
        if (error instanceof PlatformError) return { ok: false, error: error.message, ...(error.retryAt !== null ? { retryAt: error.retryAt } : {}) };
        throw error;
      }
    },
  };
}

function toPost(notification: Pick<BlueskyNotification, 'uri' | 'cid' | 'author' | 'record'> & { reason: string }): InboundPost | null {
  const record = postRecordSchema.safeParse(notification.record);
  if (!record.success) return null;
  const root = record.data.reply?.root ?? { uri: notification.uri, cid: notification.cid };
  return {
    platformId: notification.uri,
    event: 'post',
    threadKey: `${root.uri}|${notification.author.did}`,
    replyToId: record.data.reply?.parent.uri ?? null,
    author: {
      id: notification.author.did,
      handle: `@${notification.author.handle}`,
      name: notification.author.displayName || null,
      url: `https://bsky.app/profile/${notification.author.handle}`,
    },
    text: record.data.text,
    url: postUrl(notification.author.handle, notification.uri),
    createdAt: Date.parse(record.data.createdAt) || Date.now(),
    replyContext: { uri: notification.uri, cid: notification.cid, rootUri: root.uri, rootCid: root.cid },
  };
}

/** `at://did/app.bsky.feed.post/rkey` is shown at bsky.app/profile/handle/post/rkey. */
function postUrl(handle: string, uri: string): string {
  return `https://bsky.app/profile/${handle}/post/${uri.split('/').at(-1) ?? ''}`;
}
