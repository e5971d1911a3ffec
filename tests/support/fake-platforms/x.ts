/**
 * X as the connector sees it, with payloads shaped like X's published examples:
 * - GET /2/users/:id/mentions with `since_id`, `expansions=author_id`: `{ data, includes.users,
 *   meta.newest_id }`, newest first (https://docs.x.com/x-api/posts/timelines/quickstart/user-mention-quickstart)
 * - POST /2/tweets with `reply.in_reply_to_tweet_id`: 201 `{ data: { id, text } }`, and the
 *   documented 403 for duplicate content (https://docs.x.com/x-api/posts/creation-of-a-post)
 * - PUT /2/tweets/:id/hidden: `{ data: { hidden } }` (https://docs.x.com/x-api/posts/hide-replies/introduction)
 * - POST /2/oauth2/token `grant_type=refresh_token` → a new access token and a new (rotated)
 *   refresh token; the old refresh token stops working (https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token)
 * - Filtered stream, with the app's bearer token (https://docs.x.com/x-api/posts/filtered-stream/quickstart):
 *   GET /2/tweets/search/stream/rules → `{ data: [{ id, value, tag }], meta: { sent, result_count } }`;
 *   POST /2/tweets/search/stream/rules with `{ add: [{ value, tag }] }` → `{ data, meta.summary:
 *   { created, not_created, valid, invalid } }` (a rule whose value exists already is refused in
 *   `errors` as `DuplicateRule`) or `{ delete: { ids } }` → `meta.summary: { deleted, not_deleted }`;
 *   GET /2/tweets/search/stream → one JSON object per line (`data`, `includes.users`,
 *   `matching_rules: [{ id, tag }]`) and a blank `\r\n` keep-alive every 20 s; one connection
 *   per app (a new one closes the old). Rules are matched by the operators eyelevel uses:
 *   `"exact phrase"`, `#hashtag`, bare words, `-is:retweet`, `-from:<id>`.
 * - GET /2/tweets/search/recent with `query` (the same operators) and `since_id`, app bearer:
 *   `{ data, includes.users, meta: { newest_id, oldest_id, result_count } }`, newest first
 *   (https://docs.x.com/x-api/posts/search/introduction).
 * - Account Activity deliveries: `{ for_user_id, tweet_create_events: [v1.1 post] }`, signed in
 *   `x-twitter-webhooks-signature` as `sha256=` + base64 HMAC-SHA256 of the body with the consumer
 *   secret; the CRC is the same HMAC of the crc_token
 *   (https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks)
 */
import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FakeServer } from './fake-server.js';

export interface XUser {
  id: string;
  username: string;
  name: string;
}

export const X_BRAND: XUser = { id: '2244994945', username: 'brand', name: 'Brand Support' };
export const X_ANN: XUser = { id: '1234567890', username: 'ann_example', name: 'Ann' };

export class FakeX extends FakeServer {
  readonly posts: Array<{ id: string; text: string; author_id: string; conversation_id: string; created_at: string; referenced_tweets?: Array<{ type: string; id: string }> }> = [];
  readonly users = new Map<string, XUser>([[X_BRAND.id, X_BRAND], [X_ANN.id, X_ANN]]);
  readonly hidden = new Map<string, boolean>();
  /** Post ids are snowflakes, like X's: the creation time in ms since X's epoch, shifted by 22 bits. */
  private nextId = 0n;
  private readonly accessTokens = new Set<string>();
  private refreshToken = 'x-refresh-1';
  refreshes = 0;
  /** The app's filtered-stream rules, as X keeps them (per app, whoever made them). */
  readonly rules = new Map<string, { id: string; value: string; tag?: string }>();
  private nextRuleId = 1_273_026_480_692_322_304n;
  private readonly openStreams = new Set<ServerResponse>();
  /** X's keep-alive interval; tests may shorten it. */
  keepAliveMs = 20_000;
  /** While true, stream connections are refused (X is down for streaming clients). */
  streamRefused = false;

  constructor(
    readonly token = 'x-user-token',
    readonly consumerSecret = 'x-consumer-secret',
    readonly appBearer = 'x-app-bearer',
  ) {
    super();
    this.filteredStream();
    this.accessTokens.add(token);
    const authorized = (headers: Record<string, unknown>) => this.accessTokens.has(String(headers.authorization ?? '').replace(/^Bearer /, ''));
    this.on('POST', '/2/oauth2/token', (r) => {
      const form = r.json as { grant_type: string; refresh_token: string; client_id: string };
      if (form.grant_type !== 'refresh_token' || form.refresh_token !== this.refreshToken || form.client_id !== 'x-client-id') {
        return { status: 400, json: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' } };
      }
      this.refreshes += 1;
      const access = `x-access-${this.refreshes + 1}`;
      this.accessTokens.add(access);
      this.refreshToken = `x-refresh-${this.refreshes + 1}`;
      return { json: { token_type: 'bearer', expires_in: 7200, access_token: access, scope: 'tweet.read tweet.write users.read offline.access', refresh_token: this.refreshToken } };
    });
    const unauthorized = { status: 401, json: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    this.on('GET', '/2/users/:id/mentions', (r, { id }) => {
      if (!authorized(r.headers)) return unauthorized;
      const since = r.query.get('since_id');
      const username = this.users.get(id!)?.username ?? '';
      const found = this.posts
        .filter((p) => p.author_id !== id && p.text.includes(`@${username}`))
        .filter((p) => since === null || BigInt(p.id) > BigInt(since))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, Number(r.query.get('max_results') ?? '10'));
      if (found.length === 0) return { json: { meta: { result_count: 0 } } };
      const authors = [...new Set(found.map((p) => p.author_id))].map((a) => this.users.get(a)!);
      return { json: { data: found, includes: { users: authors }, meta: { result_count: found.length, newest_id: found[0]!.id, oldest_id: found.at(-1)!.id } } };
    });
    this.on('POST', '/2/tweets', (r) => {
      if (!authorized(r.headers)) return unauthorized;
      const body = r.json as { text: string; reply?: { in_reply_to_tweet_id: string } };
      if (this.posts.some((p) => p.author_id === X_BRAND.id && p.text === body.text)) {
        return { status: 403, json: { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 } };
      }
      const parent = this.posts.find((p) => p.id === body.reply?.in_reply_to_tweet_id);
      const post = this.post(X_BRAND, body.text, parent);
      return { status: 201, json: { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } } };
    });
    this.on('PUT', '/2/tweets/:id/hidden', (r, { id }) => {
      if (!authorized(r.headers)) return unauthorized;
      const hidden = (r.json as { hidden: boolean }).hidden;
      this.hidden.set(id!, hidden);
      return { json: { data: { hidden } } };
    });
  }

  private filteredStream(): void {
    const app = (headers: Record<string, unknown>) => headers.authorization === `Bearer ${this.appBearer}`;
    // The rules and stream endpoints take OAuth 2.0 app-only tokens, not user tokens.
    const unsupported = {
      status: 403,
      json: { title: 'Unsupported Authentication', detail: 'Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].', type: 'https://api.twitter.com/2/problems/unsupported-authentication', status: 403 },
    };
    const sent = () => new Date().toISOString();
    this.on('GET', '/2/tweets/search/stream/rules', (r) => {
      if (!app(r.headers)) return unsupported;
      const data = [...this.rules.values()];
      return { json: data.length > 0 ? { data, meta: { sent: sent(), result_count: data.length } } : { meta: { sent: sent(), result_count: 0 } } };
    });
    this.on('POST', '/2/tweets/search/stream/rules', (r) => {
      if (!app(r.headers)) return unsupported;
      const body = r.json as { add?: Array<{ value: string; tag?: string }>; delete?: { ids: string[] } };
      if (body?.delete) {
        const deleted = body.delete.ids.filter((id) => this.rules.delete(id)).length;
        return { json: { meta: { sent: sent(), summary: { deleted, not_deleted: body.delete.ids.length - deleted } } } };
      }
      if (!Array.isArray(body?.add)) return { status: 400, json: { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' } };
      const data: Array<{ id: string; value: string; tag?: string }> = [];
      const errors: unknown[] = [];
      for (const rule of body.add) {
        const existing = [...this.rules.values()].find((one) => one.value === rule.value);
        if (existing) {
          errors.push({ value: rule.value, id: existing.id, title: 'DuplicateRule', type: 'https://api.twitter.com/2/problems/duplicate-rules' });
          continue;
        }
        this.nextRuleId += 1n;
        const created = { id: String(this.nextRuleId), value: rule.value, ...(rule.tag !== undefined ? { tag: rule.tag } : {}) };
        this.rules.set(created.id, created);
        data.push(created);
      }
      const summary = { created: data.length, not_created: errors.length, valid: body.add.length, invalid: 0 };
      return { status: 201, json: { ...(data.length > 0 ? { data } : {}), meta: { sent: sent(), summary }, ...(errors.length > 0 ? { errors } : {}) } };
    });
    this.on('GET', '/2/tweets/search/recent', (r) => {
      if (!app(r.headers)) return unsupported;
      const since = r.query.get('since_id');
      const query = r.query.get('query') ?? '';
      const found = this.posts
        .filter((p) => (since === null || BigInt(p.id) > BigInt(since)) && this.matches(query, p))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, Number(r.query.get('max_results') ?? '10'));
      if (found.length === 0) return { json: { meta: { result_count: 0 } } };
      const authors = [...new Set(found.map((p) => p.author_id))].flatMap((a) => this.users.get(a) ?? []);
      return { json: { data: found, includes: { users: authors }, meta: { newest_id: found[0]!.id, oldest_id: found.at(-1)!.id, result_count: found.length } } };
    });
    this.stream('GET', '/2/tweets/search/stream', (r, res) => {
      if (this.streamRefused) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 }));
        return;
      }
      if (!app(r.headers)) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify(unsupported.json));
        return;
      }
      // One connection per app: the new one replaces the old.
      for (const old of this.openStreams) old.end();
      this.openStreams.clear();
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.write('\r\n');
      const keepAlive = setInterval(() => res.write('\r\n'), this.keepAliveMs);
      this.openStreams.add(res);
      res.on('close', () => {
        clearInterval(keepAlive);
        this.openStreams.delete(res);
      });
    });
  }

  /** How many filtered-stream connections are open now. */
  get streamConnections(): number {
    return this.openStreams.size;
  }

  /** X ends every stream connection (a deploy on its side); clients must reconnect. */
  dropStreams(): void {
    for (const res of this.openStreams) res.end();
    this.openStreams.clear();
  }

  /** A line X writes into open streams (an operational notice, half a line, anything). */
  writeToStreams(text: string): void {
    for (const res of this.openStreams) res.write(text);
  }

  /** Whether a post matches a rule or query, by the operators eyelevel uses. */
  private matches(query: string, post: { text: string; author_id: string; referenced_tweets?: Array<{ type: string }> }): boolean {
    const text = post.text.toLowerCase();
    const words = new Set(text.split(/[^\p{L}\p{N}_#@]+/u).filter(Boolean));
    const clause = (token: string): boolean => {
      if (token === '-is:retweet') return !post.referenced_tweets?.some((ref) => ref.type === 'retweeted');
      if (token.startsWith('-from:')) return post.author_id !== token.slice('-from:'.length);
      if (token.startsWith('"')) return text.includes(token.slice(1, -1).toLowerCase());
      return words.has(token.toLowerCase());
    };
    const clauses = query.match(/"[^"]*"|\S+/g) ?? [];
    return clauses.length > 0 && clauses.every(clause);
  }

  private matchingRules(post: { text: string; author_id: string; referenced_tweets?: Array<{ type: string }> }) {
    return [...this.rules.values()].filter((rule) => this.matches(rule.value, post));
  }

  private pushToStreams(post: { id: string; text: string; author_id: string; referenced_tweets?: Array<{ type: string }> }): void {
    const matched = this.matchingRules(post);
    if (matched.length === 0 || this.openStreams.size === 0) return;
    const author = this.users.get(post.author_id);
    const line = JSON.stringify({
      data: { ...post, edit_history_tweet_ids: [post.id] },
      includes: { users: author ? [author] : [] },
      matching_rules: matched.map((rule) => ({ id: rule.id, tag: rule.tag })),
    });
    for (const res of this.openStreams) res.write(`${line}\r\n`);
  }

  /** Every access token handed out so far expires (X answers 401 until one is refreshed). */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Someone posts (mentioning the brand in the text), optionally in reply to a post. */
  post(author: XUser, text: string, inReplyTo?: { id: string; conversation_id: string }) {
    const fromClock = (BigInt(Date.now()) - 1_288_834_974_657n) << 22n;
    this.nextId = this.nextId >= fromClock ? this.nextId + 1n : fromClock;
    const id = String(this.nextId);
    const post = {
      id,
      text,
      author_id: author.id,
      conversation_id: inReplyTo?.conversation_id ?? id,
      created_at: new Date().toISOString(),
      ...(inReplyTo ? { referenced_tweets: [{ type: 'replied_to', id: inReplyTo.id }] } : {}),
    };
    this.posts.push(post);
    this.pushToStreams(post);
    return post;
  }

  /** The Account Activity delivery of a post, as v1.1 JSON, and its signature. */
  activity(post: { id: string; text: string; author_id: string; referenced_tweets?: Array<{ id: string }> }, secret = this.consumerSecret) {
    const user = this.users.get(post.author_id)!;
    const body = JSON.stringify({
      for_user_id: X_BRAND.id,
      tweet_create_events: [
        {
          created_at: 'Wed Oct 10 20:19:24 +0000 2018',
          id: Number(post.id),
          id_str: post.id,
          text: post.text,
          truncated: false,
          in_reply_to_status_id_str: post.referenced_tweets?.[0]?.id ?? null,
          user: { id: Number(user.id), id_str: user.id, name: user.name, screen_name: user.username },
          entities: { hashtags: [], urls: [], user_mentions: [{ screen_name: 'brand', id_str: X_BRAND.id }] },
        },
      ],
    });
    return { body, signature: `sha256=${createHmac('sha256', secret).update(body).digest('base64')}` };
  }
}
