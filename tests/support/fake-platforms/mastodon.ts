/**
 * A Mastodon instance as the connector sees it, speaking the documented endpoints with payloads
 * shaped like the documentation's examples:
 * - GET /api/v1/accounts/verify_credentials (https://docs.joinmastodon.org/methods/accounts/#verify_credentials)
 * - GET /api/v2/instance, `configuration.statuses.max_characters` (https://docs.joinmastodon.org/methods/instance/#v2)
 * - GET /api/v1/notifications with `types[]`, `since_id`, `max_id`, `limit`, newest first
 *   (https://docs.joinmastodon.org/methods/notifications/#get; entity: /entities/Notification/)
 * - POST /api/v1/statuses with `status`, `in_reply_to_id`, `visibility` and an `Idempotency-Key`
 *   header: the same key returns the same status (https://docs.joinmastodon.org/methods/statuses/#create)
 * - GET /api/v1/timelines/tag/:hashtag with `since_id`: public statuses with the tag, newest first
 *   (https://docs.joinmastodon.org/methods/timelines/#tag)
 * - GET /api/v1/streaming/user/notification, server-sent `event: notification` blocks
 *   (https://docs.joinmastodon.org/methods/streaming/)
 */
import type { ServerResponse } from 'node:http';
import { FakeServer } from './fake-server.js';

export interface FakeAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  url: string;
}

export const BRAND: FakeAccount = { id: '109000000000000001', username: 'brand', acct: 'brand', display_name: 'Brand Support', url: 'https://social.example/@brand' };
export const ANN: FakeAccount = { id: '109000000000000042', username: 'ann', acct: 'ann@other.example', display_name: 'Ann', url: 'https://other.example/@ann' };

export class FakeMastodon extends FakeServer {
  readonly notifications: Array<Record<string, unknown>> = [];
  readonly statuses = new Map<string, Record<string, unknown>>();
  private readonly byIdempotencyKey = new Map<string, Record<string, unknown>>();
  private readonly listeners = new Set<ServerResponse>();
  private nextId = 110_000_000_000_000_000n;
  maxCharacters = 500;

  constructor(readonly token = 'mastodon-token') {
    super();
    const authorized = (headers: Record<string, unknown>) => headers.authorization === `Bearer ${this.token}`;
    const denied = { status: 401, json: { error: 'The access token is invalid' } };
    this.on('GET', '/api/v1/accounts/verify_credentials', (r) => (authorized(r.headers) ? { json: { ...BRAND, note: '', avatar: '' } } : denied));
    this.on('GET', '/api/v2/instance', () => ({
      json: {
        domain: 'social.example',
        title: 'Social Example',
        configuration: {
          urls: { streaming: this.url.replace(/^http:/, 'ws:') },
          statuses: { max_characters: this.maxCharacters, max_media_attachments: 4, characters_reserved_per_url: 23 },
        },
      },
    }));
    this.on('GET', '/api/v1/notifications', (r) => {
      if (!authorized(r.headers)) return denied;
      const types = r.query.getAll('types[]');
      const since = r.query.get('since_id');
      const max = r.query.get('max_id');
      const limit = Number(r.query.get('limit') ?? '15');
      const list = this.notifications
        .filter((n) => types.length === 0 || types.includes(String(n.type)))
        .filter((n) => since === null || BigInt(String(n.id)) > BigInt(since))
        .filter((n) => max === null || BigInt(String(n.id)) < BigInt(max))
        .sort((a, b) => (BigInt(String(b.id)) > BigInt(String(a.id)) ? 1 : -1))
        .slice(0, limit);
      return { json: list };
    });
    this.on('GET', '/api/v1/timelines/tag/:tag', (r, { tag }) => {
      const since = r.query.get('since_id');
      const list = [...this.statuses.values()]
        .filter((status) => String(status.content).replace(/<[^>]*>/g, '').toLowerCase().includes(`#${tag!.toLowerCase()}`))
        .filter((status) => since === null || BigInt(String(status.id)) > BigInt(since))
        .sort((a, b) => (BigInt(String(b.id)) > BigInt(String(a.id)) ? 1 : -1));
      return { json: list };
    });
    this.on('POST', '/api/v1/statuses', (r) => {
      if (!authorized(r.headers)) return denied;
      const key = String(r.headers['idempotency-key'] ?? '');
      const known = key ? this.byIdempotencyKey.get(key) : undefined;
      if (known) return { json: known };
      const body = r.json as { status: string; in_reply_to_id?: string; visibility?: string };
      if (mastodonCount(body.status) > this.maxCharacters) {
        return { status: 422, json: { error: `Validation failed: Text character limit of ${this.maxCharacters} exceeded` } };
      }
      const status = this.status(BRAND, `<p>${body.status}</p>`, { in_reply_to_id: body.in_reply_to_id ?? null, visibility: body.visibility ?? 'public' });
      if (key) this.byIdempotencyKey.set(key, status);
      return { json: status };
    });
    this.stream('GET', '/api/v1/streaming/user/notification', (r, res) => {
      if (!authorized(r.headers)) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(':)\n\n');
      this.listeners.add(res);
      res.on('close', () => this.listeners.delete(res));
    });
  }

  get streamListeners(): number {
    return this.listeners.size;
  }

  /** Someone mentions the brand; `stream` pushes it to open streams, else it waits for a poll. */
  mention(from: FakeAccount, html: string, options: { inReplyToId?: string | null; visibility?: string; stream?: boolean } = {}) {
    const status = this.status(from, html, { in_reply_to_id: options.inReplyToId ?? null, visibility: options.visibility ?? 'public' });
    const notification = { id: this.id(), type: 'mention', created_at: new Date().toISOString(), account: from, status };
    this.notifications.push(notification);
    if (options.stream) for (const res of this.listeners) res.write(`event: notification\ndata: ${JSON.stringify(notification)}\n\n`);
    return { status, notification };
  }

  /** Someone posts publicly without mentioning the brand (found only by listening). */
  publicPost(from: FakeAccount, html: string) {
    return this.status(from, html, { in_reply_to_id: null, visibility: 'public' });
  }

  /** Pushes an already listed notification again on the stream (a duplicate delivery). */
  restream(notification: Record<string, unknown>): void {
    for (const res of this.listeners) res.write(`event: notification\ndata: ${JSON.stringify(notification)}\n\n`);
  }

  private status(account: FakeAccount, html: string, extra: { in_reply_to_id: string | null; visibility: string }) {
    const id = this.id();
    const status = {
      id,
      created_at: new Date().toISOString(),
      in_reply_to_id: extra.in_reply_to_id,
      in_reply_to_account_id: null,
      sensitive: false,
      spoiler_text: '',
      visibility: extra.visibility,
      language: 'en',
      uri: `https://social.example/users/${account.username}/statuses/${id}`,
      url: `https://social.example/@${account.username}/${id}`,
      replies_count: 0,
      content: html,
      account,
      media_attachments: [],
      mentions: [],
      tags: [],
    };
    this.statuses.set(id, status);
    return status;
  }

  private id(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }
}

/**
 * How Mastodon counts a status (its StatusLengthValidator): URLs as 23, remote mentions as their
 * local part, everything else by character. Written here independently of the relay's counter.
 */
function mastodonCount(text: string): number {
  const countable = text
    .replace(/https?:\/\/\S+/g, 'x'.repeat(23))
    .replace(/(@\w+)@[\w.-]+\.\w+/g, '$1');
  return [...countable].length;
}
