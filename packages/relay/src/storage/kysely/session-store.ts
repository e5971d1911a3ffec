/**
 * Agent and visitor sessions over Kysely. Tokens arrive already hashed; this store never sees a
 * usable token.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { SessionStore } from '../storage.js';
import { newId } from '../../ids.js';
import { toAgent, toVisitor } from './row-mappers.js';

export class KyselySessionStore implements SessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createAgentSession(input: { agentId: string; workspaceId: string; tokenHash: string; expiresAt: number }) {
    await this.db
      .insertInto('agent_sessions')
      .values({
        id: newId(),
        token_hash: input.tokenHash,
        agent_id: input.agentId,
        workspace_id: input.workspaceId,
        created_at: Date.now(),
        expires_at: input.expiresAt,
        revoked_at: null,
      })
      .execute();
  }

  async findAgentBySession(tokenHash: string, now: number) {
    const row = await this.db
      .selectFrom('agent_sessions')
      .innerJoin('agents', (join) =>
        join
          .onRef('agents.id', '=', 'agent_sessions.agent_id')
          .onRef('agents.workspace_id', '=', 'agent_sessions.workspace_id'),
      )
      .selectAll('agents')
      .where('agent_sessions.token_hash', '=', tokenHash)
      .where('agent_sessions.revoked_at', 'is', null)
      .where('agent_sessions.expires_at', '>', now)
      .where('agents.deactivated_at', 'is', null)
      .executeTakeFirst();
    return row ? toAgent(row) : null;
  }

  async revokeAgentSession(tokenHash: string, now: number) {
    await this.db
      .updateTable('agent_sessions')
      .set({ revoked_at: now })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revokeAllAgentSessions(workspaceId: string, agentId: string, now: number) {
    await this.db
      .updateTable('agent_sessions')
      .set({ revoked_at: now })
      .where('agent_id', '=', agentId)
      .where('workspace_id', '=', workspaceId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async createVisitor(input: {
    workspaceId: string;
    siteId: string;
    tokenHash: string;
    name: string | null;
    email: string | null;
  }) {
    const now = Date.now();
    const visitor = {
      id: newId(),
      workspace_id: input.workspaceId,
      site_id: input.siteId,
      name: input.name,
      email: input.email,
      created_at: now,
      last_seen_at: now,
      contact_id: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('visitors').values(visitor).execute();
      await trx
        .insertInto('visitor_sessions')
        .values({
          token_hash: input.tokenHash,
          visitor_id: visitor.id,
          workspace_id: input.workspaceId,
          site_id: input.siteId,
          created_at: now,
        })
        .execute();
    });
    return toVisitor(visitor);
  }

  async findVisitorBySession(workspaceId: string, tokenHash: string) {
    const row = await this.db
      .selectFrom('visitor_sessions')
      .innerJoin('visitors', 'visitors.id', 'visitor_sessions.visitor_id')
      .selectAll('visitors')
      .where('visitor_sessions.token_hash', '=', tokenHash)
      .where('visitor_sessions.workspace_id', '=', workspaceId)
      .where('visitors.workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row ? toVisitor(row) : null;
  }
}
