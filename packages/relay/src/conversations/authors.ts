/**
 * Author snapshots written into the log. Taken when an event is written, so history shows who
 * answered under the name they had then.
 */
import type { Author } from '@eyelevel/shared';
import type { Agent, Visitor } from '../storage/records.js';

export function agentAuthor(agent: Agent): Author {
  return {
    kind: 'agent',
    id: agent.id,
    name: agent.name,
    initials: agent.initials,
    avatarUrl: agent.avatarUrl,
    role: agent.role,
  };
}

export function visitorAuthor(visitor: Visitor): Author {
  return {
    kind: 'visitor',
    id: visitor.id,
    name: visitor.name,
    initials: null,
    avatarUrl: null,
    role: null,
  };
}
