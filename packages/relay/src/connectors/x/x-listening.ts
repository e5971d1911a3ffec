/**
 * Listening on X (issue 5, item 9): the channel's tracked terms become filtered-stream rules
 * (x-stream-rules.ts), and `GET /2/tweets/search/stream` delivers matching posts as they are
 * published, one JSON object per line with blank keep-alive lines about every 20 seconds
 * (https://docs.x.com/x-api/posts/filtered-stream/quickstart). Posts matched by one of this
 * channel's rules open conversations flagged with the term, like Mastodon's and Bluesky's
 * listening results.
 *
 * Both endpoints take the app's bearer token (OAuth 2.0 app-only), not the brand's user token.
 * The stream runs where the channel's poll runs: on one node of a cluster, under the channel's
 * lease (channel-runtime.ts), which matters doubly here because X allows one stream connection
 * per app. Rules are synced before each connect until a sync succeeds, so a failed sync is
 * retried with the stream's backoff.
 *
 * The stream only carries what is posted while it is connected. So the newest listened post id
 * is kept in the channel's state, and every (re)connect asks recent search for each rule's posts
 * since then (`GET /2/tweets/search/recent`, `since_id`): a gap (a reconnect, a restart, a
 * takeover by another node) is filled, and dedupe makes the overlap harmless. A channel's first
 * connect starts from now (an id made from the clock: X ids are snowflakes), like a new
 * channel's first poll, which takes no history.
 */
import type { ConnectorContext } from '../connector.js';
import { HttpStream } from '../shared/http-stream.js';
import { PlatformHttp } from '../shared/platform-http.js';
import { ruleFor, syncStreamRules, termOfTag } from './x-stream-rules.js';
import { V2_POST_FIELDS, newerId, snowflakeAt, v2PostToInbound } from './x-posts.js';
import { mentionsSchema, streamLineSchema } from './x-schemas.js';
import type { InboundPost } from '../connector.js';

const STREAM_PATH = '/2/tweets/search/stream';
const SEARCH_PATH = '/2/tweets/search/recent';
/** Pages of recent search per term and gap; a longer gap keeps its newest posts. */
const MAX_GAP_PAGES = 5;
/** X sends a keep-alive every 20 s and says to reconnect when none came: a little slack on top. */
const IDLE_MS = 30_000;

export class XListening {
  private readonly http: PlatformHttp;
  private stream: HttpStream | null = null;
  private synced = false;
  /** Why listening does not work (the last rules sync failed); null when it does. */
  problem: string | null = null;
  private buffer = '';

  constructor(private readonly context: ConnectorContext) {
    this.http = new PlatformHttp(context.fetch, context.channel.baseUrl ?? 'https://api.x.com');
  }

  private get bearer(): string | undefined {
    return this.context.credentials.bearerToken;
  }

  private get terms(): string[] {
    return this.context.channel.settings.listen ?? [];
  }

  async start(): Promise<void> {
    const bearer = this.bearer;
    if (!bearer) {
      if (this.terms.length > 0) this.context.log.warn('listening on X needs the app’s bearerToken; the tracked terms are not followed');
      return;
    }
    if (this.terms.length === 0) {
      // No terms (any more): take away rules an earlier configuration left, and open no stream.
      await this.sync(bearer).catch((error: unknown) => this.context.log.warn({ err: error }, 'removing X listening rules failed'));
      return;
    }
    this.stream = new HttpStream({
      open: async (signal) => {
        if (!this.synced) {
          try {
            await this.sync(bearer);
          } catch (error) {
            this.problem = `X listening rules: ${(error as Error).message}`;
            this.context.reportHealth(this.problem);
            throw error;
          }
        }
        // The first connect ever: listening starts now, and a gap after it is filled from here.
        if (this.since === null) await this.context.saveState({ listenSinceId: snowflakeAt(Date.now()) });
        this.buffer = '';
        return this.context.fetch(this.http.url(STREAM_PATH, V2_POST_FIELDS), { headers: { authorization: `Bearer ${bearer}` }, signal });
      },
      onText: (text) => this.read(text),
      onConnected: () => {
        this.context.log.info('X filtered stream connected');
        void this.fillGap(bearer).catch((error: unknown) => this.context.log.warn({ err: error }, 'filling the X listening gap failed; the next reconnect tries again'));
      },
      log: this.context.log.child({ stream: 'x-filtered' }),
      idleMs: IDLE_MS,
    });
    this.stream.start();
  }

  async stop(): Promise<void> {
    await this.stream?.stop();
    this.stream = null;
  }

  /** The channel is being disconnected: its rules go too (the app may serve others). */
  async retire(): Promise<void> {
    await this.stop();
    const bearer = this.bearer;
    if (bearer) await syncStreamRules(this.http, bearer, this.context.channel.id, []);
  }

  private async sync(bearer: string): Promise<void> {
    const channel = this.context.channel;
    const wanted = this.terms.map((term) => ruleFor(channel.id, channel.accountId, term));
    const result = await syncStreamRules(this.http, bearer, channel.id, wanted);
    if (result.added + result.deleted > 0) this.context.log.info(result, 'X listening rules synced');
    this.synced = true;
    // The next poll reports the channel healthy (or what else is wrong).
    this.problem = null;
  }

  /** The newest post id listening has seen (X ids are numeric strings: longer is newer). */
  private get since(): string | null {
    const value = this.context.channel.state.listenSinceId;
    return typeof value === 'string' ? value : null;
  }

  private async remember(posts: InboundPost[]): Promise<void> {
    const newest = posts.map((post) => post.platformId).reduce<string | null>((a, b) => (a === null || newerId(b, a) ? b : a), this.since);
    if (newest !== null && newest !== this.since) await this.context.saveState({ listenSinceId: newest });
  }

  private async store(posts: InboundPost[]): Promise<void> {
    if (posts.length === 0) return;
    await this.context.ingest(posts);
    await this.remember(posts);
  }

  private async fillGap(bearer: string): Promise<void> {
    const since = this.since;
    if (since === null) return;
    const channel = this.context.channel;
    for (const term of this.terms) {
      const { value } = ruleFor(channel.id, channel.accountId, term);
      const found: InboundPost[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_GAP_PAGES; page++) {
        const { data } = await this.http.request('GET', SEARCH_PATH, {
          query: { query: value, since_id: since, max_results: '100', next_token: token, ...V2_POST_FIELDS },
          headers: { authorization: `Bearer ${bearer}` },
          schema: mentionsSchema,
        });
        for (const post of data.data ?? []) found.push({ ...v2PostToInbound(post, data.includes?.users), listening: term });
        token = data.meta?.next_token;
        if (!token) break;
      }
      // Newest first from X; stored oldest first, like the poll.
      await this.store(found.reverse());
    }
  }

  private read(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).trim();
      this.buffer = this.buffer.slice(end + 1);
      // A blank line is X's keep-alive.
      if (line !== '') this.line(line);
    }
  }

  private line(line: string): void {
    let parsed;
    try {
      parsed = streamLineSchema.safeParse(JSON.parse(line));
    } catch {
      this.context.log.warn('X filtered stream sent a line that is not JSON; skipped');
      return;
    }
    if (!parsed.success) {
      this.context.log.warn({ issue: parsed.error.issues[0]?.message }, 'X filtered stream sent an unexpected shape; skipped');
      return;
    }
    const { data, includes, matching_rules: rules, errors } = parsed.data;
    if (!data) {
      // Operational notices (a disconnect is coming, a rule problem): X closes the stream itself.
      if (errors?.length) this.context.log.warn({ errors: errors.slice(0, 3) }, 'X filtered stream notice');
      return;
    }
    // Rules of other channels on the same app match too; only this channel's count here.
    const term = (rules ?? []).map((rule) => termOfTag(this.context.channel.id, rule.tag)).find((found) => found !== null);
    if (term === undefined || term === null) return;
    const post = { ...v2PostToInbound(data, includes?.users), listening: term };
    void this.store([post]).catch((error: unknown) => this.context.log.warn({ err: error }, 'storing a listened X post failed'));
  }
}
