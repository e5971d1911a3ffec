/**
 * Builders for protocol values in tests, so each test states only the fields it is about and
 * every value still passes the shared schemas the real relay's frames pass.
 */
import type {
  AgentProfile,
  Author,
  ConversationSummary,
  MessageEvent,
  StatusEvent,
} from '@eyelevel/shared';

export const agent: AgentProfile = {
  id: 'agent_1',
  workspaceId: 'ws_1',
  email: 'ana@example.com',
  name: 'Ana Nowak',
  initials: 'an',
  avatarUrl: null,
  role: 'agent',
};

export const agentAuthor: Author = {
  kind: 'agent',
  id: agent.id,
  name: agent.name,
  initials: agent.initials,
  avatarUrl: null,
  role: 'agent',
};

export const otherAgentAuthor: Author = {
  kind: 'agent',
  id: 'agent_2',
  name: 'Ben Ortiz',
  initials: 'bo',
  avatarUrl: null,
  role: 'agent',
};

export const visitorAuthor: Author = {
  kind: 'visitor',
  id: 'visitor_1',
  name: null,
  initials: null,
  avatarUrl: null,
  role: null,
};

export function summary(id: string, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    channel: 'web',
    siteId: 'site_1',
    status: 'open',
    assignee: null,
    teamId: null,
    priority: 'normal',
    escalatedAt: null,
    visitor: { id: `v_${id}`, name: null, email: null },
    page: null,
    lastSeq: 0,
    lastMessage: null,
    visitorReadSeq: 0,
    agentReadSeq: 0,
    createdAt: 1000,
    updatedAt: 1000,
    ...overrides,
  };
}

export function message(seq: number, text: string, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return {
    kind: 'message',
    seq,
    at: 1000 + seq,
    author: visitorAuthor,
    text,
    clientId: null,
    ...overrides,
  };
}

export function statusEvent(seq: number, overrides: Partial<StatusEvent> = {}): StatusEvent {
  return {
    kind: 'status',
    seq,
    at: 1000 + seq,
    author: agentAuthor,
    change: 'resolved',
    status: 'resolved',
    assignee: null,
    ...overrides,
  };
}
