/**
 * Teams as the visitor side needs them (issue 3): a careers page names a team by its slug, the
 * widget shows the team's people, and offline mode asks whether any of them is online.
 */
import type { Agent, Team } from './records.js';

export interface TeamDirectory {
  /** The workspace's team with this slug (case-insensitive), or null. */
  teamBySlug(workspaceId: string, slug: string): Promise<Team | null>;
  /** Members of a team, at most `limit`, in a stable order. */
  members(workspaceId: string, teamId: string, limit: number): Promise<Agent[]>;
  /** Whether any agent (of the team, when given) is online right now. */
  anyOnline(workspaceId: string, teamId: string | null): Promise<boolean>;
}
