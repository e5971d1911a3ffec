/**
 * One agent's console socket. Authenticated by the session token in `hello`; then it receives
 * the workspace's queue as a snapshot and every new log entry of the workspace, each
 * conversation through its own delivery cursor, so a reconnect or a lost bus message never
 * leaves a hole in what the console shows.
 */
import type { WebSocket } from 'ws';
import {
  CLOSE_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  agentClientFrameSchema,
  type AgentClientFrame,
  type ConversationEvent,
} from '@eyelevel/shared';
import { Connection } from './connection.js';
import type { GatewayContext } from './gateway-context.js';
import { RelayError } from '../errors.js';
import { hashToken } from '../security/tokens.js';
import { topics, type BusMessage } from '../bus/bus.js';
import { DeliveryCursor } from '../delivery/delivery-cursor.js';
import { agentAuthor } from '../conversations/authors.js';
import { toSummary } from '../conversations/summary.js';
import { toProfile } from '../tenants/agent-profile.js';
import { buildDirectory } from '../tenants/directory.js';
import type { Agent } from '../storage/records.js';
import { companionClientId } from '../moderation/record-action.js';
import { isLead } from '../review/reviews.js';
import { answerSupersede } from '../review/draft-resend.js';
import { setCrisisMode } from '../review/crisis-mode.js';
import { toReviewSettingsFrame, updateReviewSettings } from '../review/review-settings.js';

/** Conversations in the snapshot an agent gets on connect. */
const QUEUE_SNAPSHOT_LIMIT = 5000;
/** Earlier conversations of a visitor shown beside the one open. */
const HISTORY_LIMIT = 20;

export class AgentConnection extends Connection<AgentClientFrame> {
  private agent: Agent | null = null;
  private tokenHash: string | null = null;
  private readonly cursors = new Map<string, DeliveryCursor>();
  private unsubscribe: (() => void) | null = null;
  /** The conversation this console shows, for collision notices. */
  private viewing: string | null = null;

  constructor(
    socket: WebSocket,
    private readonly ctx: GatewayContext,
  ) {
    super(socket, ctx.log.child({ side: 'agent' }), agentClientFrameSchema, ctx.rateLimits.agent);
  }

  /** Ends this connection if it runs on the given (now revoked) session. */
  revokeIfSession(tokenHash: string): void {
    if (this.tokenHash === tokenHash) this.close(CLOSE_CODES.SESSION_REVOKED, 'session revoked');
  }

  protected async handle(frame: AgentClientFrame): Promise<void> {
    if (frame.type === 'hello') return this.hello(frame.v, frame.token);
    if (frame.type === 'ping') return this.send({ type: 'pong', at: Date.now() });
    const agent = this.agent;
    if (!agent) {
      this.fail(new RelayError('HELLO_REQUIRED', 'send hello first'));
      return;
    }
    const { conversations, router } = this.ctx;
    const author = agentAuthor(agent);
    // Collision rule: while a case is assigned, only its assignee (or a lead) writes to the visitor.
    const guard = agent.role === 'lead' || agent.role === 'admin' ? undefined : agent.id;
    switch (frame.type) {
      case 'send':
        // A reply a review policy (or crisis mode) catches waits in the log as a draft (issue 6).
        return this.ctx.reviews.send(agent, frame.conversationId, frame.text, frame.id, guard, (event) =>
          this.ack(frame.id, frame.conversationId, event),
        );
      case 'reply_retry': {
        const event = await this.ctx.channels.replies.retry(agent, frame.conversationId, frame.replySeq);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'review': {
        const event = await this.ctx.reviews.decide(agent, frame);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'draft_resend':
        return answerSupersede(this.ctx.storage, this.ctx.reviews, agent, frame, guard, (event) => this.ack(frame.id, frame.conversationId, event));
      case 'crisis': {
        if (!isLead(agent)) throw new RelayError('FORBIDDEN', 'only a lead or an admin switches crisis mode');
        // Every console of the workspace, this one included, gets the `review_settings` frame.
        await setCrisisMode(this.ctx, agent.workspaceId, frame.on, author);
        return;
      }
      case 'review_settings': {
        if (!isLead(agent)) throw new RelayError('FORBIDDEN', 'only a lead or an admin edits the review settings');
        const { type: _type, id: _id, ...changes } = frame;
        await updateReviewSettings(this.ctx, agent.workspaceId, changes);
        return;
      }
      case 'private_link': {
        // From public to private (issue 5): the URL the agent sends the person; single use.
        const event = await this.ctx.channels.privateLinks.mint(agent, frame.conversationId, frame.siteId, frame.id);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'moderate': {
        const event = await this.ctx.moderation.actions.moderate(agent, frame.conversationId, frame.action, frame.targetSeq, frame.reason, frame.id);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'warn': {
        // Through `send` itself, so a public warning meets review policies like any reply;
        // `send` acks the frame's id with the warning's seq, and the reason follows in the log.
        const text = await this.ctx.moderation.actions.warningText(agent, frame.conversationId, frame.template, frame.text);
        await this.handle({ type: 'send', conversationId: frame.conversationId, id: frame.id, text });
        await this.ctx.moderation.actions.recordWarning(agent, frame.conversationId, frame.targetSeq, frame.reason, frame.id);
        return;
      }
      case 'block':
      case 'unblock': {
        const actions = this.ctx.moderation.actions;
        const event = await (frame.type === 'block' ? actions.block : actions.unblock).call(actions, agent, frame.conversationId, frame.reason, frame.id);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'decide': {
        const event = await this.ctx.moderation.decisions.decide(agent, frame.conversationId, frame.note, frame.id);
        if (frame.resolve) await router.resolve(agent, frame.conversationId, companionClientId('resolve', frame.id));
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'status': {
        // A lead resolving an escalated case has decided it (issue 6: time to decision).
        if (frame.status === 'resolved') await this.ctx.moderation.decisions.settleOnResolve(agent, frame.conversationId, frame.id);
        const { event } =
          frame.status === 'resolved'
            ? await router.resolve(agent, frame.conversationId, frame.id)
            : await this.ctx.queueStates.setStatus(agent, frame.conversationId, frame.status, frame.snoozedUntil, frame.id);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'priority': {
        const { event } = await this.ctx.queueStates.setPriority(agent, frame.conversationId, frame.priority, frame.id);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'viewing':
        return this.view(agent, frame.conversationId);
      case 'history':
        return this.history(agent, frame.conversationId);
      case 'claim':
        return this.ack(frame.id, frame.conversationId, (await router.claim(agent, frame.conversationId, frame.id)).event);
      case 'transfer': {
        const { event } = await router.transfer(agent, frame.conversationId, frame.to, frame.note ?? null, frame.id);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'escalate': {
        const { event } = await router.escalate(agent, frame.conversationId, frame.reason, frame.id);
        await conversations.announceConversation(agent.workspaceId, frame.conversationId);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'note': {
        const { event } = await conversations.addNote(agent, frame.conversationId, frame.id, frame.text);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'presence':
        await this.ctx.presence.set(agent, frame.status);
        if (frame.status === 'online') await router.fillFromQueue(agent);
        return;
      case 'callback_take': {
        const { event } = await this.ctx.callbacks.take(agent, frame.conversationId, frame.requestSeq, frame.id);
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'callback_done': {
        const { event } = await this.ctx.callbacks.done(
          agent,
          frame.conversationId,
          frame.requestSeq,
          frame.outcome,
          frame.note ?? null,
          frame.id,
        );
        return this.ack(frame.id, frame.conversationId, event);
      }
      case 'sync':
        return this.sync(agent, frame.conversationId, frame.afterSeq);
      case 'typing':
        conversations.typing(agent.workspaceId, frame.conversationId, agentAuthor(agent), frame.on);
        return;
      case 'read':
        await conversations.markRead(agent.workspaceId, frame.conversationId, 'agent', frame.seq);
        return;
    }
  }

  protected onClose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.cursors.clear();
    const agent = this.agent;
    if (agent) {
      this.view(agent, null);
      this.ctx.presence.disconnected(agent).catch((error: unknown) => this.log.warn({ err: error }, 'presence update failed'));
    }
  }

  private ack(id: string, conversationId: string, event: ConversationEvent): void {
    this.send({ type: 'ack', id, seq: event.seq, at: event.at, conversationId });
  }

  private async hello(v: number, token: string): Promise<void> {
    if (this.agent) throw new RelayError('HELLO_REQUIRED', 'hello was already sent');
    if (v !== PROTOCOL_VERSION) {
      this.fail(new RelayError('UNSUPPORTED_VERSION', `this relay speaks protocol ${PROTOCOL_VERSION}`));
      return;
    }
    const tokenHash = hashToken(token);
    const agent = await this.ctx.storage.sessions.findAgentBySession(tokenHash, Date.now());
    if (!agent) {
      this.fail(new RelayError('UNAUTHORIZED', 'session unknown, expired or revoked; log in again'));
      return;
    }
    // Subscribe before reading the snapshot so nothing committed in between is missed; the
    // cursors created from the snapshot drop what it already contains.
    const buffered: BusMessage[] = [];
    let ready = false;
    this.unsubscribe = this.ctx.bus.subscribe(topics.workspace(agent.workspaceId), (message) =>
      ready ? this.onBus(message) : buffered.push(message),
    );
    const queue = await this.ctx.storage.conversations.listQueue(agent.workspaceId, QUEUE_SNAPSHOT_LIMIT);
    if (this.closed) return;
    this.agent = agent;
    this.tokenHash = tokenHash;
    for (const conversation of queue) this.cursorFor(conversation.id, conversation.lastSeq);
    this.send({
      type: 'welcome',
      v: PROTOCOL_VERSION,
      agent: toProfile(agent),
      queue: queue.map(toSummary),
    });
    // Online before the directory is read, so it shows this agent as they now are.
    await this.ctx.presence.connected(agent);
    await this.sendDirectory(agent.workspaceId);
    // Alerts raised while this console was away (issue 6); new ones arrive as `alert` frames.
    const alerts = await this.ctx.spikes.recent(agent.workspaceId).catch((error: unknown) => {
      this.log.warn({ err: error }, 'reading recent alerts failed; live ones still arrive');
      return [];
    });
    this.send({ type: 'alerts', alerts });
    this.send(toReviewSettingsFrame(await this.ctx.storage.reviewSettings.get(agent.workspaceId)));
    ready = true;
    for (const message of buffered) this.onBus(message);
    await this.ctx.router.fillFromQueue(agent);
  }

  /** Collision: tell colleagues which conversation this console now shows (and which it left). */
  private view(agent: Agent, conversationId: string | null): void {
    const author = agentAuthor(agent);
    const publish = (id: string, on: boolean) =>
      this.ctx.bus.publish(topics.workspace(agent.workspaceId), {
        type: 'viewing',
        workspaceId: agent.workspaceId,
        conversationId: id,
        author,
        on,
      });
    if (this.viewing !== null && this.viewing !== conversationId) publish(this.viewing, false);
    this.viewing = conversationId;
    // Repeated while the same conversation stays open, so consoles that connected later learn it.
    if (conversationId !== null) publish(conversationId, true);
  }

  private async history(agent: Agent, conversationId: string): Promise<void> {
    const ids = await this.ctx.storage.queue.history(agent.workspaceId, conversationId, HISTORY_LIMIT);
    const found = await Promise.all(ids.map((id) => this.ctx.storage.conversations.get(agent.workspaceId, id)));
    const conversations = found.filter((c): c is NonNullable<typeof c> => c !== null).map(toSummary);
    this.send({ type: 'history', conversationId, conversations });
  }

  private async sendDirectory(workspaceId: string): Promise<void> {
    this.send(await buildDirectory(this.ctx.storage, workspaceId));
  }

  /**
   * An admin changed the workspace: this agent's own record may have changed too (a new name
   * signs their next reply; deactivation ends the session).
   */
  private async refreshDirectory(): Promise<void> {
    const agent = this.agent;
    if (!agent || this.closed) return;
    const fresh = await this.ctx.storage.admin.getAgentRecord(agent.workspaceId, agent.id);
    if (!fresh || !fresh.active) {
      this.close(CLOSE_CODES.SESSION_REVOKED, 'agent deactivated');
      return;
    }
    const { teamIds: _teams, presence: _presence, active: _active, ...record } = fresh;
    this.agent = record;
    await this.sendDirectory(agent.workspaceId);
  }

  private async sync(agent: Agent, conversationId: string, afterSeq: number): Promise<void> {
    let after = afterSeq;
    for (;;) {
      const events = await this.ctx.conversations.readLog(agent.workspaceId, conversationId, after, LIMITS.replayPageSize);
      const more = events.length === LIMITS.replayPageSize;
      this.send({ type: 'events', conversationId, events, more });
      const last = events.at(-1);
      if (!more || !last) return;
      after = last.seq;
    }
  }

  private cursorFor(conversationId: string, lastSent: number): DeliveryCursor {
    let cursor = this.cursors.get(conversationId);
    if (!cursor) {
      const workspaceId = this.agent!.workspaceId;
      cursor = new DeliveryCursor({
        lastSent,
        pageSize: LIMITS.replayPageSize,
        fetchAfter: (after) => this.ctx.conversations.readLog(workspaceId, conversationId, after, LIMITS.replayPageSize),
        send: (event: ConversationEvent) => this.send({ type: 'event', conversationId, event }),
        onGap: (from, to) => this.send({ type: 'gap', conversationId, from, to }),
        onError: (error) => this.log.warn({ err: error }, 'catch-up failed; the next event retries'),
      });
      this.cursors.set(conversationId, cursor);
    }
    return cursor;
  }

  private onBus(message: BusMessage): void {
    switch (message.type) {
      case 'conversation':
        this.cursorFor(message.conversation.id, 0);
        this.send({ type: 'conversation', conversation: toSummary(message.conversation) });
        return;
      case 'event':
        void this.offerEvent(message.conversationId, message.event);
        return;
      case 'typing':
        if (message.author.kind === 'visitor' || message.author.id !== this.agent?.id) {
          this.send({ type: 'typing', conversationId: message.conversationId, on: message.on, author: message.author });
        }
        return;
      case 'read':
        if (message.side === 'visitor') this.send({ type: 'read', conversationId: message.conversationId, seq: message.seq });
        return;
      case 'presence':
        this.send({ type: 'presence', agentId: message.agentId, status: message.status });
        return;
      case 'viewing':
        if (message.author.id !== this.agent?.id) {
          this.send({ type: 'viewing', conversationId: message.conversationId, author: message.author, on: message.on });
        }
        return;
      case 'review-settings':
        this.send(message.settings);
        return;
      case 'directory':
        void this.refreshDirectory().catch((error: unknown) => this.log.warn({ err: error }, 'directory refresh failed'));
        return;
      case 'alert':
        this.send({ type: 'alert', alert: message.alert });
        return;
      case 'mention':
        if (this.agent && message.agentIds.includes(this.agent.id)) {
          this.send({
            type: 'notification',
            kind: 'mention',
            conversationId: message.conversationId,
            seq: message.seq,
            from: message.from,
          });
        }
        return;
    }
  }

  private async offerEvent(conversationId: string, event: ConversationEvent): Promise<void> {
    if (this.cursors.has(conversationId)) {
      this.cursors.get(conversationId)!.offer(event);
      return;
    }
    // A conversation this console has not seen (e.g. a resolved one reopened): send its row
    // first so the console can place the event.
    this.cursorFor(conversationId, event.seq - 1);
    const conversation = await this.ctx.storage.conversations.get(this.agent!.workspaceId, conversationId);
    if (conversation) this.send({ type: 'conversation', conversation: toSummary(conversation) });
    this.cursors.get(conversationId)!.offer(event);
  }
}
