/**
 * The queue's states besides assignment (issue 4): an agent parks a case as pending (waiting on
 * the visitor) or snoozed (until a time), sets its priority, or opens it again; a snooze runs
 * out on its own; a visitor writing into a parked case brings it back. Each change is a status
 * event in the log (DESIGN.md section 4), followed by the case's new queue row.
 */
import type { Logger } from 'pino';
import type { Author, ConversationStatus, Priority } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent } from '../storage/records.js';
import type { QueueStateChange, QueueStateResult } from '../storage/queue-store.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Router } from './router.js';
import { agentAuthor } from '../conversations/authors.js';
import { SYSTEM_AUTHOR } from '../storage/kysely/conversation-store.js';
import { RelayError } from '../errors.js';

/** Snoozes further ahead than this are refused: "forever" is what resolving is for. */
const MAX_SNOOZE_MS = 366 * 24 * 60 * 60 * 1000;

const REOPEN_FIRST = 'a resolved conversation must be reopened first';

const isLead = (agent: Agent) => agent.role === 'lead' || agent.role === 'admin';

export class QueueStates {
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    private readonly router: Router,
    private readonly log: Logger,
    private readonly sweepIntervalMs: number,
  ) {}

  start(): void {
    this.sweep ??= setInterval(
      () => void this.wakeDue(Date.now()).catch((error: unknown) => this.log.error({ err: error }, 'snooze sweep failed')),
      this.sweepIntervalMs,
    );
    this.sweep.unref();
  }

  stop(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
  }

  /** The `status` frame for anything but resolving (which frees a slot: see Router.resolve). */
  async setStatus(agent: Agent, conversationId: string, status: Exclude<ConversationStatus, 'resolved'>, snoozedUntil: number | undefined, clientId: string) {
    const now = Date.now();
    const base = {
      workspaceId: agent.workspaceId,
      conversationId,
      actor: agentAuthor(agent),
      clientId,
      at: now,
      ...(isLead(agent) ? {} : { onlyIfAssigneeIs: agent.id }),
    };
    switch (status) {
      case 'open': {
        // Back from pending or a snooze is the agents' business ('woke', not shown to the
        // visitor); back from resolved is a reopening the visitor sees.
        const woke = await this.storage.queue.setState({ ...base, change: 'woke', status: 'open', onlyIfStatusIn: ['pending', 'snoozed'] });
        if (woke.ok || woke.reason !== 'wrong-status') return this.settle(base, woke, REOPEN_FIRST);
        return this.apply({ ...base, change: 'reopened', status: 'open', onlyIfStatusIn: ['resolved'] }, 'the conversation is already open');
      }
      case 'pending':
        return this.apply({ ...base, change: 'pending', status: 'pending', onlyIfStatusIn: ['open', 'pending', 'snoozed'] }, REOPEN_FIRST);
      case 'snoozed':
        if (snoozedUntil === undefined) throw new RelayError('BAD_REQUEST', 'snoozing needs snoozedUntil');
        if (snoozedUntil <= now) throw new RelayError('BAD_REQUEST', 'snoozedUntil must be in the future');
        if (snoozedUntil > now + MAX_SNOOZE_MS) throw new RelayError('BAD_REQUEST', 'snooze at most a year ahead');
        return this.apply({ ...base, change: 'snoozed', status: 'snoozed', snoozedUntil, onlyIfStatusIn: ['open', 'pending', 'snoozed'] }, REOPEN_FIRST);
    }
  }

  async setPriority(agent: Agent, conversationId: string, priority: Priority, clientId: string) {
    return this.apply({
      workspaceId: agent.workspaceId,
      conversationId,
      actor: agentAuthor(agent),
      clientId,
      at: Date.now(),
      change: 'prioritized',
      status: null,
      priority,
      ...(isLead(agent) ? {} : { onlyIfAssigneeIs: agent.id }),
    }, REOPEN_FIRST);
  }

  /** A visitor wrote into a pending or snoozed case: it needs an answer again. */
  async visitorReturned(workspaceId: string, conversationId: string, visitor: Author): Promise<void> {
    const result = await this.storage.queue.setState({
      workspaceId,
      conversationId,
      actor: visitor,
      clientId: null,
      at: Date.now(),
      change: 'woke',
      status: 'open',
      onlyIfStatusIn: ['pending', 'snoozed'],
    });
    if (result.ok) await this.announce(workspaceId, conversationId, result);
  }

  /** Wakes snoozed cases whose time has come; returns how many. */
  async wakeDue(now: number): Promise<number> {
    let woken = 0;
    for (const due of await this.storage.queue.dueSnoozed(now, 100)) {
      const result = await this.storage.queue.setState({
        ...due,
        actor: SYSTEM_AUTHOR,
        clientId: null,
        at: now,
        change: 'woke',
        status: 'open',
        onlyIfStatusIn: ['snoozed'],
        onlyIfSnoozedBy: now,
      });
      if (!result.ok) continue; // another node woke it, or someone changed it meanwhile
      woken += 1;
      await this.announce(due.workspaceId, due.conversationId, result);
      const conversation = await this.storage.conversations.get(due.workspaceId, due.conversationId);
      if (conversation && conversation.assignee === null) {
        await this.router.autoAssign(due.workspaceId, due.conversationId, conversation.teamId);
      }
    }
    return woken;
  }

  private async apply(change: QueueStateChange, conflict: string) {
    return this.settle(change, await this.storage.queue.setState(change), conflict);
  }

  private async settle(change: { workspaceId: string; conversationId: string }, result: QueueStateResult, conflict: string) {
    if (!result.ok) throw refusal(result.reason, conflict);
    if (!result.duplicate) await this.announce(change.workspaceId, change.conversationId, result);
    return { event: result.event, duplicate: result.duplicate };
  }

  private async announce(workspaceId: string, conversationId: string, result: Extract<QueueStateResult, { ok: true }>) {
    this.conversations.announce(workspaceId, conversationId, result.event);
    await this.conversations.announceConversation(workspaceId, conversationId);
  }
}

function refusal(reason: Exclude<QueueStateResult, { ok: true }>['reason'], conflict: string): RelayError {
  switch (reason) {
    case 'conversation-not-found':
      return new RelayError('NOT_FOUND', 'no such conversation');
    case 'not-assignee':
      return new RelayError('FORBIDDEN', 'only the assignee or a lead can change this while it is assigned');
    case 'wrong-status':
      return new RelayError('CONFLICT', conflict);
  }
}
