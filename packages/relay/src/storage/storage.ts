/**
 * The storage contract. Domain code (conversations, delivery, gateway) depends on this interface
 * only; drivers (SQLite now, Postgres later) implement it and pass one contract suite.
 * Every read and write of tenant data takes the workspace id, so no query can cross tenants.
 */
import type {
  Agent,
  AgentLoad,
  AssignResult,
  Presence,
  Team,
  AppendInput,
  AppendResult,
  Conversation,
  JobContext,
  PageContext,
  Site,
  SiteSettings,
  Visitor,
  Workspace,
} from './records.js';
import type { AgentRole, Author, ConversationEvent } from '@eyelevel/shared';
import type { QueueStore } from './queue-store.js';
import type { AdminStore } from './admin-store.js';
import type { ContactStore } from './contact-store.js';
import type { TeamDirectory } from './team-directory.js';
import type { CallbackStore } from './callback-store.js';
import type { ChannelStore } from './channel-store.js';
import type { LeaseStore } from './lease-store.js';
import type { ChangeFeed } from './change-feed.js';
import type { ConsoleStore } from './console-store.js';
import type { ReviewStore } from './review-store.js';
import type { ReviewSettingsStore } from './review-settings-store.js';
import type { PrivateLinkStore } from './private-link-store.js';
import type { AlertStore } from './alert-store.js';
import type { WebhookStore } from './webhook-store.js';
import type { ModerationStore } from './moderation-store.js';

export interface NewSite {
  workspaceId: string;
  name: string;
  allowedOrigins: string[];
  settings?: SiteSettings;
}

export interface NewAgent {
  workspaceId: string;
  email: string;
  passwordHash: string;
  name: string;
  initials: string;
  avatarUrl?: string | null;
  role: AgentRole;
  capacity?: number;
}

export interface TenantStore {
  createWorkspace(name: string): Promise<Workspace>;
  getWorkspace(id: string): Promise<Workspace | null>;
  listWorkspaces(): Promise<Workspace[]>;
  /** Returns the site and its identity secret; the secret is shown to the creator once. */
  createSite(site: NewSite): Promise<{ site: Site; identitySecret: string }>;
  findSiteByPublicKey(publicKey: string): Promise<Site | null>;
  listSites(workspaceId: string): Promise<Site[]>;
  setSiteOrigins(workspaceId: string, siteId: string, origins: string[]): Promise<void>;
  /** Fails with CONFLICT when the e-mail or the initials (within the workspace) are taken. */
  createAgent(agent: NewAgent): Promise<Agent>;
  findAgentByEmail(email: string): Promise<(Agent & { passwordHash: string }) | null>;
  getAgent(workspaceId: string, agentId: string): Promise<Agent | null>;
  /** Agents of the workspace with any of these initials (for @mentions). */
  findAgentsByInitials(workspaceId: string, initials: string[]): Promise<Agent[]>;
  setAgentPassword(workspaceId: string, agentId: string, passwordHash: string): Promise<void>;
}

export interface SessionStore {
  createAgentSession(input: {
    agentId: string;
    workspaceId: string;
    tokenHash: string;
    expiresAt: number;
  }): Promise<void>;
  /** The agent behind a live (not revoked, not expired) session token hash. */
  findAgentBySession(tokenHash: string, now: number): Promise<Agent | null>;
  revokeAgentSession(tokenHash: string, now: number): Promise<void>;
  revokeAllAgentSessions(workspaceId: string, agentId: string, now: number): Promise<void>;

  createVisitor(input: {
    workspaceId: string;
    siteId: string;
    tokenHash: string;
    name: string | null;
    email: string | null;
  }): Promise<Visitor>;
  /** Scoped by workspace: a token issued by another workspace finds nothing. */
  findVisitorBySession(workspaceId: string, tokenHash: string): Promise<Visitor | null>;
}

export interface ConversationStore {
  /** The visitor's latest web conversation, whatever its status. */
  findLatestForVisitor(workspaceId: string, visitorId: string): Promise<Conversation | null>;
  /** Creates a conversation whose log starts with an `opened` status event (seq 1). */
  create(input: {
    workspaceId: string;
    siteId: string | null;
    visitor: Visitor;
    channel: Conversation['channel'];
    page: PageContext | null;
    /** The team whose queue it lands in (e.g. recruiting); null for the workspace's default. */
    teamId?: string | null;
    /** The job a careers page attached (issue 3). */
    job?: JobContext | null;
    at: number;
  }): Promise<{ conversation: Conversation; opened: ConversationEvent }>;
  get(workspaceId: string, conversationId: string): Promise<Conversation | null>;
  /** Conversations for the queue, those needing an answer first. */
  listQueue(workspaceId: string, limit: number): Promise<Conversation[]>;
  /** Raises the read marker of one side; never lowers it, never past the last seq. */
  markRead(
    workspaceId: string,
    conversationId: string,
    side: 'visitor' | 'agent',
    seq: number,
  ): Promise<number | null>;
}

export interface EventStore {
  /**
   * Appends entries to conversation logs in one transaction (group commit). Each entry gets the
   * conversation's next seq, or, when its author already sent its client id, the stored event
   * back with `duplicate: true`. Entries for one conversation get seqs in array order.
   */
  append(batch: AppendInput[]): Promise<AppendResult[]>;
  /**
   * How many batches are worth committing at once (default 1). With a second batch in flight
   * the store works on one while the relay answers for the other: a database server (Postgres),
   * or SQLite's append worker, whose queue then holds the next batch when a commit ends. A
   * store that commits on the event loop itself gains nothing from it.
   */
  readonly concurrentBatches?: number;
  /** Events with seq > afterSeq, oldest first, at most `limit`. */
  read(
    workspaceId: string,
    conversationId: string,
    afterSeq: number,
    limit: number,
  ): Promise<ConversationEvent[]>;
}

/** Move a conversation to an agent (claim, auto-assignment, transfer to a person). */
export interface AssignmentChange {
  workspaceId: string;
  conversationId: string;
  /** The agent it goes to, as the log will show them. */
  assignee: Author & { id: string };
  actor: Author;
  change: 'assigned' | 'transferred';
  /** Only if the conversation's assignee is still this one ('any' for leads and transfers). */
  expectedAssigneeId: string | null | 'any';
  team?: { id: string; name: string } | null;
  note?: string | null;
  clientId: string | null;
  at: number;
}

/** Take a conversation away from its assignee (timeout, transfer to a team, resolve). */
export interface UnassignmentChange {
  workspaceId: string;
  conversationId: string;
  actor: Author;
  change: 'unassigned' | 'transferred' | 'resolved';
  expectedAssigneeId: string | null | 'any';
  team?: { id: string; name: string } | null;
  note?: string | null;
  clientId: string | null;
  at: number;
}

export interface RoutingStore {
  createTeam(workspaceId: string, slug: string, name: string): Promise<Team>;
  listTeams(workspaceId: string): Promise<Team[]>;
  addTeamMember(workspaceId: string, teamId: string, agentId: string): Promise<void>;
  teamsOf(workspaceId: string, agentId: string): Promise<string[]>;
  setPresence(workspaceId: string, agentId: string, presence: Presence): Promise<void>;
  setCapacity(workspaceId: string, agentId: string, capacity: number): Promise<void>;
  load(workspaceId: string, agentId: string): Promise<AgentLoad | null>;
  /** Online agents (of the team, when given) with room, least loaded first. */
  candidates(workspaceId: string, teamId: string | null, exclude: string[], limit: number): Promise<Agent[]>;
  assign(change: AssignmentChange): Promise<AssignResult>;
  unassign(change: UnassignmentChange): Promise<AssignResult>;
  /** Open conversations whose assignee has not answered within `unansweredForMs` of assignment. */
  overdue(
    now: number,
    unansweredForMs: number,
    limit: number,
  ): Promise<Array<{ conversationId: string; workspaceId: string; assigneeId: string; teamId: string | null }>>;
  /** Open, unassigned conversations, oldest first (for agents who come online). */
  unassignedWaiting(
    workspaceId: string,
    teamIds: string[] | null,
    limit: number,
  ): Promise<Array<{ conversationId: string; teamId: string | null }>>;
}

export interface Storage {
  readonly tenants: TenantStore;
  readonly routing: RoutingStore;
  readonly sessions: SessionStore;
  readonly conversations: ConversationStore;
  readonly events: EventStore;
  readonly queue: QueueStore;
  readonly admin: AdminStore;
  /** Verified contacts (issue 3). */
  readonly contacts: ContactStore;
  /** Teams as the widget sees them (issue 3). */
  readonly teams: TeamDirectory;
  /** Callback tasks (issue 3). */
  readonly callbacks: CallbackStore;
  /** Social channels, their threads, inbound items and outbound replies (issue 5). */
  readonly channels: ChannelStore;
  /** Named leases: work that runs on one node of a cluster at a time (issue 7). */
  readonly leases: LeaseStore;
  /** Conversations changed since a time: how a node catches up on bus messages it missed (issue 7). */
  readonly changes: ChangeFeed;
  /** Agents' open consoles per relay node: presence across nodes (issue 7). */
  readonly consoles: ConsoleStore;
  /** Review policies, trainees and drafts (issue 6). */
  readonly reviews: ReviewStore;
  /** Crisis mode, the holding statement and the draft lifetime per workspace (issue 6). */
  readonly reviewSettings: ReviewSettingsStore;
  /** Private links that were used: who continues which social conversation privately (issue 5). */
  readonly privateLinks: PrivateLinkStore;
  /** Spike rules, volume counts and alerts (issue 6). */
  readonly alerts: AlertStore;
  /** Outbound webhooks and their deliveries (issue 6). */
  readonly webhooks: WebhookStore;
  /** Blocks, warn templates and the append-only audit log (issue 6). */
  readonly moderation: ModerationStore;
  /** Runs pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
