/**
 * Who can act in a workspace. Roles are ordered by what they may do: an expert answers like an
 * agent but their public answers go through review; a lead reviews and takes escalations; an
 * admin manages the workspace.
 */
export const AGENT_ROLES = ['agent', 'expert', 'lead', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];
