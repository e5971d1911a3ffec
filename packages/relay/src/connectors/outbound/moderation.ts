/**
 * Hide, unhide and delete others' posts on the platform, from the console (issue 5; DESIGN.md
 * section 2: "no censorship, but warnings and, rarely, deletion"). Every action names the agent
 * and the reason in the conversation's log and, in the same transaction, the audit log (issue 6);
 * deleting someone's post is for leads and admins.
 * The platform's own notice of the change (Facebook sends one) is recorded first, so it is not
 * shown twice.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { Storage } from '../../storage/storage.js';
import type { Agent } from '../../storage/records.js';
import type { ConversationService } from '../../conversations/conversation-service.js';
import { recordAction } from '../../moderation/record-action.js';
import { RelayError } from '../../errors.js';
import type { ModerationAction } from '../connector.js';
import type { ChannelRuntime } from '../channel-runtime.js';
import { moderationFor } from '../channel-capabilities.js';

const EVENT_OF: Record<ModerationAction, 'hidden' | 'unhidden' | 'removed'> = { hide: 'hidden', unhide: 'unhidden', delete: 'removed' };
const ACTION_OF: Record<ModerationAction, 'hidden' | 'unhidden' | 'deleted'> = { hide: 'hidden', unhide: 'unhidden', delete: 'deleted' };

export class Moderation {
  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    private readonly runtime: ChannelRuntime,
  ) {}

  async apply(agent: Agent, conversationId: string, action: ModerationAction, targetSeq: number, reason: string, clientId: string): Promise<ConversationEvent> {
    const thread = await this.runtime.threadOf(agent.workspaceId, conversationId);
    if (!thread) throw new RelayError('BAD_REQUEST', 'only posts from a social network can be moderated');
    const channel = await this.runtime.channel(thread.channelId);
    const connector = await this.runtime.connector(thread.channelId);
    if (!channel || !connector?.moderate) throw new RelayError('UNAVAILABLE', 'this conversation’s channel is paused or disconnected');
    if (!moderationFor(channel).includes(action)) throw new RelayError('BAD_REQUEST', `${channel.kind} does not let a brand ${action} others' posts`);
    if (action === 'delete' && agent.role !== 'lead' && agent.role !== 'admin') throw new RelayError('FORBIDDEN', 'only leads and admins delete posts');
    const item = await this.storage.channels.itemAt(conversationId, targetSeq);
    if (!item) throw new RelayError('NOT_FOUND', 'that entry is not a post from the network');
    const result = await connector.moderate(action, { platformId: item.platformId, context: item.replyContext ?? {} });
    if (!result.ok) throw new RelayError('UNAVAILABLE', `the network refused: ${result.error}`);
    await this.storage.channels.recordItem(agent.workspaceId, {
      channelId: channel.id,
      platformId: item.platformId,
      event: EVENT_OF[action],
      authorId: channel.accountId,
      status: 'echo',
      conversationId,
      seq: null,
      replyContext: null,
      receivedAt: Date.now(),
    });
    const event = await recordAction(this.storage, this.conversations, {
      agent,
      conversationId,
      clientId,
      body: {
        kind: 'social',
        action: ACTION_OF[action],
        targetSeq,
        platformId: item.platformId,
        url: item.replyContext?.url ?? null,
        error: null,
        text: null,
        note: reason,
      },
      audit: { action, target: { kind: 'message', id: conversationId, seq: targetSeq }, reason },
    });
    return event!;
  }
}
