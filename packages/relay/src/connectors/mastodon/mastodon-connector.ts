/**
 * Mastodon (issue 5, item 4). Mentions come from the notifications API, polled with `since_id`
 * (paging back with `max_id` when more than a page arrived) and, where enabled, pushed by the
 * streaming API; each stream (re)connect polls once so nothing posted while it was down is
 * missed. The instance's own character limit and URL weight are read from `/api/v2/instance`.
 * Replies are statuses with `in_reply_to_id`, the original's visibility (a direct message stays
 * direct) and an `Idempotency-Key`, so a retried post is created once by Mastodon itself.
 */
import type { Connector, ConnectorContext, InboundPost, OutboundReply, PlatformResult } from '../connector.js';
import { PlatformHttp } from '../shared/platform-http.js';
import { PlatformError } from '../shared/platform-error.js';
import { Poller } from '../shared/poller.js';
import { SseClient } from '../shared/sse-client.js';
import { htmlToText } from '../shared/html-to-text.js';
import { accountSchema, instanceSchema, notificationSchema, notificationsSchema, statusSchema, statusesSchema, type MastodonNotification, type MastodonStatus } from './mastodon-schemas.js';

const PAGE = 40;
/** At most this many pages per poll; the next poll continues from the newest id seen. */
const MAX_PAGES = 10;

export function mastodonConnector(context: ConnectorContext): Connector {
  const auth = () => ({ authorization: `Bearer ${context.credentials.accessToken ?? ''}` });
  const http = new PlatformHttp(context.fetch, context.channel.baseUrl ?? '', auth);
  let ready = false;

  async function setup(): Promise<void> {
    const { data: me } = await http.request('GET', '/api/v1/accounts/verify_credentials', { schema: accountSchema });
    await context.setAccount({ id: me.id, handle: `@${me.acct}` });
    const { data: instance } = await http.request('GET', '/api/v2/instance', { schema: instanceSchema });
    const statuses = instance.configuration.statuses;
    await context.saveState({
      ...(statuses?.max_characters ? { maxCharacters: statuses.max_characters } : {}),
      ...(statuses?.characters_reserved_per_url ? { charactersPerUrl: statuses.characters_reserved_per_url } : {}),
      streamingUrl: instance.configuration.urls?.streaming ?? null,
    });
    ready = true;
  }

  async function poll(): Promise<void> {
    if (!ready) await setup();
    const sinceId = typeof context.channel.state.sinceId === 'string' ? context.channel.state.sinceId : undefined;
    const found: MastodonNotification[] = [];
    let maxId: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data } = await http.request('GET', '/api/v1/notifications', {
        query: { 'types[]': ['mention'], since_id: sinceId, max_id: maxId, limit: String(PAGE) },
        schema: notificationsSchema,
      });
      found.push(...data);
      // A first poll takes the latest page only: a new channel does not import old history.
      if (data.length < PAGE || sinceId === undefined) break;
      maxId = data.at(-1)!.id;
    }
    const oldestFirst = found.sort((a, b) => compareIds(a.id, b.id));
    await context.ingest(oldestFirst.map(toPost).filter((post): post is InboundPost => post !== null));
    const newest = oldestFirst.at(-1);
    if (newest && (sinceId === undefined || compareIds(newest.id, sinceId) > 0)) await context.saveState({ sinceId: newest.id });
    await listen();
  }

  /** Listening: the public timelines of tracked hashtags (Mastodon has no keyword search for this). */
  async function listen(): Promise<void> {
    if ((context.channel.settings.listen ?? []).length === 0) return;
    const since = { ...((context.channel.state.tagSince as Record<string, string> | undefined) ?? {}) };
    for (const term of context.channel.settings.listen ?? []) {
      const tag = term.replace(/^#/, '');
      if (!/^[\p{L}\p{N}_]+$/u.test(tag)) continue;
      const { data } = await http.request('GET', `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, {
        query: { since_id: since[tag], limit: String(PAGE) },
        schema: statusesSchema,
      });
      const statuses = data.sort((a, b) => compareIds(a.id, b.id));
      await context.ingest(statuses.map((status) => ({ ...statusToPost(status), listening: `#${tag}` })));
      const newest = statuses.at(-1);
      if (newest) since[tag] = newest.id;
    }
    await context.saveState({ tagSince: since });
  }

  const poller = new Poller(context.channel.settings.pollSeconds * 1000, poll, context.log, context.reportHealth);

  const stream = new SseClient(
    context.fetch,
    () => `${streamingBase()}/api/v1/streaming/user/notification`,
    auth,
    (event) => {
      if (event.event !== 'notification') return;
      let parsed;
      try {
        parsed = notificationSchema.safeParse(JSON.parse(event.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const post = toPost(parsed.data);
      if (post) void context.ingest([post]).catch((error: unknown) => context.log.warn({ err: error }, 'storing a streamed mention failed; the next poll retries'));
    },
    () => void poller.now().catch(() => {}),
    context.log,
  );

  function streamingBase(): string {
    const configured = context.channel.state.streamingUrl;
    const base = typeof configured === 'string' && configured !== '' ? configured : (context.channel.baseUrl ?? '');
    // The instance names a WebSocket URL; the same host serves the SSE form of the API.
    return base.replace(/^wss:/, 'https:').replace(/^ws:/, 'http:').replace(/\/+$/, '');
  }

  return {
    kind: 'mastodon',

    async start() {
      poller.start();
      if (context.channel.settings.network.streaming === true) {
        // The stream needs the instance's streaming URL: after the first setup.
        void (async () => {
          if (!ready) await setup();
          stream.start();
        })().catch((error: unknown) => context.log.warn({ err: error }, 'streaming not started; polling continues'));
      }
    },

    async stop() {
      poller.stop();
      await stream.stop();
    },

    pollNow: () => poller.now(),

    async reply(reply: OutboundReply): Promise<PlatformResult> {
      try {
        const { data } = await http.request('POST', '/api/v1/statuses', {
          json: {
            status: reply.text,
            in_reply_to_id: reply.inReplyTo.platformId,
            visibility: reply.inReplyTo.context.visibility ?? 'public',
          },
          headers: { 'idempotency-key': reply.postId },
          schema: statusSchema,
        });
        return { ok: true, platformId: data.id, url: data.url ?? data.uri };
      } catch (error) {
        if (error instanceof PlatformError) return { ok: false, error: error.message, ...(error.retryAt !== null ? { retryAt: error.retryAt } : {}) };
        throw error;
      }
    },
  };
}

function toPost(notification: MastodonNotification): InboundPost | null {
  const status = notification.status;
  if (notification.type !== 'mention' || !status) return null;
  return statusToPost(status);
}

function statusToPost(status: MastodonStatus): InboundPost {
  const text = htmlToText(status.content);
  return {
    platformId: status.id,
    event: 'post',
    // Mastodon names no thread root: a post starts its own thread, and a reply joins the
    // conversation of the post it answers (found through `replyToId`).
    threadKey: status.id,
    replyToId: status.in_reply_to_id,
    author: {
      id: status.account.id,
      handle: `@${status.account.acct}`,
      name: status.account.display_name || null,
      url: status.account.url,
    },
    text: status.spoiler_text ? `CW: ${status.spoiler_text}\n\n${text}` : text,
    url: status.url ?? status.uri,
    createdAt: Date.parse(status.created_at) || Date.now(),
    replyContext: { visibility: status.visibility },
  };
}

/** Mastodon ids are numeric strings of varying length (snowflakes): compare as numbers. */
function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
