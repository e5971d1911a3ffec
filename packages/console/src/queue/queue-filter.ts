/**
 * Which rows the queue shows: one queue for every channel, narrowed by status, team, channel,
 * assignee, priority, escalation and pending reviews. Filtering runs over the ordered ids the queue state keeps,
 * so the result is already sorted by what needs an answer first.
 */
import { awaitsDecision } from '../state/queue-order.js';
import type { ChannelKind, ConversationStatus, Priority } from '@eyelevel/shared';
import type { QueueState } from '../state/queue-state.js';

export type StatusFilter = 'active' | ConversationStatus | 'all';

export interface QueueFilters {
  readonly status: StatusFilter;
  /** A team id, `none` for conversations without a team, or `any`. */
  readonly team: string;
  readonly channel: ChannelKind | 'any';
  /** An agent id, `me`, `unassigned`, or `any`. */
  readonly assignee: string;
  readonly priority: Priority | 'any';
  /** Only conversations a lead was asked to decide. */
  readonly escalated: boolean;
  /** Only conversations with callback tasks not done yet. */
  readonly callbacks: boolean;
  /** Only conversations with a draft waiting for review (issue 6). */
  readonly review: boolean;
}

export const DEFAULT_FILTERS: QueueFilters = {
  status: 'active',
  team: 'any',
  channel: 'any',
  assignee: 'any',
  priority: 'any',
  escalated: false,
  callbacks: false,
  review: false,
};

export const STATUS_FILTERS: readonly { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Not resolved' },
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

export function isDefault(filters: QueueFilters): boolean {
  return (Object.keys(DEFAULT_FILTERS) as (keyof QueueFilters)[]).every((key) => filters[key] === DEFAULT_FILTERS[key]);
}

/**
 * "Needs review": the queue row's `pendingDrafts` (kept by the relay for every conversation),
 * or `needingReview`, the conversations whose loaded logs show a pending draft the row has not
 * caught up with yet (state/pending-drafts.ts).
 */
export function filterQueue(
  queue: QueueState,
  filters: QueueFilters,
  me: string | null,
  needingReview: ReadonlySet<string> = new Set(),
): readonly string[] {
  if (isDefault({ ...filters, status: 'active' }) && filters.status === 'all') return queue.order;
  return queue.order.filter((id) => {
    const summary = queue.rows.get(id)?.summary;
    if (!summary) return false;
    const { status } = summary;
    if (filters.status === 'active' ? status === 'resolved' : filters.status !== 'all' && status !== filters.status) return false;
    if (filters.team !== 'any' && (summary.teamId ?? 'none') !== filters.team) return false;
    if (filters.channel !== 'any' && summary.channel !== filters.channel) return false;
    if (filters.priority !== 'any' && summary.priority !== filters.priority) return false;
    // Escalations a lead still has to decide (issue 6); decided ones are history in the log.
    if (filters.escalated && !awaitsDecision(summary)) return false;
    if (filters.callbacks && (summary.openCallbacks ?? 0) === 0) return false;
    if (filters.review && !needingReview.has(id) && (summary.pendingDrafts ?? 0) === 0) return false;
    if (filters.assignee !== 'any') {
      const assigneeId = summary.assignee?.id ?? null;
      const wanted = filters.assignee === 'me' ? me : filters.assignee === 'unassigned' ? null : filters.assignee;
      if (assigneeId !== wanted) return false;
    }
    return true;
  });
}
