/**
 * The data path's step ④: store an entry (commit), then announce it on the bus (⑤). Gateway
 * connections, and later connectors, go through here, so every channel writes the log the same
 * way and every write is announced the same way.
 */
import type { Author, ConversationEvent } from '@eyelevel/shared';
import type { Bus } from '../bus/bus.js';
import { topics } from '../bus/bus.js';
import type { Storage } from '../storage/storage.js';
import type { Agent, AppendInput, Conversation, EventBody, JobContext, PageContext, Visitor } from '../storage/records.js';
import { RelayError } from '../errors.js';
import { CommitQueue } from './commit-queue.js';
import { agentAuthor } from './authors.js';
import { mentionedInitials } from './mentions.js';

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

  /**
   * Starts a web conversation for a visitor and announces it to the workspace's agents. A
   * careers page's context puts it in a team's queue with the job attached.
   */
  async startWebConversation(
    visitor: Visitor,
    page: PageContext | null,
    routing: { teamId: string | null; job: JobContext | null } = { teamId: null, job: null },
  ): Promise<Conversation> {
    const { conversation, opened } = await this.storage.conversations.create({
      workspaceId: visitor.workspaceId,
      siteId: visitor.siteId,
      visitor,
      channel: 'web',
      page,
      teamId: routing.teamId,
      job: routing.job,
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
    onlyIfAssigneeIs?: string,
  ): Promise<AppendedEvent> {
    const input: AppendInput = {
      workspaceId,
      conversationId,
      author,
      clientId,
      body,
      at: Date.now(),
      ...(onlyIfAssigneeIs !== undefined ? { onlyIfAssigneeIs } : {}),
    };
    const result = await this.commits.append(input);
    if (!result.ok) {
      throw result.reason === 'not-assignee'
        ? new RelayError('FORBIDDEN', 'only the assignee or a lead can write here while it is assigned')
        : new RelayError('NOT_FOUND', 'no such conversation');
    }
    if (!result.duplicate) this.announce(workspaceId, conversationId, result.event);
    return result;
  }

  /** A private note; agents mentioned by their initials are notified. */
  async addNote(author: Agent, conversationId: string, clientId: string, text: string): Promise<AppendedEvent> {
    const mentioned = await this.storage.tenants.findAgentsByInitials(author.workspaceId, mentionedInitials(text));
    const mentions = mentioned.map((agent) => agent.id);
    const appended = await this.append(author.workspaceId, conversationId, agentAuthor(author), clientId, {
      kind: 'note',
      text,
      mentions,
    });
    if (!appended.duplicate && mentions.length > 0) {
      this.bus.publish(topics.workspace(author.workspaceId), {
        type: 'mention',
        workspaceId: author.workspaceId,
        conversationId,
        seq: appended.event.seq,
        agentIds: mentions,
        from: agentAuthor(author),
      });
    }
    return appended;
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
    // Agents see everyone typing (collision); visitors see agents typing.
    this.bus.publish(topics.workspace(workspaceId), message);
    if (author.kind !== 'visitor') this.bus.publish(topics.conversation(conversationId), message);
  }

  readLog(workspaceId: string, conversationId: string, afterSeq: number, limit: number) {
    return this.storage.events.read(workspaceId, conversationId, afterSeq, limit);
  }

  /** Publishes a conversation's current queue row (after its assignee, team or status changed). */
  async announceConversation(workspaceId: string, conversationId: string): Promise<void> {
    const conversation = await this.storage.conversations.get(workspaceId, conversationId);
    if (!conversation) return;
    this.bus.publish(topics.workspace(workspaceId), { type: 'conversation', workspaceId, conversation });
  }

  announce(workspaceId: string, conversationId: string, event: ConversationEvent): void {
    const message = { type: 'event' as const, workspaceId, conversationId, event };
    this.bus.publish(topics.conversation(conversationId), message);
    this.bus.publish(topics.workspace(workspaceId), message);
  }
}
