/**
 * Console counts per node over Kysely. Every change that can turn an agent offline locks the
 * agent's row first (Postgres; SQLite has one writer), then counts the consoles left on live
 * nodes, so it cannot interleave with a console opening on another node.
 */
import { sql, SqliteAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database-schema.js';
import type { AgentRef, ConsoleStore } from '../console-store.js';

export class KyselyConsoleStore implements ConsoleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async opened(nodeId: string, agent: AgentRef, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.lockAgent(trx, agent);
      await trx
        .insertInto('agent_consoles')
        .values({ node_id: nodeId, agent_id: agent.agentId, workspace_id: agent.workspaceId, consoles: 1, seen_at: now })
        .onConflict((oc) => oc.columns(['node_id', 'agent_id']).doUpdateSet({ consoles: sql`agent_consoles.consoles + 1`, seen_at: now }))
        .execute();
      await trx.updateTable('agents').set({ presence: 'online' }).where('id', '=', agent.agentId).where('workspace_id', '=', agent.workspaceId).execute();
    });
  }

  async closed(nodeId: string, agent: AgentRef, liveSince: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockAgent(trx, agent);
      await trx
        .updateTable('agent_consoles')
        .set({ consoles: sql`consoles - 1` })
        .where('node_id', '=', nodeId)
        .where('agent_id', '=', agent.agentId)
        .execute();
      await trx.deleteFrom('agent_consoles').where('node_id', '=', nodeId).where('agent_id', '=', agent.agentId).where('consoles', '<=', 0).execute();
      return this.offlineIfNoConsole(trx, agent, liveSince);
    });
  }

  async heartbeat(nodeId: string, now: number): Promise<void> {
    await this.db.updateTable('agent_consoles').set({ seen_at: now }).where('node_id', '=', nodeId).execute();
  }

  async sweep(liveSince: number): Promise<AgentRef[]> {
    const stale = await this.db
      .selectFrom('agent_consoles')
      .select(['node_id', 'agent_id', 'workspace_id'])
      .where('seen_at', '<', liveSince)
      .limit(1000)
      .execute();
    return this.remove(stale, liveSince);
  }

  async closeNode(nodeId: string, liveSince: number): Promise<AgentRef[]> {
    const rows = await this.db.selectFrom('agent_consoles').select(['node_id', 'agent_id', 'workspace_id']).where('node_id', '=', nodeId).execute();
    return this.remove(rows, liveSince);
  }

  /** Deletes the given node rows, one agent at a time under its lock; returns who went offline. */
  private async remove(rows: Array<{ node_id: string; agent_id: string; workspace_id: string }>, liveSince: number): Promise<AgentRef[]> {
    const offline: AgentRef[] = [];
    for (const row of rows) {
      const agent = { workspaceId: row.workspace_id, agentId: row.agent_id };
      const wentOffline = await this.db.transaction().execute(async (trx) => {
        await this.lockAgent(trx, agent);
        const deleted = await trx.deleteFrom('agent_consoles').where('node_id', '=', row.node_id).where('agent_id', '=', row.agent_id).executeTakeFirst();
        // Another node swept it first: it also decided the presence.
        if (Number(deleted.numDeletedRows) === 0) return false;
        return this.offlineIfNoConsole(trx, agent, liveSince);
      });
      if (wentOffline) offline.push(agent);
    }
    return offline;
  }

  private async offlineIfNoConsole(trx: Transaction<Database>, agent: AgentRef, liveSince: number): Promise<boolean> {
    const left = await trx
      .selectFrom('agent_consoles')
      .select('node_id')
      .where('agent_id', '=', agent.agentId)
      .where('consoles', '>', 0)
      .where('seen_at', '>=', liveSince)
      .limit(1)
      .executeTakeFirst();
    if (left) return false;
    const changed = await trx
      .updateTable('agents')
      .set({ presence: 'offline' })
      .where('id', '=', agent.agentId)
      .where('workspace_id', '=', agent.workspaceId)
      .where('presence', '!=', 'offline')
      .executeTakeFirst();
    return Number(changed.numUpdatedRows) > 0;
  }

  private async lockAgent(trx: Transaction<Database>, agent: AgentRef): Promise<void> {
    if (trx.getExecutor().adapter instanceof SqliteAdapter) return;
    await trx.selectFrom('agents').select('id').where('id', '=', agent.agentId).where('workspace_id', '=', agent.workspaceId).forUpdate().execute();
  }
}
