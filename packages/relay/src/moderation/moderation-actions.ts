/**
 * Hide, delete, warn and block (issue 6), from the agent's side. A social post is hidden or
 * deleted on its platform (connectors/outbound/moderation.ts); a web chat's entry is hidden or
 * deleted in the widget and the console by a `moderation` log entry: the message itself stays
 * stored, and agents keep seeing it, marked with who did it and why. A block holds the person's
 * new messages (see blocks.ts). Every action writes its audit row with its log entry.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import { renderWarnTemplate } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent, Conversation } from '../storage/records.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Moderation as SocialModeration } from '../connectors/outbound/moderation.js';
import type { ModerationAction } from '../connectors/connector.js';
import { RelayError } from '../errors.js';
import type { Blocks } from './blocks.js';
import { companionClientId, recordAction } from './record-action.js';
import { warnTemplatesOf } from './warn-templates.js';

const ENTRY_OF = { hide: 'hidden', unhide: 'unhidden', delete: 'deleted' } as const;
const LOG_PAGE = 500;
const isLead = (agent: Agent) => agent.role === 'lead' || agent.role === 'admin';

export class ModerationActions {
  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    private readonly blocks: Blocks,
    private readonly social: SocialModeration,
  ) {}

  async moderate(agent: Agent, conversationId: string, action: ModerationAction, targetSeq: number, reason: string, clientId: string): Promise<ConversationEvent> {
    const conversation = await this.conversation(agent, conversationId);
    if (conversation.social) return this.social.apply(agent, conversationId, action, targetSeq, reason, clientId);
    if (action === 'delete' && !isLead(agent)) throw new RelayError('FORBIDDEN', 'only leads and admins delete messages');
    const [target] = await this.storage.events.read(agent.workspaceId, conversationId, targetSeq - 1, 1);
    if (target?.seq !== targetSeq || (target.kind !== 'message' && target.kind !== 'held')) {
      throw new RelayError('NOT_FOUND', 'that entry is not a message of this conversation');
    }
    const now = await this.entryState(agent.workspaceId, conversationId, targetSeq);
    if (now === 'deleted') throw new RelayError('CONFLICT', 'that message was deleted; a deletion is not undone');
    if (action === 'unhide' && now !== 'hidden') throw new RelayError('CONFLICT', 'that message is not hidden');
    if (action === 'hide' && now === 'hidden') throw new RelayError('CONFLICT', 'that message is already hidden');
    const event = await recordAction(this.storage, this.conversations, {
      agent,
      conversationId,
      clientId,
      body: { kind: 'moderation', action: ENTRY_OF[action], targetSeq, note: reason },
      audit: { action, target: { kind: 'message', id: conversationId, seq: targetSeq }, reason },
    });
    return event!;
  }

  async block(agent: Agent, conversationId: string, reason: string, clientId: string): Promise<ConversationEvent> {
    const conversation = await this.conversation(agent, conversationId);
    const subject = subjectOf(conversation);
    const at = Date.now();
    const event = await recordAction(this.storage, this.conversations, {
      agent,
      conversationId,
      clientId,
      at,
      body: { kind: 'moderation', action: 'blocked', targetSeq: null, note: reason },
      audit: { action: 'block', target: { kind: subject.kind, id: subject.id, seq: null }, reason },
      block: {
        set: { workspaceId: agent.workspaceId, subjectKind: subject.kind, subjectId: subject.id, conversationId, reason, actorId: agent.id, createdAt: at },
      },
    });
    this.blocks.changed(agent.workspaceId);
    return event!;
  }

  async unblock(agent: Agent, conversationId: string, reason: string, clientId: string): Promise<ConversationEvent> {
    const subject = subjectOf(await this.conversation(agent, conversationId));
    const event = await recordAction(this.storage, this.conversations, {
      agent,
      conversationId,
      clientId,
      body: { kind: 'moderation', action: 'unblocked', targetSeq: null, note: reason },
      audit: { action: 'unblock', target: { kind: subject.kind, id: subject.id, seq: null }, reason },
      block: { clear: { kind: subject.kind, id: subject.id } },
    });
    this.blocks.changed(agent.workspaceId);
    return event!;
  }

  /**
   * The warning's text, from the workspace's template (or the agent's edit of it). A private
   * warning cannot go to a social author: their conversation happens in public.
   */
  async warningText(agent: Agent, conversationId: string, templateKey: string, edited: string | undefined): Promise<string> {
    const conversation = await this.conversation(agent, conversationId);
    const template = (await warnTemplatesOf(this.storage, agent.workspaceId)).find((t) => t.key === templateKey);
    if (!template) throw new RelayError('NOT_FOUND', `no warn template "${templateKey}" in this workspace`);
    if (template.visibility === 'private' && conversation.social) {
      throw new RelayError('BAD_REQUEST', 'a private warning cannot reach a social author here; send a private link first, or warn in public');
    }
    return edited ?? renderWarnTemplate(template.text, personName(conversation));
  }

  /** The warning's own line in the log (with the reason) and its audit row, after the message went out. */
  async recordWarning(agent: Agent, conversationId: string, targetSeq: number | undefined, reason: string, clientId: string): Promise<ConversationEvent> {
    const conversation = await this.conversation(agent, conversationId);
    const subject = subjectOf(conversation);
    const event = await recordAction(this.storage, this.conversations, {
      agent,
      conversationId,
      clientId: companionClientId('warn', clientId),
      body: { kind: 'moderation', action: 'warned', targetSeq: targetSeq ?? null, note: reason },
      audit: {
        action: 'warn',
        target: targetSeq !== undefined ? { kind: 'message', id: conversationId, seq: targetSeq } : { kind: subject.kind, id: subject.id, seq: null },
        reason,
      },
    });
    return event!;
  }

  /** What moderation did to a web chat entry so far, read from the entries after it. */
  private async entryState(workspaceId: string, conversationId: string, targetSeq: number): Promise<'visible' | 'hidden' | 'deleted'> {
    let state: 'visible' | 'hidden' | 'deleted' = 'visible';
    for (let after = targetSeq; ; ) {
      const page = await this.storage.events.read(workspaceId, conversationId, after, LOG_PAGE);
      for (const event of page) {
        if (event.kind !== 'moderation' || event.targetSeq !== targetSeq) continue;
        if (event.action === 'deleted') return 'deleted';
        if (event.action === 'hidden') state = 'hidden';
        if (event.action === 'unhidden') state = 'visible';
      }
      const last = page.at(-1);
      if (page.length < LOG_PAGE || !last) return state;
      after = last.seq;
    }
  }

  private async conversation(agent: Agent, conversationId: string): Promise<Conversation> {
    const conversation = await this.storage.conversations.get(agent.workspaceId, conversationId);
    if (!conversation) throw new RelayError('NOT_FOUND', 'no such conversation');
    return conversation;
  }
}

function subjectOf(conversation: Conversation): { kind: 'visitor' | 'social_author'; id: string } {
  return { kind: conversation.social ? 'social_author' : 'visitor', id: conversation.visitor.id };
}

function personName(conversation: Conversation): string | null {
  if (conversation.social) return conversation.social.author.handle;
  return conversation.visitor.name ?? conversation.prechat?.name ?? conversation.identity?.name ?? null;
}
