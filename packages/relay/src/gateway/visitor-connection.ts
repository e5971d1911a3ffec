/**
 * One visitor's socket. The first frame must be `hello`; it names the site (already checked
 * against the page's origin at the upgrade) and, for a returning visitor, the session token.
 * After that the socket follows the visitor's conversation through a delivery cursor.
 */
import type { WebSocket } from 'ws';
import {
  LIMITS,
  PROTOCOL_VERSION,
  visitorClientFrameSchema,
  type ConversationEvent,
  type ConversationStatus,
  type VisitorClientFrame,
  type VisitorContext,
  type VisitorHello,
  type VisitorIdentity,
} from '@eyelevel/shared';
import { Connection } from './connection.js';
import type { GatewayContext } from './gateway-context.js';
import { RelayError } from '../errors.js';
import { signInVisitor } from './visitor-sign-in.js';
import type { AvailabilityState } from '../availability/availability.js';
import { privacyTextVersion, recordCallback, recordCsat, recordProfile } from '../conversations/visitor-records.js';
import { agentAuthor } from '../conversations/authors.js';
import { topics, type BusMessage } from '../bus/bus.js';
import { DeliveryCursor } from '../delivery/delivery-cursor.js';
import { visitorAuthor } from '../conversations/authors.js';
import { SYSTEM_AUTHOR } from '../storage/kysely/conversation-store.js';
import type { Conversation, PageContext, Site, Team, Visitor } from '../storage/records.js';

/** Recruiters shown in the widget's header: enough faces, not the whole department. */
const TEAM_MEMBERS_SHOWN = 6;

interface Following {
  conversationId: string;
  cursor: DeliveryCursor;
  unsubscribe: () => void;
  /** Status as of the last status event this socket delivered; a visitor writing into a
   * resolved conversation reopens it. */
  status: ConversationStatus;
  /** No message was written yet: the first one (not a pre-chat answer) routes the case. */
  unrouted: boolean;
}

export class VisitorConnection extends Connection<VisitorClientFrame> {
  private visitor: Visitor | null = null;
  private following: Following | null = null;
  private page: PageContext | null = null;
  /** The session token this socket runs on (as the widget holds it), for `identify`. */
  private token: string | undefined;
  /** Team and job for the next conversation this visitor starts (careers pages). */
  private context: VisitorContext = {};
  private team: Team | null = null;
  private verified = false;
  private unwatchAvailability: (() => void) | null = null;

  constructor(
    socket: WebSocket,
    private readonly site: Site,
    private readonly ctx: GatewayContext,
  ) {
    super(socket, ctx.log.child({ side: 'visitor', site: site.id }), visitorClientFrameSchema, ctx.rateLimits.visitor);
  }

  protected handle(frame: VisitorClientFrame): Promise<void> {
    // Messages are nearly all of the traffic: they skip the dispatch below and its async frame.
    if (frame.type === 'send' && this.visitor) return this.sendMessage(this.visitor, frame.id, frame.text);
    return this.handleFrame(frame);
  }

  private async handleFrame(frame: VisitorClientFrame): Promise<void> {
    if (frame.type === 'hello') return this.hello(frame);
    if (frame.type === 'ping') return this.send({ type: 'pong', at: Date.now() });
    const visitor = this.visitor;
    if (!visitor) {
      this.fail(new RelayError('HELLO_REQUIRED', 'send hello first'));
      return;
    }
    switch (frame.type) {
      case 'send':
        return this.sendMessage(visitor, frame.id, frame.text);
      case 'profile': {
        const conversationId = await this.ensureConversation(visitor);
        const { event } = await recordProfile(this.ctx, this.site, visitor, conversationId, frame);
        // Later entries carry the name the visitor just gave (verified contacts keep theirs).
        if (visitor.contactId === null) {
          this.visitor = { ...visitor, name: frame.name ?? visitor.name, email: frame.email ?? visitor.email };
        }
        return this.ack(frame.id, conversationId, event);
      }
      case 'callback': {
        const conversationId = await this.ensureConversation(visitor);
        const { event } = await recordCallback(this.ctx, visitor, conversationId, frame);
        this.ack(frame.id, conversationId, event);
        // A callback request is a case like a first message: it goes to someone's queue.
        return this.routeIfNew(visitor);
      }
      case 'csat': {
        if (!this.following) throw new RelayError('NOT_FOUND', 'there is no conversation to rate');
        const conversationId = this.following.conversationId;
        const { event } = await recordCsat(this.ctx, visitor, conversationId, frame);
        return this.ack(frame.id, conversationId, event);
      }
      case 'resume':
        if (this.following) this.follow(this.following.conversationId, frame.lastSeq, this.following.status, this.following.unrouted);
        return;
      case 'typing':
        if (this.following) {
          this.ctx.conversations.typing(visitor.workspaceId, this.following.conversationId, visitorAuthor(visitor), frame.on);
        }
        return;
      case 'read':
        if (this.following) {
          await this.ctx.conversations.markRead(visitor.workspaceId, this.following.conversationId, 'visitor', frame.seq);
        }
        return;
      case 'identify': {
        const { type: _type, ...identity } = frame;
        return this.identify(identity);
      }
      case 'context': {
        const { type: _type, ...context } = frame;
        return this.setContext(context);
      }
    }
  }

  protected onClose(): void {
    this.following?.unsubscribe();
    this.following = null;
    this.unwatchAvailability?.();
    this.unwatchAvailability = null;
  }

  private async hello(frame: VisitorHello): Promise<void> {
    if (this.visitor) throw new RelayError('HELLO_REQUIRED', 'hello was already sent');
    if (frame.v !== PROTOCOL_VERSION) {
      this.fail(new RelayError('UNSUPPORTED_VERSION', `this relay speaks protocol ${PROTOCOL_VERSION}`));
      return;
    }
    if (frame.siteKey !== this.site.publicKey) {
      this.fail(new RelayError('UNKNOWN_SITE', 'no site has this key'));
      return;
    }
    this.page = frame.page ?? null;
    const signedIn = await signInVisitor(this.ctx.storage, this.site, {
      token: frame.token,
      identity: frame.identity,
      profile: frame.profile,
    });
    if (signedIn === 'unauthorized') {
      this.fail(new RelayError('UNAUTHORIZED', 'unknown visitor session, or it needs its verified identity; connect without a token'));
      return;
    }
    if (signedIn.refused) this.log.info({ reason: signedIn.refused }, 'identity not verified; continuing as anonymous');
    this.token = signedIn.issuedToken ?? frame.token;
    this.verified = signedIn.verified;
    this.context = frame.context ?? {};
    this.team = await this.lookUpTeam();
    const privateLinks = this.ctx.channels.privateLinks;
    const latestWeb = await this.ctx.storage.conversations.findLatestForVisitor(signedIn.visitor.workspaceId, signedIn.visitor.id);
    // A private link (issue 5) moves this visitor into a social conversation; a refused one
    // leaves them where they were and is reported after the welcome.
    const redeemed = frame.continue !== undefined ? await privateLinks.redeem(this.site, signedIn.visitor, frame.continue) : null;
    const conversation = redeemed?.ok ? redeemed.conversation : await this.continuedOr(signedIn.visitor, latestWeb);
    if (this.closed) return;
    this.visitor = signedIn.visitor;
    // Welcome first, then the replay: the follow below only sends from the next turn on.
    await this.welcome(signedIn.issuedToken, conversation);
    if (redeemed && !redeemed.ok) this.sendError('FORBIDDEN', redeemed.message);
    if (conversation) {
      // A conversation just joined by link is new to this widget: it gets the whole history.
      const lastSeq = redeemed?.ok ? 0 : Math.min(frame.lastSeq ?? 0, conversation.lastSeq);
      this.follow(conversation.id, lastSeq, conversation.status, conversation.lastMessage === null);
    }
  }

  /** The social conversation this visitor continues privately, else their latest web chat. */
  private async continuedOr(visitor: Visitor, latestWeb: Conversation | null): Promise<Conversation | null> {
    return (await this.ctx.channels.privateLinks.continuedBy(visitor, latestWeb)) ?? latestWeb;
  }

  private async welcome(issuedToken: string | null, conversation: Conversation | null): Promise<void> {
    const visitor = this.visitor!;
    const team = this.team;
    const members = team ? await this.ctx.storage.teams.members(visitor.workspaceId, team.id, TEAM_MEMBERS_SHOWN) : [];
    const availability = await this.ctx.availability.compute(this.site, team?.id ?? null);
    if (this.closed) return;
    this.send({
      type: 'welcome',
      v: PROTOCOL_VERSION,
      token: issuedToken,
      visitorId: visitor.id,
      conversationId: conversation?.id ?? null,
      lastSeq: conversation?.lastSeq ?? 0,
      agentReadSeq: conversation?.agentReadSeq ?? 0,
      site: {
        name: this.site.settings.title ?? this.site.name,
        ...(team ? { team: { name: team.name, members: members.map(agentAuthor) } } : {}),
        ...prechatForWelcome(this.site),
        availability,
      },
      verified: this.verified,
    });
    this.watchAvailability(availability);
  }

  /** Pushes `availability` whenever it changes for this socket's site and team. */
  private watchAvailability(current: AvailabilityState): void {
    this.unwatchAvailability?.();
    this.unwatchAvailability = this.ctx.availability.watch(this.site, this.team?.id ?? null, current, (state) =>
      this.send({ type: 'availability', ...state }),
    );
  }

  /**
   * The host page identified the visitor after hello. Decided exactly like a reconnect with
   * this identity: the socket may switch to the contact's visitor (new token, its own
   * conversation), stay as it is, or be refused like a hello would be.
   */
  private async identify(identity: VisitorIdentity): Promise<void> {
    const before = this.visitor!;
    const signedIn = await signInVisitor(this.ctx.storage, this.site, { token: this.token, identity, profile: undefined });
    if (signedIn === 'unauthorized') {
      this.fail(new RelayError('UNAUTHORIZED', 'this session needs its verified identity; connect without a token'));
      return;
    }
    if (signedIn.refused) this.log.info({ reason: signedIn.refused }, 'identity not verified; continuing as anonymous');
    if (!signedIn.verified && before.contactId === null) {
      // Still anonymous: what the page says about them is kept as an unverified claim.
      await this.ctx.storage.contacts.setVisitorProfile(before.workspaceId, before.id, {
        ...(identity.name !== undefined ? { name: identity.name } : {}),
        ...(identity.email !== undefined ? { email: identity.email } : {}),
      });
    }
    this.verified = signedIn.verified;
    this.token = signedIn.issuedToken ?? this.token;
    this.visitor = signedIn.visitor;
    const conversation = await this.ctx.storage.conversations.findLatestForVisitor(signedIn.visitor.workspaceId, signedIn.visitor.id);
    if (this.closed) return;
    const switched = signedIn.visitor.id !== before.id;
    if (switched) {
      this.following?.unsubscribe();
      this.following = null;
    }
    await this.welcome(signedIn.issuedToken, conversation);
    if (switched && conversation) this.follow(conversation.id, 0, conversation.status, conversation.lastMessage === null);
  }

  /** The page changed team or job: used for the next conversation this visitor starts. */
  private async setContext(context: VisitorContext): Promise<void> {
    this.context = context;
    this.team = await this.lookUpTeam();
    // Another team may be staffed differently: tell the widget, and watch that team from now on.
    const availability = await this.ctx.availability.compute(this.site, this.team?.id ?? null);
    if (this.closed) return;
    this.send({ type: 'availability', ...availability });
    this.watchAvailability(availability);
  }

  private async lookUpTeam(): Promise<Team | null> {
    const slug = this.context.team;
    return slug ? this.ctx.storage.teams.teamBySlug(this.site.workspaceId, slug) : null;
  }

  /** The visitor's conversation, started (in the context's team, with its job) if there is none. */
  private async ensureConversation(visitor: Visitor): Promise<string> {
    if (this.following) return this.following.conversationId;
    const job = this.context.jobId || this.context.jobTitle
      ? { id: this.context.jobId ?? null, title: this.context.jobTitle ?? null }
      : null;
    const conversation: Conversation = await this.ctx.conversations.startWebConversation(visitor, this.page, {
      teamId: this.team?.id ?? null,
      job,
    });
    this.follow(conversation.id, 0, conversation.status, true);
    return conversation.id;
  }

  private ack(id: string, conversationId: string, event: ConversationEvent): void {
    this.send({ type: 'ack', id, seq: event.seq, at: event.at, conversationId });
  }

  private async sendMessage(visitor: Visitor, clientId: string, text: string): Promise<void> {
    const conversations = this.ctx.conversations;
    // Awaited only when there is something to wait for: a busy relay runs this thousands of times a second.
    if (!this.following) await this.ensureConversation(visitor);
    const following = this.following!;
    const author = visitorAuthor(visitor);
    const blocks = this.ctx.moderation.blocks;
    const blocked = blocks.isBlockedNow(visitor.workspaceId, visitor.id) ?? (await blocks.isBlocked(visitor.workspaceId, visitor.id));
    if (blocked) {
      // Blocked (issue 6): stored and shown to agents as held; no reopening, no routing, no queue.
      const { event } = await conversations.append(visitor.workspaceId, following.conversationId, author, clientId, {
        kind: 'held',
        text,
        platformId: null,
        url: null,
      });
      this.send({ type: 'ack', id: clientId, seq: event.seq, at: event.at, conversationId: following.conversationId });
      return;
    }
    const isFirstMessage = following.status === 'open' && following.unrouted;
    following.unrouted = false;
    const reopened = following.status === 'resolved';
    if (reopened) {
      await conversations.append(visitor.workspaceId, following.conversationId, author, null, {
        kind: 'status',
        change: 'reopened',
        status: 'open',
        assignee: null,
      });
      following.status = 'open';
    }
    if (following.status === 'pending' || following.status === 'snoozed') {
      // The case was parked waiting for this visitor (or put away): it needs an answer again.
      await this.ctx.queueStates.visitorReturned(visitor.workspaceId, following.conversationId, author);
      following.status = 'open';
    }
    const { event, duplicate } = await conversations.append(visitor.workspaceId, following.conversationId, author, clientId, {
      kind: 'message',
      text,
    });
    this.send({ type: 'ack', id: clientId, seq: event.seq, at: event.at, conversationId: following.conversationId });
    if (!duplicate) this.ctx.spikes.recordWebMessage(visitor.workspaceId, this.site.id);
    if (reopened || isFirstMessage) await this.assignIfUnassigned(visitor, following.conversationId);
  }

  /** Routes the conversation if nothing the visitor wrote has routed it yet. */
  private async routeIfNew(visitor: Visitor): Promise<void> {
    const following = this.following;
    if (!following?.unrouted || following.status !== 'open') return;
    following.unrouted = false;
    await this.assignIfUnassigned(visitor, following.conversationId);
  }

  private async assignIfUnassigned(visitor: Visitor, conversationId: string): Promise<void> {
    const conversation = await this.ctx.storage.conversations.get(visitor.workspaceId, conversationId);
    if (conversation && conversation.assignee === null) {
      await this.ctx.router.autoAssign(visitor.workspaceId, conversation.id, conversation.teamId);
    }
  }

  /** (Re)starts delivery of a conversation from `lastSeq` on: subscribe first, then catch up. */
  private follow(conversationId: string, lastSeq: number, status: ConversationStatus, unrouted = false): void {
    this.following?.unsubscribe();
    const workspaceId = this.site.workspaceId;
    const cursor = new DeliveryCursor({
      lastSent: lastSeq,
      pageSize: LIMITS.replayPageSize,
      fetchAfter: (after) => this.ctx.conversations.readLog(workspaceId, conversationId, after, LIMITS.replayPageSize),
      send: (event) => this.deliver(event),
      onGap: (from, to) => this.send({ type: 'gap', from, to }),
      onError: (error) => this.log.warn({ err: error }, 'replay failed; the next event retries'),
    });
    const unsubscribe = this.ctx.bus.subscribe(topics.conversation(conversationId), (message) =>
      this.onBus(message),
    );
    this.following = { conversationId, cursor, unsubscribe, status, unrouted };
    setImmediate(() => void cursor.catchUp());
  }

  private deliver(event: ConversationEvent): void {
    if (event.kind === 'status' && this.following) this.following.status = event.status;
    this.send({ type: 'event', event: forVisitor(event) });
  }

  private onBus(message: BusMessage): void {
    switch (message.type) {
      case 'event':
        this.following?.cursor.offer(message.event);
        return;
      case 'typing':
        if (message.author.kind !== 'visitor') this.send({ type: 'typing', on: message.on, author: message.author });
        return;
      case 'read':
        if (message.side === 'agent') this.send({ type: 'read', seq: message.seq });
        return;
      case 'conversation':
      case 'mention':
        return;
    }
  }
}

const AGENT_ONLY_CHANGES: ReadonlySet<string> = new Set(['pending', 'snoozed', 'woke', 'prioritized', 'decided']);
/** Moderation entries the widget acts on (it takes the entry away or puts it back); reasons stay with agents. */
const VISIBLE_MODERATION: ReadonlySet<string> = new Set(['hidden', 'unhidden', 'deleted'])

/** The site's pre-chat form for `welcome`, when it has one. */
function prechatForWelcome(site: Site) {
  const prechat = site.settings.prechat;
  if (!prechat || (prechat.fields.length === 0 && !prechat.privacyText)) return {};
  return { prechat: { ...prechat, textVersion: privacyTextVersion(site) } };
}

/**
 * What a visitor may see of a log entry: notes become bare seqs (the log stays gap-free), and
 * the internal reasons on status changes (transfer notes, escalation reasons) are removed.
 */
export function forVisitor(event: ConversationEvent): ConversationEvent {
  // Drafts and review decisions (issue 6) are the team's; an approved reply arrives as a message.
  if (event.kind === 'note' || event.kind === 'draft' || event.kind === 'review') {
    return { seq: event.seq, at: event.at, kind: 'internal', author: SYSTEM_AUTHOR };
  }
  // Issue 6: a hidden or deleted entry leaves the widget (who did it and why are the agents');
  // a blocked visitor's held message looks to them like any message they sent.
  if (event.kind === 'moderation') {
    return VISIBLE_MODERATION.has(event.action)
      ? { ...event, author: SYSTEM_AUTHOR, note: null, clientId: null }
      : { seq: event.seq, at: event.at, kind: 'internal', author: SYSTEM_AUTHOR };
  }
  if (event.kind === 'held') return { seq: event.seq, at: event.at, kind: 'message', author: event.author, text: event.text, clientId: event.clientId };
  // How agents organise their queue (pending, snoozes, priorities) is theirs, like notes.
  if (event.kind === 'status' && AGENT_ONLY_CHANGES.has(event.change)) {
    return { seq: event.seq, at: event.at, kind: 'internal', author: SYSTEM_AUTHOR };
  }
  if (event.kind === 'status' && (event.note || event.team)) return { ...event, note: null, team: null };
  return event;
}
