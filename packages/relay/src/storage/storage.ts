/**
 * The storage contract. Domain code (conversations, delivery, gateway) depends on this interface
 * only; drivers (SQLite now, Postgres later) implement it and pass one contract suite.
 * Every read and write of tenant data takes the workspace id, so no query can cross tenants.
 */
import type {
  Agent,
  AppendInput,
  AppendResult,
  Conversation,
  PageContext,
  Site,
  SiteSettings,
  Visitor,
  Workspace,
} from './records.js';
import type { AgentRole, ConversationEvent } from '@eyelevel/shared';

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
  /** Events with seq > afterSeq, oldest first, at most `limit`. */
  read(
    workspaceId: string,
    conversationId: string,
    afterSeq: number,
    limit: number,
  ): Promise<ConversationEvent[]>;
}

export interface Storage {
  readonly tenants: TenantStore;
  readonly sessions: SessionStore;
  readonly conversations: ConversationStore;
  readonly events: EventStore;
  /** Runs pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
