/**
 * The admin API's storage over Kysely. Every statement is scoped by the workspace id in its
 * WHERE clause, never by a lookup done earlier, so a forged id from another workspace matches
 * nothing.
 */
import type { Kysely, Selectable } from 'kysely';
import type { CannedReply, CannedReplyInput } from '@eyelevel/shared';
import type { CannedRepliesTable, Database } from '../database-schema.js';
import type { AdminStore, AgentPatch, AgentRecord, SitePatch } from '../admin-store.js';
import type { Presence } from '../records.js';
import { newId } from '../../ids.js';
import { newToken } from '../../security/tokens.js';
import { RelayError } from '../../errors.js';
import { isUniqueViolation } from './unique-violation.js';
import { toAgent, toSite } from './row-mappers.js';

function toCannedReply(row: Selectable<CannedRepliesTable>): CannedReply {
  return {
    id: row.id,
    teamId: row.team_id,
    shortcut: row.shortcut,
    title: row.title,
    body: row.body,
    updatedAt: Number(row.updated_at),
  };
}

export class KyselyAdminStore implements AdminStore {
  constructor(private readonly db: Kysely<Database>) {}

  async workspace(workspaceId: string) {
    const row = await this.db
      .selectFrom('workspaces')
      .select(['id', 'name', 'first_response_target_ms'])
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    return row ? { id: row.id, name: row.name, firstResponseTargetMs: Number(row.first_response_target_ms) } : null;
  }

  async updateWorkspace(workspaceId: string, patch: { name?: string; firstResponseTargetMs?: number }) {
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.firstResponseTargetMs !== undefined ? { first_response_target_ms: patch.firstResponseTargetMs } : {}),
    };
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('workspaces').set(set).where('id', '=', workspaceId).execute();
  }

  async listAgents(workspaceId: string) {
    return this.agentRecords(workspaceId, null);
  }

  async getAgentRecord(workspaceId: string, agentId: string) {
    return (await this.agentRecords(workspaceId, agentId))[0] ?? null;
  }

  private async agentRecords(workspaceId: string, agentId: string | null): Promise<AgentRecord[]> {
    let query = this.db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId);
    if (agentId !== null) query = query.where('id', '=', agentId);
    const rows = await query.orderBy('name').execute();
    let members = this.db.selectFrom('team_members').select(['agent_id', 'team_id']).where('workspace_id', '=', workspaceId);
    if (agentId !== null) members = members.where('agent_id', '=', agentId);
    const teams = new Map<string, string[]>();
    for (const member of await members.execute()) {
      const list = teams.get(member.agent_id) ?? [];
      list.push(member.team_id);
      teams.set(member.agent_id, list);
    }
    return rows.map((row) => ({
      ...toAgent(row),
      teamIds: teams.get(row.id) ?? [],
      presence: (row.deactivated_at === null ? row.presence : 'offline') as Presence,
      active: row.deactivated_at === null,
    }));
  }

  async updateAgent(workspaceId: string, agentId: string, patch: AgentPatch) {
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.initials !== undefined ? { initials: patch.initials.toLowerCase() } : {}),
      ...(patch.avatarUrl !== undefined ? { avatar_url: patch.avatarUrl } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
    };
    if (Object.keys(set).length === 0) return;
    try {
      await this.db.updateTable('agents').set(set).where('id', '=', agentId).where('workspace_id', '=', workspaceId).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new RelayError('CONFLICT', `initials "${patch.initials ?? ''}" are taken in this workspace`, { cause: error });
    }
  }

  async setAgentTeams(workspaceId: string, agentId: string, teamIds: string[]) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('team_members').where('workspace_id', '=', workspaceId).where('agent_id', '=', agentId).execute();
      if (teamIds.length === 0) return;
      const valid = await trx
        .selectFrom('teams')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', teamIds)
        .execute();
      if (valid.length === 0) return;
      await trx
        .insertInto('team_members')
        .values(valid.map((team) => ({ team_id: team.id, agent_id: agentId, workspace_id: workspaceId })))
        .execute();
    });
  }

  async setAgentActive(workspaceId: string, agentId: string, active: boolean, at: number) {
    await this.db
      .updateTable('agents')
      .set(active ? { deactivated_at: null } : { deactivated_at: at, presence: 'offline' })
      .where('id', '=', agentId)
      .where('workspace_id', '=', workspaceId)
      .execute();
  }

  async assignedTo(workspaceId: string, agentId: string) {
    const rows = await this.db
      .selectFrom('conversations')
      .select(['id', 'team_id'])
      .where('workspace_id', '=', workspaceId)
      .where('assignee_id', '=', agentId)
      .where('status', '!=', 'resolved')
      .execute();
    return rows.map((row) => ({ conversationId: row.id, teamId: row.team_id }));
  }

  async renameTeam(workspaceId: string, teamId: string, name: string) {
    const result = await this.db
      .updateTable('teams')
      .set({ name })
      .where('id', '=', teamId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteTeam(workspaceId: string, teamId: string) {
    return this.db.transaction().execute(async (trx) => {
      const team = await trx.selectFrom('teams').select('id').where('id', '=', teamId).where('workspace_id', '=', workspaceId).executeTakeFirst();
      if (!team) return false;
      await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('workspace_id', '=', workspaceId).execute();
      await trx.deleteFrom('canned_replies').where('team_id', '=', teamId).where('workspace_id', '=', workspaceId).execute();
      await trx.updateTable('conversations').set({ team_id: null }).where('team_id', '=', teamId).where('workspace_id', '=', workspaceId).execute();
      await trx.deleteFrom('teams').where('id', '=', teamId).where('workspace_id', '=', workspaceId).execute();
      return true;
    });
  }

  async getSite(workspaceId: string, siteId: string) {
    const row = await this.db.selectFrom('sites').selectAll().where('id', '=', siteId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row ? toSite(row) : null;
  }

  async updateSite(workspaceId: string, siteId: string, patch: SitePatch) {
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.allowedOrigins !== undefined ? { allowed_origins: JSON.stringify(patch.allowedOrigins) } : {}),
      ...(patch.settings !== undefined ? { settings: JSON.stringify(patch.settings) } : {}),
    };
    if (Object.keys(set).length === 0) return (await this.getSite(workspaceId, siteId)) !== null;
    const result = await this.db
      .updateTable('sites')
      .set(set)
      .where('id', '=', siteId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async rotateSiteSecret(workspaceId: string, siteId: string) {
    const secret = newToken('sk');
    const result = await this.db
      .updateTable('sites')
      .set({ identity_secret: secret })
      .where('id', '=', siteId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? secret : null;
  }

  async listCannedReplies(workspaceId: string) {
    const rows = await this.db
      .selectFrom('canned_replies')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('shortcut')
      .execute();
    return rows.map(toCannedReply);
  }

  async createCannedReply(workspaceId: string, input: Required<CannedReplyInput>) {
    await this.requireTeam(workspaceId, input.teamId);
    const now = Date.now();
    const row = {
      id: newId(),
      workspace_id: workspaceId,
      team_id: input.teamId,
      shortcut: input.shortcut,
      title: input.title,
      body: input.body,
      created_at: now,
      updated_at: now,
    };
    await this.writeCanned(input.shortcut, () => this.db.insertInto('canned_replies').values(row).execute());
    return toCannedReply(row);
  }

  async updateCannedReply(workspaceId: string, id: string, patch: Partial<Required<CannedReplyInput>>) {
    if (patch.teamId !== undefined) await this.requireTeam(workspaceId, patch.teamId);
    const set = {
      ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}),
      ...(patch.shortcut !== undefined ? { shortcut: patch.shortcut } : {}),
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      updated_at: Date.now(),
    };
    await this.writeCanned(patch.shortcut ?? '', () =>
      this.db.updateTable('canned_replies').set(set).where('id', '=', id).where('workspace_id', '=', workspaceId).execute(),
    );
    const row = await this.db.selectFrom('canned_replies').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row ? toCannedReply(row) : null;
  }

  async deleteCannedReply(workspaceId: string, id: string) {
    const result = await this.db.deleteFrom('canned_replies').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  private async writeCanned(shortcut: string, write: () => Promise<unknown>) {
    try {
      await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new RelayError('CONFLICT', `the shortcut /${shortcut} is taken in this workspace`, { cause: error });
    }
  }

  private async requireTeam(workspaceId: string, teamId: string | null) {
    if (teamId === null) return;
    const team = await this.db.selectFrom('teams').select('id').where('id', '=', teamId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!team) throw new RelayError('BAD_REQUEST', 'teamId: no such team in this workspace');
  }
}
