/**
 * The one interface every social network sits behind (issue 5; DESIGN.md section 3: "the queue
 * does not know which network a message came from beyond its channel kind and text rules").
 * A connector turns the platform's deliveries, polls or streams into verified `InboundPost`s
 * and posts, hides or deletes on the platform (what each network allows, and how its replies are
 * counted, is in channel-capabilities.ts); everything else (dedupe, echoes, the flood cap,
 * threads, the log, exactly-once replies) is the channel runtime's, the same for every network.
 */
import type { Logger } from 'pino';
import type { SocialNetwork } from '@eyelevel/shared';
import type { ChannelRecord } from '../storage/channel-store.js';
import type { OutboundFetch } from '../security/outbound-fetch.js';

/** What happened to a post on the platform; dedupe is per (platform id, event). */
export type InboundEvent = 'post' | 'edited' | 'removed' | 'hidden' | 'unhidden';

export interface InboundAuthor {
  /** The platform's stable user id (X user id, page-scoped id, account id, DID). */
  id: string;
  /** `@ann`, `@ann@social.example`, `ann.bsky.social`, a display name where there is no handle. */
  handle: string;
  name: string | null;
  url: string | null;
}

export interface InboundPost {
  platformId: string;
  event: InboundEvent;
  /**
   * The conversation this belongs to on our side: the same key is the same conversation (an X
   * thread per author, a Facebook comment chain, a Bluesky thread per author, a webhook thread).
   */
  threadKey: string;
  /** The post this one answers; finds the conversation when the thread key is new to us. */
  replyToId: string | null;
  author: InboundAuthor;
  /** Plain text (markup already turned into text by the connector); empty for removals. */
  text: string;
  url: string | null;
  /** Link to the first post of the thread, for the queue row. */
  threadUrl?: string | null;
  createdAt: number;
  /** What a reply to this post needs later (Bluesky's uri and cid, Mastodon's visibility). */
  replyContext?: Record<string, string>;
  /** Found by listening: the tracked term that matched (the author did not mention the brand). */
  listening?: string;
}

/** A reply, exactly as it will appear (prefix and signature included). */
export interface OutboundReply {
  /** Our id for the attempt: the idempotency key where the platform takes one. */
  postId: string;
  text: string;
  /** The post answered, and what the connector stored about it. */
  inReplyTo: { platformId: string; context: Record<string, string> };
  threadKey: string;
}

export type PlatformResult =
  | { ok: true; platformId: string | null; url: string | null }
  | { ok: false; error: string; retryAt?: number };

export type ModerationAction = 'hide' | 'unhide' | 'delete';

/** A plain HTTP answer for a webhook request (challenge, acknowledgement or refusal). */
export interface WebhookAnswer {
  status: number;
  body: string;
  contentType?: string;
}

export interface WebhookRequest {
  method: 'GET' | 'POST';
  query: URLSearchParams;
  headers: Headers;
  /** The bytes exactly as received: signatures are over these, never over re-serialised JSON. */
  rawBody: Buffer;
}

/** What a webhook delivery yields once verified: the posts, and the answer to send after they are stored. */
export type WebhookOutcome = { kind: 'answer'; answer: WebhookAnswer } | { kind: 'posts'; posts: InboundPost[] };

export interface ConnectorContext {
  readonly channel: ChannelRecord;
  readonly credentials: Readonly<Record<string, string>>;
  readonly log: Logger;
  /** Stores posts (dedupe, echoes, flood cap, threads); resolves once they are committed. */
  ingest(posts: InboundPost[]): Promise<void>;
  /** Merges into the channel's saved state (cursors, limits). */
  saveState(patch: Record<string, unknown>): Promise<void>;
  /** The relay's own session with the platform (Bluesky), sealed at rest. */
  loadSession(): Promise<Record<string, string> | null>;
  saveSession(session: Record<string, string> | null): Promise<void>;
  /** Our own account as the platform knows it (discovered at start for some networks). */
  setAccount(account: { id: string; handle: string }): Promise<void>;
  /** Polls and streams say whether the platform answers (null) or what went wrong. */
  reportHealth(error: string | null): void;
  /** The only way to call the platform: refuses destinations the operator's policy does not allow. */
  readonly fetch: OutboundFetch;
}

export interface Connector {
  readonly kind: SocialNetwork;
  /** Starts polling or streaming, where the network does that. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** The channel is being disconnected: undo what it set up on the platform (X's stream rules). */
  retire?(): Promise<void>;
  /** One poll now (the admin's "check now", and tests). */
  pollNow?(): Promise<void>;
  /** Verifies and reads a webhook request, where the network delivers by webhook. */
  webhook?(request: WebhookRequest): Promise<WebhookOutcome>;
  reply(reply: OutboundReply): Promise<PlatformResult>;
  moderate?(action: ModerationAction, target: { platformId: string; context: Record<string, string> }): Promise<PlatformResult>;
}

export type ConnectorFactory = (context: ConnectorContext) => Connector;
