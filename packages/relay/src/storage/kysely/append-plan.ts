/**
 * What appending one entry to a conversation log means, as data: the row to insert (all but its
 * seq), the changes to the conversation row, the idempotency key to look for first and the
 * collision guard. Both executors of a plan, Kysely transactions (any dialect) and the SQLite
 * append worker, take it from here, so the meaning of an entry is written once.
 */
import type { Selectable, Updateable } from 'kysely';
import type { ConversationsTable, EventsTable } from '../database-schema.js';
import type { AppendInput } from '../records.js';
import { isVisitorRecord, visitorRecordChanges, visitorRecordData } from './visitor-records.js';
import { socialRecordData } from './social-records.js';
import { reviewRecordData } from './review-records.js';
import { storableText } from './storable-text.js';
import { moderationRecordData } from './moderation-records.js';

/** Plain JSON (strings, numbers, nulls), so a plan can cross to a worker thread. */
export interface AppendPlan {
  workspaceId: string;
  conversationId: string;
  /** Where a first copy would be, when the entry carries an idempotency key. */
  dedupe: { authorId: string; clientId: string } | null;
  /** Written only if the conversation is unassigned or assigned to this agent. */
  guardAssigneeId: string | null;
  /** Conversation columns the entry sets, besides taking the next seq (`last_seq + 1`). */
  changes: Updateable<ConversationsTable>;
  /** The event row; its seq is the conversation's new `last_seq`. */
  row: Omit<Selectable<EventsTable>, 'seq'>;
}

/** Why an entry was not written. */
export type AppendRefusal = 'conversation-not-found' | 'not-assignee';

export function planAppend(input: AppendInput, extraChanges: AppendPlan['changes'] = {}): AppendPlan {
  const { body, author } = input;
  return {
    workspaceId: input.workspaceId,
    conversationId: input.conversationId,
    dedupe: input.clientId !== null && author.id !== null ? { authorId: author.id, clientId: input.clientId } : null,
    guardAssigneeId: input.onlyIfAssigneeIs ?? null,
    // Assigned rather than spread: every message is planned here, and spreads allocate more.
    changes: Object.assign({ updated_at: input.at }, conversationChanges(input), extraChanges),
    row: {
      conversation_id: input.conversationId,
      workspace_id: input.workspaceId,
      kind: body.kind,
      author_kind: author.kind,
      author_id: author.id,
      author: JSON.stringify(author),
      client_id: input.clientId,
      body:
        body.kind === 'status' || body.kind === 'social' || body.kind === 'review' || body.kind === 'moderation' || isVisitorRecord(body)
          ? null
          : storableText(body.text),
      data: isVisitorRecord(body)
        ? visitorRecordData(body)
        : body.kind === 'social'
          ? socialRecordData(body)
        : body.kind === 'draft' || body.kind === 'review'
          ? reviewRecordData(body)
        : body.kind === 'moderation' || body.kind === 'held'
          ? moderationRecordData(body)
        : body.kind === 'status'
          ? JSON.stringify({
              change: body.change,
              status: body.status,
              assignee: body.assignee,
              team: body.team ?? null,
              note: body.note ?? null,
              ...(body.callback ? { callback: body.callback } : {}),
              ...(body.decisionMs !== undefined ? { decisionMs: body.decisionMs } : {}),
            })
          : body.kind === 'note'
            ? JSON.stringify(body.mentions)
            : null,
      created_at: input.at,
    },
  };
}

/** How an entry changes its conversation's row besides taking the next seq. */
function conversationChanges(input: AppendInput): AppendPlan['changes'] {
  const body = input.body;
  switch (body.kind) {
    case 'message': {
      const lastMessage = JSON.stringify({ text: body.text.slice(0, 500), at: input.at, authorKind: input.author.kind });
      return input.author.kind === 'agent' ? { last_message: lastMessage, agent_replied_at: input.at } : { last_message: lastMessage };
    }
    case 'note':
      return {};
    case 'status':
      // Callback progress and the CSAT request are log entries, not changes of the case's status.
      if (body.change === 'callback_taken' || body.change === 'callback_done' || body.change === 'csat_requested') return {};
      // A new escalation waits for a new decision; `decided` sets its time in the same
      // transaction, under a condition (see kysely/moderation-store.ts).
      return { status: body.status, ...(body.change === 'escalated' ? { escalated_at: input.at, escalation_decided_at: null } : {}) };
    case 'profile':
    case 'callback':
    case 'csat':
      return visitorRecordChanges(body, input.at);
    // What a network did (issue 5) is a log entry; the case's status does not change.
    case 'social':
      return {};
    // A draft is not an answer yet, and a decision is the team's business (issue 6).
    case 'draft':
    case 'review':
      return {};
    // Moderation is recorded, not a turn in the conversation; a held message is not an
    // answer and nobody waits on it (issue 6: held, not queued).
    case 'moderation':
    case 'held':
      return {};
  }
}
