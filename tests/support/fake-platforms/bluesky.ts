/**
 * A Bluesky PDS as the connector sees it, following the AT Protocol lexicons
 * (https://github.com/bluesky-social/atproto/tree/main/lexicons) and the docs' examples
 * (https://docs.bsky.app/docs/api/):
 * - com.atproto.server.createSession / refreshSession → `{ accessJwt, refreshJwt, handle, did }`;
 *   an expired access token is answered `400 { error: "ExpiredToken", message }`
 * - app.bsky.notification.listNotifications with `reasons`, `limit`, `cursor`, newest first:
 *   `{ notifications: [{ uri, cid, author, reason, record, isRead, indexedAt }], cursor }`
 * - app.bsky.notification.updateSeen `{ seenAt }`
 * - app.bsky.feed.searchPosts with `q`, `sort=latest`, `since`: `{ posts: [post views], cursor }`
 * - com.atproto.repo.createRecord `{ repo, collection, record }` → `{ uri, cid }`; a post over
 *   300 graphemes is refused (the app.bsky.feed.post lexicon's `maxGraphemes`)
 */
import { FakeServer } from './fake-server.js';

export interface BskyActor {
  did: string;
  handle: string;
  displayName: string;
}

export const BSKY_BRAND: BskyActor = { did: 'did:plc:brand0000000000000000001', handle: 'brand.example.com', displayName: 'Brand' };
export const BSKY_ANN: BskyActor = { did: 'did:plc:ann00000000000000000000042', handle: 'ann.bsky.social', displayName: 'Ann' };
export const BSKY_BO: BskyActor = { did: 'did:plc:bo000000000000000000000007', handle: 'bo.bsky.social', displayName: '' };

interface Ref {
  uri: string;
  cid: string;
}

export class FakeBluesky extends FakeServer {
  readonly notifications: Array<Record<string, unknown> & { indexedAt: string }> = [];
  readonly records: Array<{ uri: string; record: Record<string, unknown> }> = [];
  readonly publicPosts: Array<{ uri: string; cid: string; author: BskyActor; record: Record<string, unknown>; indexedAt: string }> = [];
  createSessions = 0;
  seenAt: string | null = null;
  private tokens = new Set<string>();
  private refreshTokens = new Set<string>();
  private clock = Date.parse('2025-05-01T10:00:00.000Z');
  private seq = 0;

  constructor(readonly appPassword = 'abcd-efgh-ijkl-mnop') {
    super();
    const denied = { status: 400, json: { error: 'ExpiredToken', message: 'Token has expired' } };
    const authed = (headers: Record<string, unknown>) => this.tokens.has(String(headers.authorization ?? '').replace(/^Bearer /, ''));
    this.on('POST', '/xrpc/com.atproto.server.createSession', (r) => {
      const body = r.json as { identifier: string; password: string };
      if (body.identifier !== BSKY_BRAND.handle || body.password !== this.appPassword) {
        return { status: 401, json: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } };
      }
      this.createSessions += 1;
      return { json: this.session() };
    });
    this.on('POST', '/xrpc/com.atproto.server.refreshSession', (r) => {
      const token = String(r.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!this.refreshTokens.delete(token)) return { status: 400, json: { error: 'ExpiredToken', message: 'Token has been revoked' } };
      return { json: this.session() };
    });
    this.on('GET', '/xrpc/app.bsky.notification.listNotifications', (r) => {
      if (!authed(r.headers)) return denied;
      const reasons = r.query.getAll('reasons');
      const cursor = r.query.get('cursor');
      const limit = Number(r.query.get('limit') ?? '50');
      const list = this.notifications
        .filter((n) => reasons.length === 0 || reasons.includes(String(n.reason)))
        .filter((n) => cursor === null || n.indexedAt < cursor)
        .sort((a, b) => (a.indexedAt < b.indexedAt ? 1 : -1))
        .slice(0, limit)
        .map((n) => ({ ...n, isRead: this.seenAt !== null && n.indexedAt <= this.seenAt }));
      return { json: { notifications: list, ...(list.length === limit ? { cursor: list.at(-1)!.indexedAt } : {}), priority: false } };
    });
    this.on('GET', '/xrpc/app.bsky.feed.searchPosts', (r) => {
      if (!authed(r.headers)) return denied;
      const q = (r.query.get('q') ?? '').toLowerCase();
      const since = r.query.get('since');
      const posts = this.publicPosts
        .filter((p) => String(p.record.text).toLowerCase().includes(q))
        .filter((p) => since === null || p.indexedAt >= since)
        .sort((a, b) => (a.indexedAt < b.indexedAt ? 1 : -1))
        .map((p) => ({ ...p, author: { ...p.author, labels: [] }, replyCount: 0, repostCount: 0, likeCount: 0, labels: [] }));
      return { json: { posts, hitsTotal: posts.length } };
    });
    this.on('POST', '/xrpc/app.bsky.notification.updateSeen', (r) => {
      if (!authed(r.headers)) return denied;
      this.seenAt = (r.json as { seenAt: string }).seenAt;
      return { text: '' };
    });
    this.on('POST', '/xrpc/com.atproto.repo.createRecord', (r) => {
      if (!authed(r.headers)) return denied;
      const body = r.json as { repo: string; collection: string; record: { text: string } };
      const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(body.record.text)].length;
      if (graphemes > 300) return { status: 400, json: { error: 'InvalidRequest', message: 'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes' } };
      const ref = this.ref(BSKY_BRAND);
      this.records.push({ uri: ref.uri, record: body.record as Record<string, unknown> });
      return { json: { ...ref, commit: { cid: 'bafyreicommit', rev: '3l3qo2vuowo2b' }, validationStatus: 'valid' } };
    });
  }

  /** Every access token handed out so far stops working (the next call must refresh). */
  expireAccessTokens(): void {
    this.tokens.clear();
  }

  /** Someone mentions or replies to the brand; returns the post's strong ref. */
  notify(author: BskyActor, reason: 'mention' | 'reply' | 'like', text: string, reply?: { root: Ref; parent: Ref }): Ref {
    const ref = this.ref(author);
    this.clock += 1000;
    this.notifications.push({
      uri: ref.uri,
      cid: ref.cid,
      author: { did: author.did, handle: author.handle, displayName: author.displayName, avatar: 'https://cdn.bsky.app/img/avatar/plain/x/y@jpeg', labels: [] },
      reason,
      record: { $type: 'app.bsky.feed.post', text, createdAt: new Date(this.clock).toISOString(), langs: ['en'], ...(reply ? { reply } : {}) },
      isRead: false,
      indexedAt: new Date(this.clock).toISOString(),
      labels: [],
    });
    return ref;
  }

  /** A public post that does not mention the brand (found only by search). */
  publicPost(author: BskyActor, text: string): Ref {
    const ref = this.ref(author);
    this.clock += 1000;
    const at = new Date(this.clock).toISOString();
    this.publicPosts.push({ ...ref, author, record: { $type: 'app.bsky.feed.post', text, createdAt: at, langs: ['en'] }, indexedAt: at });
    return ref;
  }

  private ref(author: BskyActor): Ref {
    this.seq += 1;
    const rkey = `3kabc${String(this.seq).padStart(8, '0')}`;
    return { uri: `at://${author.did}/app.bsky.feed.post/${rkey}`, cid: `bafyreib${String(this.seq).padStart(10, '0')}` };
  }

  private session() {
    this.seq += 1;
    const access = `access-${this.seq}`;
    const refresh = `refresh-${this.seq}`;
    this.tokens.add(access);
    this.refreshTokens.add(refresh);
    return { accessJwt: access, refreshJwt: refresh, handle: BSKY_BRAND.handle, did: BSKY_BRAND.did, active: true };
  }
}
