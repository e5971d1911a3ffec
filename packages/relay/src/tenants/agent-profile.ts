/**
 * An agent as the agent sees themself (login answer, console welcome): never the password hash.
 */
import type { AgentProfile } from '@eyelevel/shared';
import type { Agent } from '../storage/records.js';

export function toProfile(agent: Agent): AgentProfile {
  return {
    id: agent.id,
    workspaceId: agent.workspaceId,
    email: agent.email,
    name: agent.name,
    initials: agent.initials,
    avatarUrl: agent.avatarUrl,
    role: agent.role,
  };
}
