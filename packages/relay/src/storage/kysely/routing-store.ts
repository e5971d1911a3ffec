/**
 * Who works which conversation, over Kysely: teams, presence, capacity, and the assignment
 * changes themselves. Every assignment change runs in one transaction that (1) takes a slot
 * from the new assignee with a conditional update (`open_count < capacity`), (2) moves the
 * conversation only if its assignee is still the one the caller saw, (3) gives the old
 * assignee's slot back, and (4) appends the status event — so the quota holds and no case is
 * assigned twice, however many claims race, on however many nodes.
 */
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Author } from '@eyelevel/shared';
import type { ConversationsTable, Database } from '../database-schema.js';
import type { RoutingStore, AssignmentChange, UnassignmentChange } from '../storage.js';
import type { AgentLoad, AssignResult, Presence, Team } from '../records.js';
import { newId } from '../../ids.js';
import { appendOne } from './event-store.js';
import { toAgent } from './row-mappers.js';
import { retryConflicts } from './retryable.js';

/** Thrown inside a transaction to roll it back with a reason. */
class Abort extends Error {
  constructor(readonly reason: Exclude<AssignResult, { ok: true }>['reason']) {
    super(reason);
  }
}

export class KyselyRoutingStore implements RoutingStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Postgres takes row locks with FOR UPDATE; SQLite serialises writers anyway. */
    private readonly rowLocks: boolean,
  ) {}

  async createTeam(workspaceId: string, slug: string, name: string): Promise<Team> {
    const row = { id: newId(), workspace_id: workspaceId, slug, name, created_at: Date.now() };
    await this.db.insertInto('teams').values(row).execute();
    return { id: row.id, workspaceId, slug, name };
  }

  async listTeams(workspaceId: string): Promise<Team[]> {
    const rows = await this.db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
    return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id, slug: row.slug, name: row.name }));
  }

  async addTeamMember(workspaceId: string, teamId: string, agentId: string): Promise<void> {
    await this.db
      .insertInto('team_members')
      .values({ team_id: teamId, agent_id: agentId, workspace_id: workspaceId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async teamsOf(workspaceId: string, agentId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('team_members')
      .select('team_id')
      .where('workspace_id', '=', workspaceId)
      .where('agent_id', '=', agentId)
      .execute();
    return rows.map((row) => row.team_id);
  }

  async setPresence(workspaceId: string, agentId: string, presence: Presence): Promise<void> {
    await this.db.updateTable('agents').set({ presence }).where('id', '=', agentId).where('workspace_id', '=', workspaceId).execute();
  }

  async setCapacity(workspaceId: string, agentId: string, capacity: number): Promise<void> {
    await this.db.updateTable('agents').set({ capacity }).where('id', '=', agentId).where('workspace_id', '=', workspaceId).execute();
  }

  async load(workspaceId: string, agentId: string): Promise<AgentLoad | null> {
    const row = await this.db
      .selectFrom('agents')
      .select(['id', 'open_count', 'capacity', 'presence'])
      .where('id', '=', agentId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row
      ? { agentId: row.id, openCount: Number(row.open_count), capacity: Number(row.capacity), presence: row.presence as Presence }
      : null;
  }

  async candidates(workspaceId: string, teamId: string | null, exclude: string[], limit: number) {
    let query = this.db
      .selectFrom('agents')
      .selectAll('agents')
      .where('agents.workspace_id', '=', workspaceId)
      .where('agents.presence', '=', 'online')
      .where('agents.deactivated_at', 'is', null)
      .whereRef('agents.open_count', '<', 'agents.capacity');
    if (teamId !== null) {
      query = query
        .innerJoin('team_members', 'team_members.agent_id', 'agents.id')
        .where('team_members.team_id', '=', teamId);
    }
    if (exclude.length > 0) query = query.where('agents.id', 'not in', exclude);
    const rows = await query.orderBy('agents.open_count').orderBy('agents.last_assigned_at').limit(limit).execute();
    return rows.map(toAgent);
  }

  async assign(change: AssignmentChange): Promise<AssignResult> {
    return this.attempt(async (trx) => {
      const current = await this.lockConversation(trx, change.workspaceId, change.conversationId);
      if (!current) throw new Abort('conversation-not-found');
      if (current.status === 'resolved') throw new Abort('resolved');
      if (current.assignee_id === change.assignee.id) throw new Abort('already-assigned');
      if (change.expectedAssigneeId !== 'any' && current.assignee_id !== change.expectedAssigneeId) {
        throw new Abort('already-assigned');
      }
      await this.lockAgents(trx, change.workspaceId, [change.assignee.id, current.assignee_id]);
      const slot = await trx
        .updateTable('agents')
        .set((eb) => ({ open_count: eb('open_count', '+', 1), last_assigned_at: change.at }))
        .where('id', '=', change.assignee.id)
        .where('workspace_id', '=', change.workspaceId)
        .whereRef('open_count', '<', 'capacity')
        .executeTakeFirst();
      if (Number(slot.numUpdatedRows) === 0) throw new Abort('at-capacity');
      await this.releaseSlot(trx, change.workspaceId, current.assignee_id);
      return this.writeStatus(trx, change, 'open', change.assignee, {
        assignee_id: change.assignee.id,
        assignee: JSON.stringify(change.assignee),
        assigned_at: change.at,
      });
    });
  }

  async unassign(change: UnassignmentChange): Promise<AssignResult> {
    return this.attempt(async (trx) => {
      const current = await this.lockConversation(trx, change.workspaceId, change.conversationId);
      if (!current) throw new Abort('conversation-not-found');
      if (change.expectedAssigneeId !== 'any' && current.assignee_id !== change.expectedAssigneeId) {
        throw new Abort('already-assigned');
      }
      if (change.change === 'resolved' && current.status === 'resolved') throw new Abort('resolved');
      await this.releaseSlot(trx, change.workspaceId, current.assignee_id);
      const status = change.change === 'resolved' || current.status === 'resolved' ? 'resolved' : 'open';
      return this.writeStatus(trx, change, status, null, { assignee_id: null, assignee: null, assigned_at: null });
    });
  }

  /** Appends the status event of an assignment change and moves the conversation row with it. */
  private async writeStatus(
    trx: Transaction<Database>,
    change: AssignmentChange | UnassignmentChange,
    status: 'open' | 'resolved',
    assignee: AssignmentChange['assignee'] | null,
    rowChanges: Updateable<ConversationsTable>,
  ): Promise<AssignResult> {
    const result = await appendOne(
      trx,
      {
        workspaceId: change.workspaceId,
        conversationId: change.conversationId,
        author: change.actor,
        clientId: change.clientId,
        at: change.at,
        body: { kind: 'status', change: change.change, status, assignee, team: change.team ?? null, note: change.note ?? null },
      },
      { ...rowChanges, ...(change.team ? { team_id: change.team.id } : {}) },
    );
    if (!result.ok) throw new Abort('conversation-not-found');
    return { ok: true, event: result.event };
  }

  /**
   * Runs an assignment change in one transaction; an Abort rolls it back and becomes the result.
   * A transaction Postgres fails as a deadlock victim (with some other writer) runs again.
   */
  private async attempt(change: (trx: Transaction<Database>) => Promise<AssignResult>): Promise<AssignResult> {
    try {
      return await retryConflicts(() => this.db.transaction().execute(change));
    } catch (error) {
      if (error instanceof Abort) return { ok: false, reason: error.reason };
      throw error;
    }
  }

  async overdue(now: number, unansweredForMs: number, limit: number) {
    const rows = await this.db
      .selectFrom('conversations')
      .select(['id', 'workspace_id', 'assignee_id', 'team_id', 'assigned_at'])
      .where('status', '=', 'open')
      .where('assignee_id', 'is not', null)
      .where('assigned_at', '<', now - unansweredForMs)
      .where((eb) => eb.or([eb('agent_replied_at', 'is', null), eb('agent_replied_at', '<', eb.ref('assigned_at'))]))
      .orderBy('assigned_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      conversationId: row.id,
      workspaceId: row.workspace_id,
      assigneeId: row.assignee_id!,
      teamId: row.team_id,
    }));
  }

  async unassignedWaiting(workspaceId: string, teamIds: string[] | null, limit: number) {
    let query = this.db
      .selectFrom('conversations')
      .select(['id', 'team_id'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .where('assignee_id', 'is', null);
    if (teamIds !== null) {
      query = query.where((eb) => eb.or([eb('team_id', 'is', null), ...(teamIds.length ? [eb('team_id', 'in', teamIds)] : [])]));
    }
    const rows = await query.orderBy('created_at').limit(limit).execute();
    return rows.map((row) => ({ conversationId: row.id, teamId: row.team_id }));
  }

  private async lockConversation(trx: Transaction<Database>, workspaceId: string, conversationId: string) {
    let query = trx
      .selectFrom('conversations')
      .select(['assignee_id', 'status', 'team_id'])
      .where('id', '=', conversationId)
      .where('workspace_id', '=', workspaceId);
    if (this.rowLocks) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  /**
   * A transfer changes two agents' counters. Taking both rows' locks up front, in id order, means
   * two transfers in opposite directions (A to B on one node, B to A on another) queue up
   * instead of deadlocking.
   */
  private async lockAgents(trx: Transaction<Database>, workspaceId: string, ids: Array<string | null>): Promise<void> {
    const agentIds = [...new Set(ids.filter((id): id is string => id !== null))].sort();
    if (!this.rowLocks || agentIds.length < 2) return;
    await trx
      .selectFrom('agents')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', agentIds)
      .orderBy('id')
      .forUpdate()
      .execute();
  }

  private async releaseSlot(trx: Transaction<Database>, workspaceId: string, agentId: string | null): Promise<void> {
    if (agentId === null) return;
    await trx
      .updateTable('agents')
      .set((eb) => ({ open_count: eb('open_count', '-', 1) }))
      .where('id', '=', agentId)
      .where('workspace_id', '=', workspaceId)
      .where('open_count', '>', 0)
      .execute();
  }
}

