/**
 * Rows to records. The JSON columns were written by this code, so parsing them back is trusted;
 * integer columns go through Number() because Postgres returns bigint as strings.
 */
import type { Selectable } from 'kysely';
import type { AgentRole, Author, CallbackOutcome, ConversationEvent, StatusChange } from '@eyelevel/shared';
import { toVisitorRecordEvent } from './visitor-records.js';
import { toSocialEvent } from './social-records.js';
import { toReviewEvent } from './review-records.js';
import { toModerationEvent } from './moderation-records.js';
import type {
  AgentsTable,
  ConversationsTable,
  EventsTable,
  SitesTable,
  VisitorsTable,
  WorkspacesTable,
} from '../database-schema.js';
import type { Agent, Conversation, Site, Visitor, Workspace } from '../records.js';

export function toWorkspace(row: Pick<Selectable<WorkspacesTable>, 'id' | 'name' | 'created_at'>): Workspace {
  return { id: row.id, name: row.name, createdAt: Number(row.created_at) };
}

export function toSite(row: Selectable<SitesTable>): Site {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    publicKey: row.public_key,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    settings: JSON.parse(row.settings) as Site['settings'],
    createdAt: Number(row.created_at),
  };
}

export function toAgent(row: Pick<Selectable<AgentsTable>, 'id' | 'workspace_id' | 'email' | 'name' | 'initials' | 'avatar_url' | 'role' | 'created_at' | 'capacity'>): Agent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    initials: row.initials,
    avatarUrl: row.avatar_url,
    role: row.role as AgentRole,
    capacity: Number(row.capacity),
    createdAt: Number(row.created_at),
  };
}

export function toVisitor(row: Selectable<VisitorsTable>): Visitor {
  // Visitors are read through a site (session, sign-in); a social author (issue 5) has none.
  if (row.site_id === null) throw new Error(`visitor ${row.id} is a channel author, not a site visitor`);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    siteId: row.site_id,
    name: row.name,
    email: row.email,
    contactId: row.contact_id ?? null,
    createdAt: Number(row.created_at),
  };
}

export type ConversationRow = Selectable<ConversationsTable> & {
  visitor_name: string | null;
  visitor_email: string | null;
  /** From the visitor's contact (left join): null for anonymous visitors. */
  contact_external_id: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_verified_by: string | null;
  /** Callback tasks not done yet (subquery, see open-callbacks.ts). */
  open_callbacks: number | string | null;
  /** Pending drafts, all and lead-tier (subqueries, see pending-drafts.ts); absent where not read. */
  pending_drafts?: number | string | null;
  pending_lead_drafts?: number | string | null;
};

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    siteId: row.site_id,
    visitor: { id: row.visitor_id, name: row.visitor_name, email: row.visitor_email },
    channel: row.channel as Conversation['channel'],
    status: row.status as Conversation['status'],
    teamId: row.team_id,
    priority: row.priority as Conversation['priority'],
    assignee: row.assignee === null ? null : (JSON.parse(row.assignee) as Author),
    assignedAt: row.assigned_at === null ? null : Number(row.assigned_at),
    agentRepliedAt: row.agent_replied_at === null ? null : Number(row.agent_replied_at),
    escalatedAt: row.escalated_at === null ? null : Number(row.escalated_at),
    escalationDecidedAt: row.escalation_decided_at == null ? null : Number(row.escalation_decided_at),
    // Absent on rows assembled before a read-back; `waiting_since` only where the queue asks.
    snoozedUntil: row.snoozed_until == null ? null : Number(row.snoozed_until),
    ...('waiting_since' in row ? { waitingSince: row.waiting_since == null ? null : Number(row.waiting_since) } : {}),
    page: row.page === null ? null : (JSON.parse(row.page) as Conversation['page']),
    identity:
      row.contact_external_id === null
        ? null
        : {
            id: row.contact_external_id,
            name: row.contact_name,
            email: row.contact_email,
            verifiedBy: row.contact_verified_by === 'jwt' ? 'jwt' : 'hash',
          },
    job: parseJson<Conversation['job']>(row.job),
    prechat: parseJson<Conversation['prechat']>(row.prechat),
    consent: parseJson<Conversation['consent']>(row.consent),
    openCallbacks: Number(row.open_callbacks ?? 0),
    ...(row.pending_drafts === undefined ? {} : { pendingDrafts: Number(row.pending_drafts ?? 0), pendingLeadDrafts: Number(row.pending_lead_drafts ?? 0) }),
    csat: parseJson<Conversation['csat']>(row.csat),
    social: parseJson<Conversation['social']>(row.social ?? null),
    lastSeq: Number(row.last_seq),
    lastMessage:
      row.last_message === null ? null : (JSON.parse(row.last_message) as Conversation['lastMessage']),
    visitorReadSeq: Number(row.visitor_read_seq),
    agentReadSeq: Number(row.agent_read_seq),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

interface StatusData {
  change: StatusChange;
  status: Conversation['status'];
  assignee: Author | null;
  team?: { id: string; name: string } | null;
  note?: string | null;
  callback?: { requestSeq: number; outcome: CallbackOutcome | null } | null;
  /** Details of queue changes (issue 4), written beside the status event's own fields. */
  snoozedUntil?: number | null;
  priority?: Conversation['priority'];
  decisionMs?: number;
}

/**
 * `author`, when the caller has the object the row's JSON was written from, saves parsing it
 * back: on a batched append that parse was a fifth of the relay's CPU time.
 */
export function toEvent(row: Selectable<EventsTable>, author?: Author): ConversationEvent {
  const seq = Number(row.seq);
  const at = Number(row.created_at);
  const by = author ?? (JSON.parse(row.author) as Author);
  // The kind nearly every entry has, built without a spread: the send path maps each one.
  if (row.kind === 'message') return { seq, at, author: by, kind: 'message', text: row.body ?? '', clientId: row.client_id };
  const base = { seq, at, author: by };
  if (row.kind === 'note') {
    const mentions = JSON.parse(row.data ?? '[]') as string[];
    return { ...base, kind: 'note', text: row.body ?? '', mentions, clientId: row.client_id };
  }
  if (row.kind === 'profile' || row.kind === 'callback' || row.kind === 'csat') {
    return toVisitorRecordEvent(row.kind, base, row.data, row.client_id);
  }
  if (row.kind === 'social') return toSocialEvent(base, row.data, row.client_id);
  if (row.kind === 'draft' || row.kind === 'review') return toReviewEvent(row.kind, base, row.body, row.data, row.client_id);
  if (row.kind === 'moderation' || row.kind === 'held') return toModerationEvent(row.kind, base, row.body, row.data, row.client_id);
  const data = JSON.parse(row.data ?? '{}') as StatusData;
  return {
    ...base,
    kind: 'status',
    change: data.change,
    status: data.status,
    assignee: data.assignee,
    team: data.team ?? null,
    note: data.note ?? null,
    ...(data.callback ? { callback: data.callback } : {}),
    ...(data.snoozedUntil !== undefined ? { snoozedUntil: data.snoozedUntil } : {}),
    ...(data.priority !== undefined ? { priority: data.priority } : {}),
    ...(data.decisionMs !== undefined ? { decisionMs: data.decisionMs } : {}),
  };
}
