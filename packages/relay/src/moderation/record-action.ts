/**
 * The one way a moderation action is written (issue 6): its log entry and its audit row in one
 * transaction (storage/moderation-store.ts), then the entry announced like any other, so every
 * console shows it. Refusals become error frames that say what to do.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent, EventBody } from '../storage/records.js';
import type { ModerationRecord, ModerationResult, NewAuditEntry } from '../storage/moderation-store.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { agentAuthor } from '../conversations/authors.js';
import { RelayError } from '../errors.js';

const REFUSALS: Record<Exclude<ModerationResult, { ok: true }>['reason'], () => RelayError> = {
  'conversation-not-found': () => new RelayError('NOT_FOUND', 'no such conversation'),
  'not-assignee': () => new RelayError('FORBIDDEN', 'only the assignee or a lead can do this while it is assigned'),
  'already-blocked': () => new RelayError('CONFLICT', 'this person is already blocked'),
  'not-blocked': () => new RelayError('CONFLICT', 'this person is not blocked'),
  'not-escalated': () => new RelayError('CONFLICT', 'no escalation waits for a decision here (a colleague may have decided it)'),
};

export interface ActionInput {
  agent: Agent;
  conversationId: string;
  clientId: string;
  /** The log entry; null writes the audit row alone. */
  body: EventBody | null;
  audit: Pick<NewAuditEntry, 'action' | 'target' | 'reason'>;
  block?: ModerationRecord['block'];
  decide?: boolean;
  at?: number;
}

export async function recordAction(storage: Storage, conversations: ConversationService, input: ActionInput): Promise<ConversationEvent | null> {
  const { agent, conversationId } = input;
  const at = input.at ?? Date.now();
  const result = await storage.moderation.record({
    entry: input.body && {
      workspaceId: agent.workspaceId,
      conversationId,
      author: agentAuthor(agent),
      clientId: input.clientId,
      body: input.body,
      at,
    },
    audit: { ...input.audit, workspaceId: agent.workspaceId, at, actor: auditActor(agent), conversationId },
    ...(input.block ? { block: input.block } : {}),
    ...(input.decide ? { decide: true } : {}),
  });
  if (!result.ok) throw REFUSALS[result.reason]();
  if (result.event && !result.duplicate) conversations.announce(agent.workspaceId, conversationId, result.event);
  return result.event;
}

export function auditActor(agent: Agent): NewAuditEntry['actor'] {
  return { id: agent.id, name: agent.name, initials: agent.initials, role: agent.role };
}

/** A second client id for the entry that accompanies another (a warning's own log line). */
export function companionClientId(prefix: string, clientId: string): string {
  return `${prefix}:${clientId}`.slice(0, 64);
}
