/**
 * Public replies (data path ⑥→⑦ for channels), posted exactly once and never silently lost:
 *
 * 1. `prepare`, before the agent's message is committed: the reply is measured with the
 *    channel's counting and limit, prefix and signature included (too long: refused, nothing
 *    stored), then stored as a `queued` post keyed by the send's client id;
 * 2. the message is appended to the log as any agent message; `committed` links the post to its
 *    seq and dispatches it;
 * 3. `dispatch` moves the post to `sending` with a conditional update (one poster, whatever the
 *    number of nodes or retries), calls the platform, stores the outcome and writes it in the
 *    log as a `social` entry: `reply_posted` with the platform's id, or `reply_failed` with the
 *    platform's own error, which an agent can `retry`.
 *
 * A relay that stops mid-post cannot know whether the platform got it: `recover` marks such a
 * post failed with that explanation rather than risk posting it twice.
 */
import type { Logger } from 'pino';
import { measureReply, publicReplyText, type ConversationEvent } from '@eyelevel/shared';
import type { Storage } from '../../storage/storage.js';
import type { Agent } from '../../storage/records.js';
import type { ChannelPost } from '../../storage/channel-store.js';
import type { ConversationService } from '../../conversations/conversation-service.js';
import { SYSTEM_AUTHOR } from '../../storage/kysely/conversation-store.js';
import { RelayError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { PlatformResult } from '../connector.js';
import type { ChannelRuntime } from '../channel-runtime.js';
import { replyRulesFor } from '../channel-capabilities.js';
import { PlatformError } from '../shared/platform-error.js';
import type { PrivateLinks } from '../private-link/private-links.js';

/** A rate-limited reply is tried again by itself when the window resets within this long. */
const AUTO_RETRY_WITHIN_MS = 15 * 60_000;

export interface PreparedReply {
  post: ChannelPost;
}

export class Replies {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    private readonly runtime: ChannelRuntime,
    private readonly log: Logger,
    private readonly privateLinks?: PrivateLinks,
  ) {}

  /** Null for a web conversation; throws when the reply cannot go out as written. */
  async prepare(agent: Agent, conversationId: string, text: string, clientId: string): Promise<PreparedReply | null> {
    const thread = await this.runtime.threadOf(agent.workspaceId, conversationId);
    if (!thread) return null;
    // The person continued in a site's widget (private link): the reply goes there, not public.
    if (await this.privateLinks?.isPrivate(agent.workspaceId, conversationId)) return null;
    const channel = await this.runtime.channel(thread.channelId);
    if (!channel || channel.status === 'paused') {
      throw new RelayError('UNAVAILABLE', 'this conversation’s channel is paused or disconnected; the reply was not sent');
    }
    const conversation = await this.storage.conversations.get(agent.workspaceId, conversationId);
    const prefix = conversation?.social?.replyPrefix ?? '';
    const rules = replyRulesFor(channel);
    const measure = measureReply(rules, text, agent.initials, prefix);
    if (!measure.fits) {
      throw new RelayError(
        'MESSAGE_TOO_LONG',
        `the reply is ${measure.length - measure.max} over the limit of ${measure.max} on ${channel.name} (signature included)`,
      );
    }
    const target = await this.storage.channels.latestInbound(conversationId);
    const post = await this.storage.channels.createPost({
      id: newId(),
      workspaceId: agent.workspaceId,
      channelId: channel.id,
      conversationId,
      agentId: agent.id,
      clientId,
      replySeq: null,
      text: publicReplyText(rules, text, agent.initials, prefix),
      replyTo: target?.platformId ?? null,
      replyContext: target?.replyContext ?? null,
      status: 'queued',
      createdAt: Date.now(),
    });
    // A resend after the relay gave up waiting for its log entry brings the post back.
    if (post.status === 'abandoned') await this.storage.channels.transitionPost(post.id, ['abandoned'], 'queued', Date.now());
    return { post };
  }

  /** The agent's message is in the log: post the reply (the outcome follows in the log). */
  async committed(prepared: PreparedReply, event: ConversationEvent): Promise<void> {
    if (prepared.post.replySeq === null) await this.storage.channels.setPostSeq(prepared.post.id, event.seq, Date.now());
    void this.dispatch(prepared.post.id).catch((error: unknown) => this.log.error({ err: error, postId: prepared.post.id }, 'posting a reply failed'));
  }

  /** The message was refused (collision rule): the stored post must never go out. */
  async notCommitted(prepared: PreparedReply): Promise<void> {
    if (prepared.post.replySeq === null) await this.storage.channels.finishPost(prepared.post.id, { status: 'abandoned' }, Date.now());
  }

  /** Posts a reply the platform refused, again, on an agent's request. */
  async retry(agent: Agent, conversationId: string, replySeq: number): Promise<ConversationEvent> {
    if (!(await this.runtime.threadOf(agent.workspaceId, conversationId))) throw new RelayError('NOT_FOUND', 'not a social conversation');
    const post = await this.storage.channels.postAt(conversationId, replySeq);
    if (!post || post.workspaceId !== agent.workspaceId) throw new RelayError('NOT_FOUND', 'no public reply at that seq');
    if (!(await this.storage.channels.transitionPost(post.id, ['failed'], 'queued', Date.now()))) {
      throw new RelayError('CONFLICT', post.status === 'sent' ? 'that reply was posted already' : 'that reply is being posted');
    }
    const event = await this.dispatch(post.id);
    if (!event) throw new RelayError('CONFLICT', 'that reply is being posted');
    return event;
  }

  /** Posts one queued reply; null when another attempt holds it. */
  async dispatch(postId: string): Promise<ConversationEvent | null> {
    const channels = this.storage.channels;
    if (!(await channels.transitionPost(postId, ['queued'], 'sending', Date.now()))) return null;
    const post = await channels.getPost(postId);
    if (!post || post.replySeq === null) return null;
    const result = await this.post(post);
    await channels.finishPost(
      post.id,
      result.ok ? { status: 'sent', platformId: result.platformId, url: result.url } : { status: 'failed', error: result.error },
      Date.now(),
    );
    const { event } = await this.conversations.append(post.workspaceId, post.conversationId, SYSTEM_AUTHOR, null, {
      kind: 'social',
      action: result.ok ? 'reply_posted' : 'reply_failed',
      targetSeq: post.replySeq,
      platformId: result.ok ? result.platformId : null,
      url: result.ok ? result.url : null,
      error: result.ok ? null : result.error,
      text: null,
      note: null,
    });
    if (!result.ok && result.retryAt !== undefined) this.retryLater(post, result.retryAt);
    return event;
  }

  /** After a restart: posts that never got their outcome. */
  async recover(): Promise<void> {
    const channels = this.storage.channels;
    for (const post of await channels.unfinishedPosts(Date.now() - 30_000, 500)) {
      if (post.status === 'queued' && post.replySeq !== null) {
        await this.dispatch(post.id);
      } else if (post.status === 'queued') {
        // Its message never reached the log: nothing the agent saw as sent is lost.
        await channels.finishPost(post.id, { status: 'abandoned' }, Date.now());
      } else if (post.replySeq !== null) {
        const error = 'the relay stopped while this reply was being posted; check the network before retrying';
        await channels.finishPost(post.id, { status: 'failed', error }, Date.now());
        await this.conversations.append(post.workspaceId, post.conversationId, SYSTEM_AUTHOR, null, {
          kind: 'social',
          action: 'reply_failed',
          targetSeq: post.replySeq,
          platformId: null,
          url: null,
          error,
          text: null,
          note: null,
        });
      }
    }
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async post(post: ChannelPost): Promise<PlatformResult> {
    const connector = await this.runtime.connector(post.channelId);
    if (!connector) return { ok: false, error: 'the channel is paused or disconnected' };
    if (post.replyTo === null) return { ok: false, error: 'nothing in this conversation to reply to on the network' };
    const thread = await this.runtime.threadOf(post.workspaceId, post.conversationId);
    try {
      return await connector.reply({
        postId: post.id,
        text: post.text,
        inReplyTo: { platformId: post.replyTo, context: post.replyContext ?? {} },
        threadKey: thread?.threadKey ?? '',
      });
    } catch (error) {
      const retryAt = error instanceof PlatformError && error.retryAt !== null ? error.retryAt : undefined;
      return { ok: false, error: (error as Error).message, ...(retryAt !== undefined ? { retryAt } : {}) };
    }
  }

  /** Rate-limited: once the platform's window resets, the reply goes out without anyone asking. */
  private retryLater(post: ChannelPost, retryAt: number): void {
    const wait = retryAt - Date.now();
    if (wait > AUTO_RETRY_WITHIN_MS) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void (async () => {
        if (await this.storage.channels.transitionPost(post.id, ['failed'], 'queued', Date.now())) await this.dispatch(post.id);
      })().catch((error: unknown) => this.log.warn({ err: error, postId: post.id }, 'automatic retry failed'));
    }, Math.max(wait, 0) + 1000);
    timer.unref();
    this.timers.add(timer);
  }
}
