/**
 * A lead settles an escalation (issue 6: "leads see escalations first; the time to decision is
 * recorded"). The decision is a `decided` status entry with the lead's note and the time it took,
 * written with its audit row and a conditional update of the conversation's
 * `escalation_decided_at`, so two leads deciding at once record one decision. A lead who
 * resolves an escalated conversation without a word has decided it too.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent, Conversation } from '../storage/records.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { RelayError } from '../errors.js';
import { companionClientId, recordAction } from './record-action.js';

const isLead = (agent: Agent) => agent.role === 'lead' || agent.role === 'admin';

export class EscalationDecisions {
  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
  ) {}

  async decide(agent: Agent, conversationId: string, note: string, clientId: string): Promise<ConversationEvent> {
    if (!isLead(agent)) throw new RelayError('FORBIDDEN', 'only leads and admins decide escalations');
    const conversation = await this.storage.conversations.get(agent.workspaceId, conversationId);
    if (!conversation) throw new RelayError('NOT_FOUND', 'no such conversation');
    if (!waitsForDecision(conversation)) {
      // A retry of a decision that went through finds its first copy instead of a refusal.
      if (conversation.escalatedAt !== null) return this.write(agent, conversation, note, clientId);
      throw new RelayError('CONFLICT', 'this conversation is not escalated');
    }
    return this.write(agent, conversation, note, clientId);
  }

  /** Before a lead resolves a conversation: an open escalation counts as decided by it. */
  async settleOnResolve(agent: Agent, conversationId: string, clientId: string): Promise<void> {
    if (!isLead(agent)) return;
    const conversation = await this.storage.conversations.get(agent.workspaceId, conversationId);
    if (!conversation || !waitsForDecision(conversation)) return;
    await this.write(agent, conversation, 'resolved by a lead', companionClientId('decide', clientId)).catch((error: unknown) => {
      // A colleague decided it a moment earlier: nothing left to record.
      if (!(error instanceof RelayError && error.code === 'CONFLICT')) throw error;
    });
  }

  private async write(agent: Agent, conversation: Conversation, note: string, clientId: string): Promise<ConversationEvent> {
    const at = Date.now();
    const event = await recordAction(this.storage, this.conversations, {
      agent,
      conversationId: conversation.id,
      clientId,
      at,
      body: {
        kind: 'status',
        change: 'decided',
        status: conversation.status,
        assignee: conversation.assignee,
        note,
        decisionMs: Math.max(0, at - (conversation.escalatedAt ?? at)),
      },
      audit: { action: 'decide', target: { kind: 'conversation', id: conversation.id, seq: null }, reason: note },
      decide: true,
    });
    await this.conversations.announceConversation(agent.workspaceId, conversation.id);
    return event!;
  }
}

function waitsForDecision(conversation: Conversation): boolean {
  return conversation.escalatedAt !== null && (conversation.escalationDecidedAt ?? null) === null;
}
