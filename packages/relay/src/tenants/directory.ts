/**
 * The `directory` frame's content: what every console of a workspace needs to know about its
 * colleagues, teams, canned replies and service target. Built in one place so the welcome and
 * every admin change send the same thing.
 */
import type { AgentServerFrame } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import { RelayError } from '../errors.js';
import { channelInfo } from '../connectors/channel-capabilities.js';
import { warnTemplatesOf } from '../moderation/warn-templates.js';

export type DirectoryFrame = Extract<AgentServerFrame, { type: 'directory' }>;

export async function buildDirectory(storage: Storage, workspaceId: string): Promise<DirectoryFrame> {
  const [workspace, teams, agents, cannedReplies, channels, warnTemplates, sites] = await Promise.all([
    storage.admin.workspace(workspaceId),
    storage.routing.listTeams(workspaceId),
    storage.admin.listAgents(workspaceId),
    storage.admin.listCannedReplies(workspaceId),
    storage.channels.list(workspaceId),
    warnTemplatesOf(storage, workspaceId),
    storage.tenants.listSites(workspaceId),
  ]);
  if (!workspace) throw new RelayError('NOT_FOUND', 'no such workspace');
  return {
    type: 'directory',
    workspace,
    teams: teams.map((team) => ({ id: team.id, slug: team.slug, name: team.name })),
    // Deactivated colleagues stay in the log under their name, but are no one to transfer to.
    agents: agents
      .filter((agent) => agent.active)
      .map((agent) => ({
        id: agent.id,
        name: agent.name,
        initials: agent.initials,
        avatarUrl: agent.avatarUrl,
        role: agent.role,
        presence: agent.presence,
        teamIds: agent.teamIds,
        capacity: agent.capacity,
      })),
    cannedReplies,
    // Social channels and how their composers count (issue 5).
    channels: channels.map(channelInfo),
    // What the console's Warn… menu offers (issue 6).
    warnTemplates,
    // Where a private link can take a social conversation's author (issue 5).
    sites: sites.map((site) => ({ id: site.id, name: site.name })),
  };
}
