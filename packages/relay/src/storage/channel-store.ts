/**
 * The storage contract for social channels (issue 5): the channels, the authors and threads they
 * bring in, every inbound item seen and every outbound reply. Its own interface beside
 * `storage.ts`, like the queue's, so the connectors depend on this and nothing else of storage.
 */
import type { ConversationEvent, SocialContext, SocialNetwork } from '@eyelevel/shared';

export type ChannelStatus = 'active' | 'paused' | 'failing';

/** What every channel has; the network's own settings are in `network`. */
export interface ChannelSettings {
  /** `{initials}` marks where the agent's initials go. */
  signature: string;
  floodCap: { perAuthor: number; windowSeconds: number };
  pollSeconds: number;
  /** Tracked hashtags and keywords (listening); absent on channels made before listening. */
  listen?: string[];
  /** Network-specific: Facebook's page id, the webhook's reply URL and limit, Mastodon streaming. */
  network: Record<string, string | number | boolean | null>;
}

export interface ChannelRecord {
  id: string;
  workspaceId: string;
  kind: SocialNetwork;
  name: string;
  handle: string | null;
  /** Our own account's id on the platform (its posts are echoes). */
  accountId: string | null;
  baseUrl: string | null;
  teamId: string | null;
  settings: ChannelSettings;
  /** AES-256-GCM sealed; only the channel runtime opens it. */
  sealedCredentials: string;
  sealedSession: string | null;
  /** Cursors and what the platform told us (character limits). */
  state: Record<string, unknown>;
  status: ChannelStatus;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export type NewChannelRecord = Omit<ChannelRecord, 'createdAt' | 'updatedAt' | 'lastError' | 'sealedSession' | 'state' | 'status'>;

export interface ChannelChanges {
  name?: string;
  handle?: string | null;
  accountId?: string | null;
  baseUrl?: string | null;
  teamId?: string | null;
  settings?: ChannelSettings;
  sealedCredentials?: string;
  status?: ChannelStatus;
}

/** An inbound item as stored: dedupe key, what became of it, and how to answer it. */
export interface ChannelItem {
  channelId: string;
  platformId: string;
  event: string;
  authorId: string | null;
  status: 'queued' | 'echo' | 'held' | 'ignored';
  conversationId: string | null;
  seq: number | null;
  replyContext: Record<string, string> | null;
  receivedAt: number;
}

export type PostStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'abandoned';

export interface ChannelPost {
  id: string;
  workspaceId: string;
  channelId: string;
  conversationId: string;
  agentId: string;
  clientId: string;
  replySeq: number | null;
  text: string;
  replyTo: string | null;
  replyContext: Record<string, string> | null;
  status: PostStatus;
  attempts: number;
  platformId: string | null;
  url: string | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewThreadConversation {
  channel: ChannelRecord;
  threadKey: string;
  visitorId: string;
  social: SocialContext;
  at: number;
}

export interface ChannelStore {
  create(channel: NewChannelRecord, at: number): Promise<ChannelRecord>;
  get(workspaceId: string, channelId: string): Promise<ChannelRecord | null>;
  /** For webhook deliveries, which name only the channel; the record says its workspace. */
  getById(channelId: string): Promise<ChannelRecord | null>;
  list(workspaceId: string): Promise<ChannelRecord[]>;
  /** Every channel of every workspace (the runtime starts them). */
  listAll(): Promise<ChannelRecord[]>;
  update(workspaceId: string, channelId: string, changes: ChannelChanges, at: number): Promise<ChannelRecord | null>;
  /** Disconnects: the record stays (conversations name it), credentials are wiped. */
  remove(workspaceId: string, channelId: string, at: number): Promise<boolean>;
  saveState(channelId: string, state: Record<string, unknown>, at: number): Promise<void>;
  saveSession(channelId: string, sealedSession: string | null, at: number): Promise<void>;
  setHealth(channelId: string, status: ChannelStatus, lastError: string | null, at: number): Promise<void>;

  /** The author's visitor (created on first sight; name and handle kept current). */
  authorVisitor(input: {
    channel: ChannelRecord;
    platformUserId: string;
    handle: string;
    name: string | null;
    url: string | null;
    at: number;
  }): Promise<string>;
  findThread(channelId: string, threadKey: string): Promise<string | null>;
  /** Links another thread key to a conversation (a reply found by what it answers). */
  linkThread(channel: ChannelRecord, threadKey: string, conversationId: string, at: number): Promise<void>;
  /**
   * Opens the thread's conversation (with its `opened` entry) and links the thread, in one
   * transaction; when another delivery linked it first, returns that conversation instead.
   */
  openThread(input: NewThreadConversation): Promise<{ conversationId: string; opened: ConversationEvent | null }>;
  /** The channel and thread a conversation belongs to; null for web chats. */
  threadOf(workspaceId: string, conversationId: string): Promise<{ channelId: string; threadKey: string } | null>;

  findItem(channelId: string, platformId: string, event: string): Promise<ChannelItem | null>;
  /** Records an item; a second record of the same (channel, platform id, event) is ignored. */
  recordItem(workspaceId: string, item: ChannelItem): Promise<void>;
  /** Posts of an author with this status (queued, held) received since `since` (the flood cap). */
  countRecent(channelId: string, authorId: string, since: number, status: 'queued' | 'held'): Promise<number>;
  /** The newest queued post of a conversation (what a reply answers). */
  latestInbound(conversationId: string): Promise<ChannelItem | null>;
  /** The queued post that became this log entry. */
  itemAt(conversationId: string, seq: number): Promise<ChannelItem | null>;

  /** Stores an outbound reply before it is posted; a retried send returns the first copy. */
  createPost(post: Omit<ChannelPost, 'attempts' | 'platformId' | 'url' | 'error' | 'updatedAt'>): Promise<ChannelPost>;
  getPost(postId: string): Promise<ChannelPost | null>;
  postAt(conversationId: string, replySeq: number): Promise<ChannelPost | null>;
  setPostSeq(postId: string, replySeq: number, at: number): Promise<void>;
  /** Moves a post from one of `from` to `to`; false when it was not in one of them (someone else has it). */
  transitionPost(postId: string, from: PostStatus[], to: PostStatus, at: number): Promise<boolean>;
  finishPost(postId: string, result: { status: 'sent' | 'failed' | 'abandoned'; platformId?: string | null; url?: string | null; error?: string | null }, at: number): Promise<void>;
  /** True when we posted this (echo suppression). */
  isOwnPost(channelId: string, platformId: string): Promise<boolean>;
  /** The conversation one of our posts is in (a reply to our reply continues its thread). */
  conversationOfPost(channelId: string, platformId: string): Promise<string | null>;
  /** Posts left in `sending` or without their log entry (a crash), older than `before`. */
  unfinishedPosts(before: number, limit: number): Promise<ChannelPost[]>;
}
