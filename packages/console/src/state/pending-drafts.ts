/**
 * Which drafts (issue 6) still wait for a reviewer, for which tier, and which wait for their own
 * author after a supersede, derived from the log: a draft is pending until a final `review`
 * entry names its seq (an escalation keeps it pending, for the leads). "Needs review" combines
 * this with the queue row's `pendingDrafts`, which the relay keeps for conversations whose logs
 * this console never loaded.
 */
import type { ConversationEvent, ConversationSummary, DraftEvent, ReviewTier } from '@eyelevel/shared';
import type { ConversationLog } from './conversation-log.js';

/** Decisions after which a draft waits for nobody's review any more. */
const FINAL = new Set(['approved', 'rejected', 'superseded', 'expired', 'resent', 'dropped']);

export function pendingDrafts(events: readonly ConversationEvent[]): DraftEvent[] {
  const decided = new Set<number>();
  for (const event of events) if (event.kind === 'review' && FINAL.has(event.decision)) decided.add(event.draftSeq);
  return events.filter((event): event is DraftEvent => event.kind === 'draft' && !decided.has(event.seq));
}

/**
 * The tier a pending draft waits for: a lead when written for one, escalated since, or when the
 * workspace is in crisis and the conversation is public (the relay applies the same rule).
 */
export function draftTier(events: readonly ConversationEvent[], draft: DraftEvent, crisis: boolean, channel: ConversationSummary['channel']): ReviewTier {
  if (draft.tier === 'lead' || (crisis && channel !== 'web')) return 'lead';
  const escalated = events.some((e) => e.kind === 'review' && e.draftSeq === draft.seq && e.decision === 'escalated');
  return escalated ? 'lead' : 'colleague';
}

/** Drafts of `authorId` that a colleague's answer superseded and that await the author's choice. */
export function supersededAwaitingAuthor(events: readonly ConversationEvent[], authorId: string | null): DraftEvent[] {
  if (authorId === null) return [];
  const last = new Map<number, string>();
  for (const event of events) if (event.kind === 'review') last.set(event.draftSeq, event.decision);
  return events.filter((event): event is DraftEvent => event.kind === 'draft' && event.author.id === authorId && last.get(event.seq) === 'superseded');
}

/** The conversations among the loaded logs with at least one pending draft. */
export function conversationsNeedingReview(logs: ReadonlyMap<string, ConversationLog>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const [id, log] of logs) if (pendingDrafts(log.events).length > 0) ids.add(id);
  return ids;
}
