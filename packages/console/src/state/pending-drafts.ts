/**
 * Which drafts (issue 6) still wait for a reviewer, derived from the log: a draft is pending
 * until a `review` entry names its seq. The queue summary carries no such flag, so "Needs
 * review" can only know the conversations whose logs this console has loaded.
 */
import type { ConversationEvent, DraftEvent } from '@eyelevel/shared';
import type { ConversationLog } from './conversation-log.js';

export function pendingDrafts(events: readonly ConversationEvent[]): DraftEvent[] {
  const decided = new Set<number>();
  for (const event of events) if (event.kind === 'review') decided.add(event.draftSeq);
  return events.filter((event): event is DraftEvent => event.kind === 'draft' && !decided.has(event.seq));
}

/** The conversations among the loaded logs with at least one pending draft. */
export function conversationsNeedingReview(logs: ReadonlyMap<string, ConversationLog>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const [id, log] of logs) if (pendingDrafts(log.events).length > 0) ids.add(id);
  return ids;
}
