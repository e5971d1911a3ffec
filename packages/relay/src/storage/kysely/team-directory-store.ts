/**
 * The team directory over Kysely: slug lookup, members and presence for the visitor side.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { TeamDirectory } from '../team-directory.js';
import type { Team } from '../records.js';
import { toAgent } from './row-mappers.js';

export class KyselyTeamDirectory implements TeamDirectory {
  constructor(private readonly db: Kysely<Database>) {}

  async teamBySlug(workspaceId: string, slug: string): Promise<Team | null> {
    const row = await this.db
      .selectFrom('teams')
      .select(['id', 'workspace_id', 'slug', 'name'])
      .where('workspace_id', '=', workspaceId)
      .where('slug', '=', slug.toLowerCase())
      .executeTakeFirst();
    return row ? { id: row.id, workspaceId: row.workspace_id, slug: row.slug, name: row.name } : null;
  }

  async members(workspaceId: string, teamId: string, limit: number) {
    const rows = await this.db
      .selectFrom('agents')
      .innerJoin('team_members', 'team_members.agent_id', 'agents.id')
      .selectAll('agents')
      .where('team_members.team_id', '=', teamId)
      .where('agents.workspace_id', '=', workspaceId)
      .orderBy('agents.name')
      .limit(limit)
      .execute();
    return rows.map(toAgent);
  }

  async anyOnline(workspaceId: string, teamId: string | null): Promise<boolean> {
    let query = this.db
      .selectFrom('agents')
      .select('agents.id')
      .where('agents.workspace_id', '=', workspaceId)
      .where('agents.presence', '=', 'online');
    if (teamId !== null) {
      query = query.innerJoin('team_members', 'team_members.agent_id', 'agents.id').where('team_members.team_id', '=', teamId);
    }
    return (await query.limit(1).executeTakeFirst()) !== undefined;
  }
}
