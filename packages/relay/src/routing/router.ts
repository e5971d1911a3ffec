/**
 * Routing (issue 4): who works which conversation. Claims, auto-assignment to the least-loaded
 * online agent of the conversation's team, transfers, escalations and the reassignment of
 * cases nobody answered. Storage makes each change atomic; this class decides which change to
 * make, enforces who may make it, and announces the result.
 */
import type { Logger } from 'pino';
import type { Author } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent, AssignResult } from '../storage/records.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { agentAuthor } from '../conversations/authors.js';
import { SYSTEM_AUTHOR } from '../storage/kysely/conversation-store.js';
import { RelayError } from '../errors.js';
import { requestCsat } from '../conversations/visitor-records.js';

export interface RoutingOptions {
  /** An assigned case nobody answered for this long goes back to the queue and to someone else. */
  reassignAfterMs: number;
  /** How often the reassignment sweep runs. */
  sweepIntervalMs: number;
  /** Hand new and waiting cases to agents automatically; off means agents claim them. */
  autoAssign: boolean;
}

export const DEFAULT_ROUTING: RoutingOptions = { reassignAfterMs: 5 * 60_000, sweepIntervalMs: 10_000, autoAssign: true };

const isLead = (agent: Agent) => agent.role === 'lead' || agent.role === 'admin';
const withId = (author: Author, id: string) => ({ ...author, id });

export class Router {
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    private readonly log: Logger,
    private readonly options: RoutingOptions = DEFAULT_ROUTING,
  ) {}

  start(): void {
    this.sweep ??= setInterval(() => void this.reassignOverdue(Date.now()).catch((error: unknown) => this.log.error({ err: error }, 'reassignment sweep failed')), this.options.sweepIntervalMs);
    this.sweep.unref();
  }

  stop(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
  }

  /** The agent takes an unassigned conversation (a lead may take any). */
  async claim(agent: Agent, conversationId: string, clientId: string) {
    const result = await this.storage.routing.assign({
      workspaceId: agent.workspaceId,
      conversationId,
      assignee: withId(agentAuthor(agent), agent.id),
      actor: agentAuthor(agent),
      change: 'assigned',
      expectedAssigneeId: isLead(agent) ? 'any' : null,
      clientId,
      at: Date.now(),
    });
    return this.settle(agent.workspaceId, conversationId, result);
  }

  /** Gives the conversation to the least-loaded online agent (of its team) with room. */
  async autoAssign(workspaceId: string, conversationId: string, teamId: string | null, exclude: string[] = []): Promise<boolean> {
    if (!this.options.autoAssign) return false;
    const candidates = await this.storage.routing.candidates(workspaceId, teamId, exclude, 5);
    for (const agent of candidates) {
      const result = await this.storage.routing.assign({
        workspaceId,
        conversationId,
        assignee: withId(agentAuthor(agent), agent.id),
        actor: SYSTEM_AUTHOR,
        change: 'assigned',
        expectedAssigneeId: null,
        clientId: null,
        at: Date.now(),
      });
      if (result.ok) {
        await this.announce(workspaceId, conversationId, result);
        return true;
      }
      // Someone else took it meanwhile: nothing left to do. At capacity: try the next one.
      if (result.reason !== 'at-capacity') return false;
    }
    return false;
  }

  async transfer(
    actor: Agent,
    conversationId: string,
    to: { agentId: string } | { teamId: string },
    note: string | null,
    clientId: string,
  ) {
    const conversation = await this.requireConversation(actor.workspaceId, conversationId);
    this.requireAssigneeOrLead(actor, conversation.assignee?.id ?? null);
    const expected = conversation.assignee?.id ?? null;
    if ('agentId' in to) {
      const target = await this.storage.tenants.getAgent(actor.workspaceId, to.agentId);
      if (!target) throw new RelayError('NOT_FOUND', 'no such agent in this workspace');
      const result = await this.storage.routing.assign({
        workspaceId: actor.workspaceId,
        conversationId,
        assignee: withId(agentAuthor(target), target.id),
        actor: agentAuthor(actor),
        change: 'transferred',
        expectedAssigneeId: expected,
        note,
        clientId,
        at: Date.now(),
      });
      return this.settle(actor.workspaceId, conversationId, result);
    }
    const team = (await this.storage.routing.listTeams(actor.workspaceId)).find((t) => t.id === to.teamId);
    if (!team) throw new RelayError('NOT_FOUND', 'no such team in this workspace');
    const result = await this.storage.routing.unassign({
      workspaceId: actor.workspaceId,
      conversationId,
      actor: agentAuthor(actor),
      change: 'transferred',
      expectedAssigneeId: expected,
      team: { id: team.id, name: team.name },
      note,
      clientId,
      at: Date.now(),
    });
    const appended = await this.settle(actor.workspaceId, conversationId, result);
    await this.autoAssign(actor.workspaceId, conversationId, team.id, expected ? [expected] : []);
    return appended;
  }

  async escalate(actor: Agent, conversationId: string, reason: string, clientId: string) {
    const conversation = await this.requireConversation(actor.workspaceId, conversationId);
    return this.conversations.append(actor.workspaceId, conversationId, agentAuthor(actor), clientId, {
      kind: 'status',
      change: 'escalated',
      status: conversation.status === 'resolved' ? 'open' : conversation.status,
      assignee: conversation.assignee,
      note: reason,
    });
  }

  async resolve(actor: Agent, conversationId: string, clientId: string) {
    const conversation = await this.requireConversation(actor.workspaceId, conversationId);
    const assigneeId = conversation.assignee?.id ?? null;
    this.requireAssigneeOrLead(actor, assigneeId);
    const result = await this.storage.routing.unassign({
      workspaceId: actor.workspaceId,
      conversationId,
      actor: agentAuthor(actor),
      change: 'resolved',
      expectedAssigneeId: assigneeId,
      clientId,
      at: Date.now(),
    });
    const resolved = await this.settle(actor.workspaceId, conversationId, result);
    // Issue 3: web visitors are asked to rate, in the log right after the resolution.
    if (conversation.channel === 'web') await requestCsat(this.conversations, actor.workspaceId, conversationId);
    return resolved;
  }

  /** Takes cases nobody answered away from their assignee and routes them to someone else. */
  async reassignOverdue(now: number): Promise<number> {
    const overdue = await this.storage.routing.overdue(now, this.options.reassignAfterMs, 100);
    let moved = 0;
    for (const item of overdue) {
      const result = await this.storage.routing.unassign({
        workspaceId: item.workspaceId,
        conversationId: item.conversationId,
        actor: SYSTEM_AUTHOR,
        change: 'unassigned',
        expectedAssigneeId: item.assigneeId,
        note: `no answer within ${Math.round(this.options.reassignAfterMs / 1000)} s`,
        clientId: null,
        at: now,
      });
      if (!result.ok) continue; // another node handled it, or the agent answered meanwhile
      moved += 1;
      await this.announce(item.workspaceId, item.conversationId, result);
      await this.autoAssign(item.workspaceId, item.conversationId, item.teamId, [item.assigneeId]);
    }
    return moved;
  }

  /**
   * An agent leaves for good (deactivated): their unresolved cases go back to the queue, each
   * with the reason in its log, and on to whoever has room.
   */
  async handOver(workspaceId: string, agentId: string, reason: string): Promise<number> {
    let moved = 0;
    for (const item of await this.storage.admin.assignedTo(workspaceId, agentId)) {
      const result = await this.storage.routing.unassign({
        workspaceId,
        conversationId: item.conversationId,
        actor: SYSTEM_AUTHOR,
        change: 'unassigned',
        expectedAssigneeId: agentId,
        note: reason,
        clientId: null,
        at: Date.now(),
      });
      if (!result.ok) continue;
      moved += 1;
      await this.announce(workspaceId, item.conversationId, result);
      await this.autoAssign(workspaceId, item.conversationId, item.teamId, [agentId]);
    }
    return moved;
  }

  /** An agent came online: hand them waiting cases of their teams, up to their capacity. */
  async fillFromQueue(agent: Agent): Promise<void> {
    const teams = await this.storage.routing.teamsOf(agent.workspaceId, agent.id);
    const waiting = await this.storage.routing.unassignedWaiting(agent.workspaceId, teams, agent.capacity);
    for (const item of waiting) {
      const assigned = await this.autoAssign(agent.workspaceId, item.conversationId, item.teamId);
      if (!assigned) break;
    }
  }

  private async settle(workspaceId: string, conversationId: string, result: AssignResult) {
    if (!result.ok) throw refusal(result.reason);
    await this.announce(workspaceId, conversationId, result);
    return { event: result.event, duplicate: false };
  }

  private async announce(workspaceId: string, conversationId: string, result: Extract<AssignResult, { ok: true }>) {
    this.conversations.announce(workspaceId, conversationId, result.event);
    await this.conversations.announceConversation(workspaceId, conversationId);
  }

  private async requireConversation(workspaceId: string, conversationId: string) {
    const conversation = await this.storage.conversations.get(workspaceId, conversationId);
    if (!conversation) throw new RelayError('NOT_FOUND', 'no such conversation');
    return conversation;
  }

  private requireAssigneeOrLead(actor: Agent, assigneeId: string | null): void {
    if (assigneeId !== null && assigneeId !== actor.id && !isLead(actor)) {
      throw new RelayError('FORBIDDEN', 'only the assignee or a lead can do this');
    }
  }
}

function refusal(reason: Exclude<AssignResult, { ok: true }>['reason']): RelayError {
  switch (reason) {
    case 'conversation-not-found':
      return new RelayError('NOT_FOUND', 'no such conversation');
    case 'already-assigned':
      return new RelayError('CONFLICT', 'the conversation is already assigned');
    case 'at-capacity':
      return new RelayError('CONFLICT', 'the agent is at capacity');
    case 'resolved':
      return new RelayError('CONFLICT', 'the conversation is resolved');
  }
}
