/**
 * Records as the admin API shows them. A site never carries its identity secret here: the secret
 * is returned by creation and rotation only (DESIGN.md section 6).
 */
import type { AdminAgent, AdminSite } from '@eyelevel/shared';
import type { AgentRecord } from '../storage/admin-store.js';
import type { Site } from '../storage/records.js';

export function toAdminAgent(agent: AgentRecord): AdminAgent {
  return {
    id: agent.id,
    email: agent.email,
    name: agent.name,
    initials: agent.initials,
    avatarUrl: agent.avatarUrl,
    role: agent.role,
    capacity: agent.capacity,
    teamIds: agent.teamIds,
    active: agent.active,
    presence: agent.presence,
    createdAt: agent.createdAt,
  };
}

export function toAdminSite(site: Site): AdminSite {
  return {
    id: site.id,
    publicKey: site.publicKey,
    name: site.name,
    allowedOrigins: site.allowedOrigins,
    settings: site.settings,
    createdAt: site.createdAt,
  };
}
