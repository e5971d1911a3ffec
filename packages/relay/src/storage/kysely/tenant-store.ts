/**
 * Workspaces, sites and agents over Kysely.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { NewAgent, NewSite, TenantStore } from '../storage.js';
import { newId, newSitePublicKey } from '../../ids.js';
import { newToken } from '../../security/tokens.js';
import { RelayError } from '../../errors.js';
import { isUniqueViolation } from './unique-violation.js';
import { toAgent, toSite, toWorkspace } from './row-mappers.js';

export class KyselyTenantStore implements TenantStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createWorkspace(name: string) {
    const row = { id: newId(), name, created_at: Date.now() };
    await this.db.insertInto('workspaces').values(row).execute();
    return toWorkspace(row);
  }

  async getWorkspace(id: string) {
    const row = await this.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toWorkspace(row) : null;
  }

  async listWorkspaces() {
    const rows = await this.db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();
    return rows.map(toWorkspace);
  }

  async createSite(site: NewSite) {
    const identitySecret = newToken('sk');
    const row = {
      id: newId(),
      workspace_id: site.workspaceId,
      public_key: newSitePublicKey(),
      name: site.name,
      allowed_origins: JSON.stringify(site.allowedOrigins),
      identity_secret: identitySecret,
      settings: JSON.stringify(site.settings ?? {}),
      created_at: Date.now(),
    };
    await this.db.insertInto('sites').values(row).execute();
    return { site: toSite(row), identitySecret };
  }

  async findSiteByPublicKey(publicKey: string) {
    const row = await this.db
      .selectFrom('sites')
      .selectAll()
      .where('public_key', '=', publicKey)
      .executeTakeFirst();
    return row ? toSite(row) : null;
  }

  async listSites(workspaceId: string) {
    const rows = await this.db
      .selectFrom('sites')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .execute();
    return rows.map(toSite);
  }

  async setSiteOrigins(workspaceId: string, siteId: string, origins: string[]) {
    await this.db
      .updateTable('sites')
      .set({ allowed_origins: JSON.stringify(origins) })
      .where('id', '=', siteId)
      .where('workspace_id', '=', workspaceId)
      .execute();
  }

  async createAgent(agent: NewAgent) {
    const row = {
      id: newId(),
      workspace_id: agent.workspaceId,
      email: agent.email.toLowerCase(),
      password_hash: agent.passwordHash,
      name: agent.name,
      initials: agent.initials.toLowerCase(),
      avatar_url: agent.avatarUrl ?? null,
      role: agent.role,
      capacity: agent.capacity ?? 5,
      created_at: Date.now(),
    };
    try {
      await this.db.insertInto('agents').values(row).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const emailTaken = await this.db
        .selectFrom('agents')
        .select('id')
        .where('email', '=', row.email)
        .executeTakeFirst();
      throw new RelayError(
        'CONFLICT',
        emailTaken
          ? `an agent with e-mail ${row.email} exists`
          : `initials "${row.initials}" are taken in this workspace`,
        { cause: error },
      );
    }
    return toAgent(row);
  }

  async findAgentByEmail(email: string) {
    const row = await this.db
      .selectFrom('agents')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    return row ? { ...toAgent(row), passwordHash: row.password_hash } : null;
  }

  async getAgent(workspaceId: string, agentId: string) {
    const row = await this.db
      .selectFrom('agents')
      .selectAll()
      .where('id', '=', agentId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row ? toAgent(row) : null;
  }

  async findAgentsByInitials(workspaceId: string, initials: string[]) {
    if (initials.length === 0) return [];
    const rows = await this.db
      .selectFrom('agents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('initials', 'in', initials.map((value) => value.toLowerCase()))
      .where('deactivated_at', 'is', null)
      .execute();
    return rows.map(toAgent);
  }

  async setAgentPassword(workspaceId: string, agentId: string, passwordHash: string) {
    await this.db
      .updateTable('agents')
      .set({ password_hash: passwordHash })
      .where('id', '=', agentId)
      .where('workspace_id', '=', workspaceId)
      .execute();
  }
}
