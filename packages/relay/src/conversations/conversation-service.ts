/**
 * The data path's step ④: store an entry (commit), then announce it on the bus (⑤). Gateway
 * connections, and later connectors, go through here, so every channel writes the log the same
 * way and every write is announced the same way.
 */
import type { Author, ConversationEvent } from '@eyelevel/shared';
import type { Bus } from '../bus/bus.js';
import { topics } from '../bus/bus.js';
import type { Storage } from '../storage/storage.js';
import type { AppendInput, Conversation, EventBody, PageContext, Visitor } from '../storage/records.js';
import { RelayError } from '../errors.js';
import { CommitQueue } from './commit-queue.js';

export interface AppendedEvent {
  event: ConversationEvent;
  duplicate: boolean;
}

export class ConversationService {
  readonly commits: CommitQueue;

  constructor(
    private readonly storage: Storage,
    private readonly bus: Bus,
  ) {
    this.commits = new CommitQueue(storage.events);
  }

  /** Starts a web conversation for a visitor and announces it to the workspace's agents. */
  async startWebConversation(visitor: Visitor, page: PageContext | null): Promise<Conversation> {
    const { conversation, opened } = await this.storage.conversations.create({
      workspaceId: visitor.workspaceId,
      siteId: visitor.siteId,
      visitor,
      channel: 'web',
      page,
      at: Date.now(),
    });
    this.bus.publish(topics.workspace(visitor.workspaceId), {
      type: 'conversation',
      workspaceId: visitor.workspaceId,
      conversation,
    });
    this.announce(visitor.workspaceId, conversation.id, opened);
    return conversation;
  }

  /**
   * Appends one entry. Resolves only after it is committed; a retry with the same client id
   * resolves with the first copy and announces nothing new.
   */
  async append(
    workspaceId: string,
    conversationId: string,
    author: Author,
    clientId: string | null,
    body: EventBody,
  ): Promise<AppendedEvent> {
    const input: AppendInput = { workspaceId, conversationId, author, clientId, body, at: Date.now() };
    const result = await this.commits.append(input);
    if (!result.ok) throw new RelayError('NOT_FOUND', 'no such conversation');
    if (!result.duplicate) this.announce(workspaceId, conversationId, result.event);
    return result;
  }

  async markRead(workspaceId: string, conversationId: string, side: 'visitor' | 'agent', seq: number) {
    const raised = await this.storage.conversations.markRead(workspaceId, conversationId, side, seq);
    if (raised === null) return;
    const message = { type: 'read' as const, workspaceId, conversationId, side, seq: raised };
    // Visitors learn what agents read, and agents what visitors read.
    const topic = side === 'agent' ? topics.conversation(conversationId) : topics.workspace(workspaceId);
    this.bus.publish(topic, message);
  }

  typing(workspaceId: string, conversationId: string, author: Author, on: boolean): void {
    const message = { type: 'typing' as const, workspaceId, conversationId, on, author };
    const topic = author.kind === 'visitor' ? topics.workspace(workspaceId) : topics.conversation(conversationId);
    this.bus.publish(topic, message);
  }

  readLog(workspaceId: string, conversationId: string, afterSeq: number, limit: number) {
    return this.storage.events.read(workspaceId, conversationId, afterSeq, limit);
  }

  private announce(workspaceId: string, conversationId: string, event: ConversationEvent): void {
    const message = { type: 'event' as const, workspaceId, conversationId, event };
    this.bus.publish(topics.conversation(conversationId), message);
    this.bus.publish(topics.workspace(workspaceId), message);
  }
}
