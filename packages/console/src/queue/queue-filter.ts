/**
 * Which rows the queue shows. Issue 4 grows this into team, channel, assignee and priority
 * filters; the shape (a filter value in, ordered ids out) is meant to stay.
 */
import type { QueueState } from '../state/queue-state.js';

export type QueueFilter = 'active' | 'resolved' | 'all';

export const QUEUE_FILTERS: readonly { value: QueueFilter; label: string }[] = [
  { value: 'active', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

export function filterQueue(queue: QueueState, filter: QueueFilter): readonly string[] {
  if (filter === 'all') return queue.order;
  const wantResolved = filter === 'resolved';
  return queue.order.filter(
    (id) => (queue.rows.get(id)?.summary.status === 'resolved') === wantResolved,
  );
}
