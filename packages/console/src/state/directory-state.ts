/**
 * The workspace as a console knows it from `directory` frames: colleagues (with live presence),
 * teams, canned replies and the first-response target. Kept apart from the queue because it
 * changes rarely and is looked up by id everywhere (transfer picker, filters, mentions).
 */
import { DEFAULT_WARN_TEMPLATES } from '@eyelevel/shared';
import type { AgentServerFrame, CannedReply, ChannelInfo, DirectoryAgent, DirectorySite, PresenceStatus, TeamEntry, WarnTemplate, WorkspaceInfo } from '@eyelevel/shared';

export interface Directory {
  readonly workspace: WorkspaceInfo;
  readonly teams: readonly TeamEntry[];
  readonly agents: ReadonlyMap<string, DirectoryAgent>;
  readonly cannedReplies: readonly CannedReply[];
  /** Social channels and how their public replies are counted (issue 5). */
  readonly channels: ReadonlyMap<string, ChannelInfo>;
  /** Sites a private link can take a social conversation's author to (issue 5). */
  readonly sites: readonly DirectorySite[];
  /** What the Warn… form offers (issue 6); the defaults from an older relay. */
  readonly warnTemplates?: readonly WarnTemplate[];
}

export function directoryFromFrame(frame: Extract<AgentServerFrame, { type: 'directory' }>): Directory {
  return {
    workspace: frame.workspace,
    teams: frame.teams,
    agents: new Map(frame.agents.map((agent) => [agent.id, agent])),
    cannedReplies: frame.cannedReplies,
    channels: new Map((frame.channels ?? []).map((channel) => [channel.id, channel])),
    sites: frame.sites ?? [],
    warnTemplates: frame.warnTemplates ?? DEFAULT_WARN_TEMPLATES,
  };
}

export function withPresence(directory: Directory, agentId: string, presence: PresenceStatus): Directory {
  const agent = directory.agents.get(agentId);
  if (!agent || agent.presence === presence) return directory;
  const agents = new Map(directory.agents);
  agents.set(agentId, { ...agent, presence });
  return { ...directory, agents };
}

export function teamName(directory: Directory | null, teamId: string | null): string | null {
  if (teamId === null) return null;
  return directory?.teams.find((team) => team.id === teamId)?.name ?? null;
}

/** Colleagues sorted for pickers: online first, then by name. */
export function sortedAgents(directory: Directory | null): DirectoryAgent[] {
  const rank = { online: 0, away: 1, offline: 2 } as const;
  return [...(directory?.agents.values() ?? [])].sort(
    (a, b) => rank[a.presence] - rank[b.presence] || a.name.localeCompare(b.name),
  );
}
