/**
 * The agent side of callback tasks (issue 3): take a visitor's request, then record how the
 * call went. Storage makes each step atomic with its log entry; this decides who may take
 * which step and announces the result, like the router does for assignments.
 */
import type { CallbackOutcome } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent } from '../storage/records.js';
import type { CallbackStepResult } from '../storage/callback-store.js';
import type { AppendedEvent, ConversationService } from '../conversations/conversation-service.js';
import { agentAuthor } from '../conversations/authors.js';
import { RelayError } from '../errors.js';

const isLead = (agent: Agent) => agent.role === 'lead' || agent.role === 'admin';

export class CallbackTasks {
  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
  ) {}

  async take(agent: Agent, conversationId: string, requestSeq: number, clientId: string): Promise<AppendedEvent> {
    const result = await this.storage.callbacks.take({
      workspaceId: agent.workspaceId,
      conversationId,
      requestSeq,
      agent: { ...agentAuthor(agent), id: agent.id },
      clientId,
      at: Date.now(),
    });
    return this.settle(agent.workspaceId, conversationId, result);
  }

  async done(
    agent: Agent,
    conversationId: string,
    requestSeq: number,
    outcome: CallbackOutcome,
    note: string | null,
    clientId: string,
  ): Promise<AppendedEvent> {
    const result = await this.storage.callbacks.finish({
      workspaceId: agent.workspaceId,
      conversationId,
      requestSeq,
      agent: { ...agentAuthor(agent), id: agent.id },
      clientId,
      outcome,
      note,
      overrule: isLead(agent),
      at: Date.now(),
    });
    return this.settle(agent.workspaceId, conversationId, result);
  }

  private async settle(workspaceId: string, conversationId: string, result: CallbackStepResult): Promise<AppendedEvent> {
    if (!result.ok) throw refusal(result.reason);
    if (!result.duplicate) {
      this.conversations.announce(workspaceId, conversationId, result.event);
      await this.conversations.announceConversation(workspaceId, conversationId);
    }
    return { event: result.event, duplicate: result.duplicate };
  }
}

function refusal(reason: Exclude<CallbackStepResult, { ok: true }>['reason']): RelayError {
  switch (reason) {
    case 'conversation-not-found':
    case 'no-such-task':
      return new RelayError('NOT_FOUND', 'no such callback request in this conversation');
    case 'not-assignee':
    case 'taken-by-someone-else':
      return new RelayError('CONFLICT', 'another agent has taken this callback');
    case 'already-done':
      return new RelayError('CONFLICT', 'this callback is already done');
  }
}
