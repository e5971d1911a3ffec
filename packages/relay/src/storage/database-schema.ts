/**
 * The tables as Kysely sees them. Column types stay within what SQLite and Postgres both store
 * the same way: text, integers (timestamps are epoch milliseconds) and JSON kept as text, so one
 * set of queries serves both dialects.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<number, number, number>;

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: Timestamp;
  first_response_target_ms: ColumnType<number, number | undefined, number>;
}

export interface SitesTable {
  id: string;
  workspace_id: string;
  public_key: string;
  name: string;
  /** JSON array of exact origins, e.g. ["https://example.com"]. */
  allowed_origins: string;
  identity_secret: string;
  /** JSON object of widget settings. */
  settings: string;
  created_at: Timestamp;
}

export interface AgentsTable {
  id: string;
  workspace_id: string;
  email: string;
  password_hash: string;
  name: string;
  initials: string;
  avatar_url: string | null;
  role: string;
  created_at: Timestamp;
  capacity: ColumnType<number, number | undefined, number>;
  open_count: ColumnType<number, number | undefined, number>;
  presence: ColumnType<string, string | undefined, string>;
  last_assigned_at: ColumnType<number, number | undefined, number>;
  /** Set when an admin deactivated the agent; they can no longer sign in or be assigned. */
  deactivated_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TeamsTable {
  id: string;
  workspace_id: string;
  slug: string;
  name: string;
  created_at: Timestamp;
}

export interface TeamMembersTable {
  team_id: string;
  agent_id: string;
  workspace_id: string;
}

export interface AgentSessionsTable {
  id: string;
  token_hash: string;
  agent_id: string;
  workspace_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: number | null;
}

export interface VisitorsTable {
  id: string;
  workspace_id: string;
  /** Null for a social author (issue 5): they came from a channel, not a site. */
  site_id: string | null;
  name: string | null;
  email: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** The verified contact this visitor is (issue 3), or null for an anonymous visitor. */
  contact_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A user the host site vouched for, keyed by the site's own user id (issue 3). */
export interface ContactsTable {
  id: string;
  workspace_id: string;
  external_id: string;
  name: string | null;
  email: string | null;
  /** How the latest identity was proven: `hash` or `jwt`. */
  verified_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A visitor's request to be called back, worked like a case (issue 3). */
export interface CallbackTasksTable {
  conversation_id: string;
  request_seq: number;
  workspace_id: string;
  phone: string;
  preferred_time: string | null;
  note: string | null;
  /** `open`, `taken` or `done`. */
  status: string;
  taken_by: string | null;
  outcome: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VisitorSessionsTable {
  token_hash: string;
  visitor_id: string;
  workspace_id: string;
  site_id: string;
  created_at: Timestamp;
}

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  site_id: string | null;
  visitor_id: string;
  channel: string;
  status: string;
  assignee_id: string | null;
  /** JSON snapshot of the assignee as an Author, or null. */
  assignee: string | null;
  /** JSON page context of where the conversation started, or null. */
  page: string | null;
  last_seq: number;
  /** JSON { text, at, authorKind } of the newest message, or null. */
  last_message: string | null;
  visitor_read_seq: number;
  agent_read_seq: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  team_id: ColumnType<string | null, string | null | undefined, string | null>;
  priority: ColumnType<string, string | undefined, string>;
  assigned_at: ColumnType<number | null, number | null | undefined, number | null>;
  agent_replied_at: ColumnType<number | null, number | null | undefined, number | null>;
  escalated_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** For a snoozed conversation: when it wakes (becomes open again). */
  snoozed_until: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON { id, title } of the job a careers page attached, or null. */
  job: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON { name, email, topic } the visitor gave in the pre-chat form, or null. */
  prechat: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON { at, textVersion, seq } of the visitor's consent, or null. */
  consent: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON { rating, comment, at, requestSeq, clientId } of the visitor's rating, or null. */
  csat: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON SocialContext of a social conversation (issue 5); null for web chats. */
  social: ColumnType<string | null, string | null | undefined, string | null>;
  /** When a lead decided the current escalation (issue 6); null while it waits or without one. */
  escalation_decided_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface EventsTable {
  conversation_id: string;
  seq: number;
  workspace_id: string;
  kind: string;
  author_kind: string;
  author_id: string | null;
  /** JSON snapshot of the author as an Author. */
  author: string;
  client_id: string | null;
  /** Message text for `message` events. */
  body: string | null;
  /** JSON payload for other kinds (status change, assignee). */
  data: string | null;
  created_at: Timestamp;
}

/** A reply agents insert from the composer; `{visitor.name}` and the like are filled in there. */
export interface CannedRepliesTable {
  id: string;
  workspace_id: string;
  /** Null: offered in every team's conversations. */
  team_id: string | null;
  shortcut: string;
  title: string;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type { ChannelsTable, ChannelAuthorsTable, ChannelThreadsTable, ChannelItemsTable, ChannelPostsTable } from './channel-tables.js';
import type { ChannelsTable, ChannelAuthorsTable, ChannelThreadsTable, ChannelItemsTable, ChannelPostsTable } from './channel-tables.js';

import type { ReviewPoliciesTable, AgentTrainingTable, ReviewDraftsTable, ReviewSettingsTable } from './review-tables.js';
import type { SpikeRulesTable, SpikeCountsTable, SpikeAlertStateTable, SpikeAlertsTable, OutboundWebhooksTable, WebhookDeliveriesTable } from './alert-tables.js';
import type { AuditLogTable, BlocksTable, WarnTemplatesTable } from './moderation-tables.js';

/** How many consoles of an agent one relay node has open (issue 7; see console-store.ts). */
export interface AgentConsolesTable {
  node_id: string;
  agent_id: string;
  workspace_id: string;
  consoles: number;
  seen_at: number;
}

/** A private link that was used (issue 5; see private-link-store.ts). */
export interface PrivateLinksTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  site_id: string;
  visitor_id: string;
  used_at: number;
}

/** A named lease held by one relay node at a time (issue 7; see lease-store.ts). */
export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
  fence: number;
  acquired_at: number;
}

export interface Database {
  workspaces: WorkspacesTable;
  sites: SitesTable;
  agents: AgentsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  agent_sessions: AgentSessionsTable;
  visitors: VisitorsTable;
  visitor_sessions: VisitorSessionsTable;
  conversations: ConversationsTable;
  events: EventsTable;
  canned_replies: CannedRepliesTable;
  contacts: ContactsTable;
  callback_tasks: CallbackTasksTable;
  channels: ChannelsTable;
  channel_authors: ChannelAuthorsTable;
  channel_threads: ChannelThreadsTable;
  channel_items: ChannelItemsTable;
  channel_posts: ChannelPostsTable;
  leases: LeasesTable;
  agent_consoles: AgentConsolesTable;
  review_policies: ReviewPoliciesTable;
  agent_training: AgentTrainingTable;
  review_drafts: ReviewDraftsTable;
  review_settings: ReviewSettingsTable;
  private_links: PrivateLinksTable;
  spike_rules: SpikeRulesTable;
  spike_counts: SpikeCountsTable;
  spike_alert_state: SpikeAlertStateTable;
  spike_alerts: SpikeAlertsTable;
  outbound_webhooks: OutboundWebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  audit_log: AuditLogTable;
  blocks: BlocksTable;
  warn_templates: WarnTemplatesTable;
}

// Generated is re-exported for tables that later gain serial columns.
export type { Generated };
