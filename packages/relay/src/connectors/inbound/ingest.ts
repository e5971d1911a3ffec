/**
 * Where social posts join the queue (data path ①→④ for channels). Every connector hands its
 * verified posts here; this decides, the same way for every network, what becomes of each:
 *
 * - seen before (same platform id and event) → nothing, however often it is delivered;
 * - our own post coming back (our account wrote it, or it is one of our replies) → recorded, not queued;
 * - one author over the channel's flood cap → held back, with one note in the conversation;
 * - a blocked author (issue 6) → stored as a `held` entry (in its thread's conversation, or in the
 *   one where the block was set), never opening, waking or routing a case;
 * - otherwise → a message in its thread's conversation (opened, reopened or woken as needed),
 *   written through ConversationService.append like a web chat's, then routed.
 *
 * Posts of one channel are handled one after another, so two deliveries of a new thread cannot
 * both open a conversation; across nodes the thread key's primary key settles it.
 */
import type { Logger } from 'pino';
import type { Author } from '@eyelevel/shared';
import { LIMITS } from '@eyelevel/shared';
import type { Storage } from '../../storage/storage.js';
import type { ChannelRecord } from '../../storage/channel-store.js';
import type { ConversationService } from '../../conversations/conversation-service.js';
import type { Router } from '../../routing/router.js';
import type { QueueStates } from '../../routing/queue-states.js';
import { SYSTEM_AUTHOR } from '../../storage/kysely/conversation-store.js';
import type { InboundPost } from '../connector.js';
import { replyPrefixFor } from '../channel-capabilities.js';
import { itemClientId } from './item-client-id.js';
import type { SpikeMonitor } from '../../alerts/spike-monitor.js';
import type { Blocks } from '../../moderation/blocks.js';

export class Ingest {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    private readonly router: Router,
    private readonly queueStates: QueueStates,
    private readonly log: Logger,
    private readonly blocks: Blocks,
    /** Spike alerts (issue 6) count every post that reaches the queue. */
    private readonly spikes?: Pick<SpikeMonitor, 'recordMention'>,
  ) {}

  /** Resolves when every post is stored (or recognised as seen, an echo or held back). */
  ingest(channel: ChannelRecord, posts: InboundPost[]): Promise<void> {
    const previous = this.chains.get(channel.id) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(async () => {
      for (const post of posts) await this.one(channel, post);
    });
    this.chains.set(channel.id, next);
    void next.finally(() => {
      if (this.chains.get(channel.id) === next) this.chains.delete(channel.id);
    }).catch(() => {});
    return next;
  }

  private async one(channel: ChannelRecord, post: InboundPost): Promise<void> {
    const channels = this.storage.channels;
    if (await channels.findItem(channel.id, post.platformId, post.event)) return;
    const at = Date.now();
    const base = { channelId: channel.id, platformId: post.platformId, event: post.event, authorId: post.author.id, receivedAt: at };
    if (post.event !== 'post') return this.change(channel, post, at);

    if ((channel.accountId !== null && post.author.id === channel.accountId) || (await channels.isOwnPost(channel.id, post.platformId))) {
      await channels.recordItem(channel.workspaceId, { ...base, status: 'echo', conversationId: null, seq: null, replyContext: null });
      return;
    }

    const cap = channel.settings.floodCap;
    const since = at - cap.windowSeconds * 1000;
    if ((await channels.countRecent(channel.id, post.author.id, since, 'queued')) >= cap.perAuthor) {
      return this.holdBack(channel, post, at, since);
    }

    const visitorId = await channels.authorVisitor({
      channel,
      platformUserId: post.author.id,
      handle: post.author.handle,
      name: post.author.name,
      url: post.author.url,
      at,
    });
    const author: Author = { kind: 'visitor', id: visitorId, name: post.author.name ?? post.author.handle, initials: null, avatarUrl: null, role: null };
    if (await this.blocks.isBlocked(channel.workspaceId, visitorId)) return this.holdBlocked(channel, post, { ...author, id: visitorId }, at);

    let conversationId = await this.conversationFor(channel, post, at);
    let route = false;
    if (conversationId === null) {
      const opened = await channels.openThread({
        channel,
        threadKey: post.threadKey,
        visitorId,
        social: {
          channelId: channel.id,
          author: { handle: post.author.handle, name: post.author.name, url: post.author.url },
          url: post.threadUrl ?? post.url,
          replyPrefix: replyPrefixFor(channel, post.author),
          listening: post.listening ?? null,
        },
        at,
      });
      conversationId = opened.conversationId;
      if (opened.opened) {
        await this.conversations.announceConversation(channel.workspaceId, conversationId);
        this.conversations.announce(channel.workspaceId, conversationId, opened.opened);
        route = true;
      }
    } else {
      route = await this.wake(channel.workspaceId, conversationId, author);
    }

    const { event } = await this.conversations.append(channel.workspaceId, conversationId, author, itemClientId(channel.id, post.platformId, post.event), {
      kind: 'message',
      text: asMessageText(post.text),
    });
    await channels.recordItem(channel.workspaceId, {
      ...base,
      status: 'queued',
      conversationId,
      seq: event.seq,
      replyContext: { ...(post.replyContext ?? {}), ...(post.url ? { url: post.url } : {}) },
    });
    await this.spikes?.recordMention(channel, post).catch((error: unknown) => this.log.warn({ err: error }, 'counting a mention failed'));
    if (route) await this.route(channel.workspaceId, conversationId);
  }

  /** The thread's conversation, or the one of the post this answers (then the thread joins it). */
  private async conversationFor(channel: ChannelRecord, post: InboundPost, at: number): Promise<string | null> {
    const channels = this.storage.channels;
    const known = await channels.findThread(channel.id, post.threadKey);
    if (known !== null || post.replyToId === null) return known;
    const answered =
      (await channels.findItem(channel.id, post.replyToId, 'post'))?.conversationId ??
      (await channels.conversationOfPost(channel.id, post.replyToId));
    if (answered) await channels.linkThread(channel, post.threadKey, answered, at);
    return answered ?? null;
  }

  /** A resolved case reopens, a parked one wakes; returns whether it needs routing again. */
  private async wake(workspaceId: string, conversationId: string, author: Author): Promise<boolean> {
    const conversation = await this.storage.conversations.get(workspaceId, conversationId);
    if (!conversation) return false;
    if (conversation.status === 'resolved') {
      const result = await this.storage.queue.setState({
        workspaceId,
        conversationId,
        actor: author,
        clientId: null,
        at: Date.now(),
        change: 'reopened',
        status: 'open',
        onlyIfStatusIn: ['resolved'],
      });
      if (result.ok) {
        this.conversations.announce(workspaceId, conversationId, result.event);
        await this.conversations.announceConversation(workspaceId, conversationId);
      }
      return true;
    }
    if (conversation.status === 'pending' || conversation.status === 'snoozed') {
      await this.queueStates.visitorReturned(workspaceId, conversationId, author);
    }
    return false;
  }

  private async route(workspaceId: string, conversationId: string): Promise<void> {
    const conversation = await this.storage.conversations.get(workspaceId, conversationId);
    if (conversation && conversation.assignee === null) {
      await this.router.autoAssign(workspaceId, conversationId, conversation.teamId).catch((error: unknown) => {
        this.log.warn({ err: error, conversationId }, 'routing a social conversation failed; it waits in the queue');
      });
    }
  }

  /** Edited, removed, hidden on the platform: a line in the conversation of the post concerned. */
  private async change(channel: ChannelRecord, post: InboundPost, at: number): Promise<void> {
    const channels = this.storage.channels;
    const target = await channels.findItem(channel.id, post.platformId, 'post');
    const base = { channelId: channel.id, platformId: post.platformId, event: post.event, authorId: post.author.id, receivedAt: at, replyContext: null };
    if (!target?.conversationId || target.seq === null) {
      await channels.recordItem(channel.workspaceId, { ...base, status: 'ignored', conversationId: null, seq: null });
      return;
    }
    const { event } = await this.conversations.append(channel.workspaceId, target.conversationId, SYSTEM_AUTHOR, null, {
      kind: 'social',
      action: post.event === 'post' ? 'edited' : post.event,
      targetSeq: target.seq,
      platformId: post.platformId,
      url: post.url,
      error: null,
      text: post.event === 'edited' ? asMessageText(post.text) : null,
      note: null,
    });
    await channels.recordItem(channel.workspaceId, { ...base, status: 'queued', conversationId: target.conversationId, seq: event.seq });
  }

  /**
   * A blocked author's post: kept, as a `held` entry agents can read, in the thread's own
   * conversation or else in the one where the block was set, so it neither opens a case nor
   * disappears.
   */
  private async holdBlocked(channel: ChannelRecord, post: InboundPost, author: Author & { id: string }, at: number): Promise<void> {
    const channels = this.storage.channels;
    const conversationId =
      (await this.conversationFor(channel, post, at)) ??
      (await this.blocks.find(channel.workspaceId, 'social_author', author.id))?.conversationId ??
      null;
    let seq: number | null = null;
    if (conversationId !== null) {
      const { event } = await this.conversations.append(channel.workspaceId, conversationId, author, itemClientId(channel.id, post.platformId, post.event), {
        kind: 'held',
        text: asMessageText(post.text),
        platformId: post.platformId,
        url: post.url,
      });
      seq = event.seq;
    }
    await channels.recordItem(channel.workspaceId, {
      channelId: channel.id,
      platformId: post.platformId,
      event: post.event,
      authorId: post.author.id,
      receivedAt: at,
      status: 'held',
      conversationId,
      seq,
      replyContext: { ...(post.replyContext ?? {}), ...(post.url ? { url: post.url } : {}) },
    });
  }

  /** Over the cap: kept out of the queue, and the agents are told once per window. */
  private async holdBack(channel: ChannelRecord, post: InboundPost, at: number, since: number): Promise<void> {
    const channels = this.storage.channels;
    const firstHeld = (await channels.countRecent(channel.id, post.author.id, since, 'held')) === 0;
    await channels.recordItem(channel.workspaceId, {
      channelId: channel.id,
      platformId: post.platformId,
      event: post.event,
      authorId: post.author.id,
      receivedAt: at,
      status: 'held',
      conversationId: null,
      seq: null,
      replyContext: null,
    });
    this.log.warn({ channelId: channel.id, author: post.author.handle }, 'flood cap reached; post held back');
    const conversationId = await channels.findThread(channel.id, post.threadKey);
    if (!firstHeld || conversationId === null) return;
    const minutes = Math.round(channel.settings.floodCap.windowSeconds / 60);
    await this.conversations.append(channel.workspaceId, conversationId, SYSTEM_AUTHOR, null, {
      kind: 'social',
      action: 'held_back',
      targetSeq: null,
      platformId: post.platformId,
      url: post.url,
      error: null,
      text: `${post.author.handle} posted more than ${channel.settings.floodCap.perAuthor} times within ${minutes} minutes`,
      note: null,
    });
  }
}

/** Posts become message text: never empty, never longer than a message may be. */
function asMessageText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '(no text: see the post on the network)';
  return trimmed.length > LIMITS.maxMessageLength ? `${trimmed.slice(0, LIMITS.maxMessageLength - 1)}…` : trimmed;
}
