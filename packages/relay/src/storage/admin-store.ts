/**
 * The storage contract behind the admin API (issue 4): workspace settings, agents (edit,
 * deactivate, team memberships), teams, sites (settings, secret rotation) and canned replies.
 * Every method takes the workspace id, so an admin of one workspace can never reach another's.
 */
import type { CannedReply, CannedReplyInput } from '@eyelevel/shared';
import type { Agent, Presence, Site, SiteSettings } from './records.js';

export interface WorkspaceSettingsRecord {
  id: string;
  name: string;
  firstResponseTargetMs: number;
}

/** An agent as admins (and, without the e-mail, colleagues) see them. */
export interface AgentRecord extends Agent {
  teamIds: string[];
  presence: Presence;
  active: boolean;
}

export interface AgentPatch {
  name?: string;
  initials?: string;
  avatarUrl?: string | null;
  role?: Agent['role'];
  capacity?: number;
  passwordHash?: string;
}

export interface SitePatch {
  name?: string;
  allowedOrigins?: string[];
  settings?: SiteSettings;
}

export interface AdminStore {
  workspace(workspaceId: string): Promise<WorkspaceSettingsRecord | null>;
  updateWorkspace(workspaceId: string, patch: { name?: string; firstResponseTargetMs?: number }): Promise<void>;

  listAgents(workspaceId: string): Promise<AgentRecord[]>;
  getAgentRecord(workspaceId: string, agentId: string): Promise<AgentRecord | null>;
  /** Fails with CONFLICT when the new initials are taken in the workspace. */
  updateAgent(workspaceId: string, agentId: string, patch: AgentPatch): Promise<void>;
  /** Replaces the agent's team memberships (teams of another workspace are ignored). */
  setAgentTeams(workspaceId: string, agentId: string, teamIds: string[]): Promise<void>;
  setAgentActive(workspaceId: string, agentId: string, active: boolean, at: number): Promise<void>;
  /** Unresolved conversations assigned to the agent (to hand over when they are deactivated). */
  assignedTo(workspaceId: string, agentId: string): Promise<Array<{ conversationId: string; teamId: string | null }>>;

  renameTeam(workspaceId: string, teamId: string, name: string): Promise<boolean>;
  /** Removes the team, its memberships and canned replies; its conversations keep no team. */
  deleteTeam(workspaceId: string, teamId: string): Promise<boolean>;

  getSite(workspaceId: string, siteId: string): Promise<Site | null>;
  updateSite(workspaceId: string, siteId: string, patch: SitePatch): Promise<boolean>;
  /** A new identity secret; the old one stops verifying at once. Null when there is no such site. */
  rotateSiteSecret(workspaceId: string, siteId: string): Promise<string | null>;

  listCannedReplies(workspaceId: string): Promise<CannedReply[]>;
  /** Fails with CONFLICT when the shortcut is taken in the workspace. */
  createCannedReply(workspaceId: string, input: Required<CannedReplyInput>): Promise<CannedReply>;
  updateCannedReply(workspaceId: string, id: string, patch: Partial<Required<CannedReplyInput>>): Promise<CannedReply | null>;
  deleteCannedReply(workspaceId: string, id: string): Promise<boolean>;
}

