/**
 * The queue as the console holds it: one row per conversation and an order kept sorted as rows
 * change. Live events arrive for every conversation of the workspace, so re-sorting 5,000 rows on
 * each would cost O(n log n) per event; a changed row is instead moved to its place with a binary
 * search, and only a snapshot is sorted whole.
 *
 * Frames can arrive late, twice or out of order (a live event racing a snapshot or a sync page),
 * so every field derived from the log remembers the seq it came from and only a newer seq may
 * overwrite it.
 */
import type { AgentRole, ConversationEvent, ConversationSummary } from '@eyelevel/shared';
import { pinsEscalations, sameSortKey, sortsBefore, waitingSinceOf } from './queue-order.js';

export interface QueueRow {
  readonly summary: ConversationSummary;
  /** Seq of the event `summary.lastMessage` came from (a snapshot vouches up to its lastSeq). */
  readonly messageSeq: number;
  /** Seq of the event `summary.status` and `summary.assignee` came from. */
  readonly statusSeq: number;
}

export interface QueueState {
  readonly rows: ReadonlyMap<string, QueueRow>;
  /** Conversation ids, what needs an answer first (see queue-order.ts). */
  readonly order: readonly string[];
  /** The viewer is a lead or admin: undecided escalations come first (issue 6). */
  readonly pinEscalations?: boolean;
}

export const emptyQueue: QueueState = { rows: new Map(), order: [] };

function rowFromSummary(summary: ConversationSummary): QueueRow {
  // A summary reflects its whole log up to lastSeq, so no event at or below it is newer.
  return { summary, messageSeq: summary.lastSeq, statusSeq: summary.lastSeq };
}

/**
 * A welcome's snapshot replaces everything: what the relay says now is the truth. The viewer's
 * role decides whether escalations are pinned (leads see them first).
 */
export function replaceQueue(snapshot: readonly ConversationSummary[], viewerRole?: AgentRole | null): QueueState {
  const pinEscalations = pinsEscalations(viewerRole);
  const rows = new Map<string, QueueRow>();
  for (const summary of snapshot) rows.set(summary.id, rowFromSummary(summary));
  const order = [...rows.values()]
    .sort((a, b) => (sortsBefore(a.summary, b.summary, pinEscalations) ? -1 : 1))
    .map((row) => row.summary.id);
  return { rows, order, pinEscalations };
}

/** Index at which `summary` belongs in `order` (which must not contain it). */
function insertionIndex(
  rows: ReadonlyMap<string, QueueRow>,
  order: readonly string[],
  summary: ConversationSummary,
  pinEscalations: boolean,
): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = rows.get(order[mid] ?? '');
    if (other && sortsBefore(other.summary, summary, pinEscalations)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function putRow(queue: QueueState, next: QueueRow): QueueState {
  const id = next.summary.id;
  const prev = queue.rows.get(id);
  const rows = new Map(queue.rows);
  rows.set(id, next);
  const pinEscalations = queue.pinEscalations ?? false;
  if (prev && sameSortKey(prev.summary, next.summary)) {
    return { rows, order: queue.order, pinEscalations };
  }
  const order = prev ? queue.order.filter((other) => other !== id) : [...queue.order];
  order.splice(insertionIndex(rows, order, next.summary, pinEscalations), 0, id);
  return { rows, order, pinEscalations };
}

/**
 * A `conversation` frame: a new or changed row. It may be older than live events already applied
 * (it was built before they were committed), so log-derived fields keep whichever side is newer.
 */
export function upsertConversation(queue: QueueState, summary: ConversationSummary): QueueState {
  const prev = queue.rows.get(summary.id);
  if (!prev) return putRow(queue, rowFromSummary(summary));
  const incoming = rowFromSummary(summary);
  const newerMessage = prev.messageSeq > incoming.messageSeq;
  const newerStatus = prev.statusSeq > incoming.statusSeq;
  const merged: ConversationSummary = {
    ...summary,
    lastSeq: Math.max(prev.summary.lastSeq, summary.lastSeq),
    lastMessage: newerMessage ? prev.summary.lastMessage : summary.lastMessage,
    status: newerStatus ? prev.summary.status : summary.status,
    assignee: newerStatus ? prev.summary.assignee : summary.assignee,
    priority: newerStatus ? prev.summary.priority : summary.priority,
    snoozedUntil: newerStatus ? prev.summary.snoozedUntil : summary.snoozedUntil,
    waitingSince: newerMessage ? prev.summary.waitingSince : summary.waitingSince,
    agentRepliedAt: newerMessage ? prev.summary.agentRepliedAt : summary.agentRepliedAt,
    visitorReadSeq: Math.max(prev.summary.visitorReadSeq, summary.visitorReadSeq),
    agentReadSeq: Math.max(prev.summary.agentReadSeq, summary.agentReadSeq),
    updatedAt: Math.max(prev.summary.updatedAt, summary.updatedAt),
  };
  return putRow(queue, {
    summary: merged,
    messageSeq: Math.max(prev.messageSeq, incoming.messageSeq),
    statusSeq: Math.max(prev.statusSeq, incoming.statusSeq),
  });
}

/**
 * A live log entry of any conversation. Unknown conversations are left alone: the relay announces
 * new ones with a `conversation` frame, and an event alone is not enough to draw a row.
 */
export function applyEventToQueue(
  queue: QueueState,
  conversationId: string,
  event: ConversationEvent,
  /**
   * For a page of events: when the oldest visitor message after the page's last agent message
   * was written, so a page of several visitor messages starts the wait at the first of them.
   */
  waitingFrom?: number,
): QueueState {
  const prev = queue.rows.get(conversationId);
  if (!prev) return queue;
  let { summary, messageSeq, statusSeq } = prev;
  if (event.kind === 'message' && event.seq > messageSeq) {
    const fromVisitor = event.author.kind === 'visitor';
    summary = {
      ...summary,
      lastMessage: { text: event.text, at: event.at, authorKind: event.author.kind },
      // The wait starts at the first unanswered visitor message and ends with any agent reply.
      waitingSince: fromVisitor ? (waitingSinceOf(summary) ?? waitingFrom ?? event.at) : null,
      agentRepliedAt: event.author.kind === 'agent' ? event.at : summary.agentRepliedAt,
    };
    messageSeq = event.seq;
  } else if (event.kind === 'status' && event.seq > statusSeq) {
    const assignee =
      event.change === 'assigned' || event.change === 'transferred'
        ? event.assignee
        : event.change === 'unassigned'
          ? null
          : summary.assignee;
    const teamId = event.change === 'transferred' && event.team ? event.team.id : summary.teamId;
    const escalatedAt = event.change === 'escalated' ? event.at : summary.escalatedAt;
    // A new escalation waits for a new decision; a lead's decision settles it (issue 6).
    const escalationDecidedAt =
      event.change === 'escalated' ? null : event.change === 'decided' ? event.at : (summary.escalationDecidedAt ?? null);
    const priority = event.change === 'prioritized' && event.priority ? event.priority : summary.priority;
    const snoozedUntil = event.status === 'snoozed' ? (event.snoozedUntil ?? summary.snoozedUntil ?? null) : null;
    summary = { ...summary, status: event.status, assignee, teamId, escalatedAt, escalationDecidedAt, priority, snoozedUntil };
    statusSeq = event.seq;
  } else if (event.seq <= summary.lastSeq) {
    return queue; // a duplicate or an older entry: nothing in the row changes
  }
  // Anything else (a private note) is activity: it moves the row but is not the last message.
  summary = {
    ...summary,
    lastSeq: Math.max(summary.lastSeq, event.seq),
    updatedAt: Math.max(summary.updatedAt, event.at),
  };
  return putRow(queue, { summary, messageSeq, statusSeq });
}

/** The visitor (`who: 'visitor'`) or the agents (`'agent'`) have read up to `seq`. */
export function applyReadToQueue(
  queue: QueueState,
  conversationId: string,
  who: 'visitor' | 'agent',
  seq: number,
): QueueState {
  const prev = queue.rows.get(conversationId);
  if (!prev) return queue;
  const key = who === 'visitor' ? 'visitorReadSeq' : 'agentReadSeq';
  if (prev.summary[key] >= seq) return queue;
  return putRow(queue, { ...prev, summary: { ...prev.summary, [key]: seq } });
}
