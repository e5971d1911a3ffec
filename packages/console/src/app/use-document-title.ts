/**
 * Puts the number of conversations waiting on an agent into the tab title, so an agent working
 * in another tab sees "(3) eyelevel console" without switching back.
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { QueueState } from '../state/queue-state.js';

const BASE_TITLE = 'eyelevel console';

/** Open conversations whose newest message is the visitor's and unread by the agents. */
export function countUnread(queue: QueueState): number {
  let count = 0;
  for (const { summary } of queue.rows.values()) {
    if (
      summary.status !== 'resolved' &&
      summary.lastMessage?.authorKind === 'visitor' &&
      summary.lastSeq > summary.agentReadSeq
    ) {
      count += 1;
    }
  }
  return count;
}

export function useDocumentTitle(queue: QueueState): void {
  const unread = useMemo(() => countUnread(queue), [queue]);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${BASE_TITLE}` : BASE_TITLE;
    return () => {
      document.title = BASE_TITLE;
    };
  }, [unread]);
}
