/**
 * The queue's order: what needs an answer first. One comparator, used both to sort a snapshot
 * and to place a changed row with a binary search, so the two can never disagree.
 *
 * 0. For leads and admins (issue 6: "leads see escalations first"): escalations still waiting
 *    for a decision, longest waiting first. Agents see them in their usual place, flagged.
 * 1. Open conversations where a visitor is waiting (for an answer or a call back): most urgent
 *    priority first, then whoever has waited longest (the first-response clock runs from their
 *    oldest unanswered message).
 * 2. Open conversations where the agents had the last word: most recently active first.
 * 3. Pending (waiting on the visitor), most recently active first.
 * 4. Snoozed, whichever wakes first.
 * 5. Resolved, most recent first.
 */
import type { AgentRole, ConversationSummary, Priority } from '@eyelevel/shared';

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * Since when the visitor has been waiting for an answer, or null. Relays that predate the field
 * leave it out; then the last message tells: a visitor's last word means they are waiting.
 */
export function waitingSinceOf(summary: ConversationSummary): number | null {
  if (summary.status === 'resolved') return null;
  if (summary.waitingSince !== undefined) return summary.waitingSince;
  const last = summary.lastMessage;
  return last?.authorKind === 'visitor' ? last.at : null;
}

/** Whether this viewer gets undecided escalations pinned on top. */
export const pinsEscalations = (role: AgentRole | null | undefined): boolean => role === 'lead' || role === 'admin';

/** An escalation nobody has decided yet, on a case that is still being worked. */
export function awaitsDecision(summary: ConversationSummary): boolean {
  return summary.escalatedAt !== null && (summary.escalationDecidedAt ?? null) === null && summary.status !== 'resolved';
}

function group(summary: ConversationSummary, pinEscalations: boolean): number {
  if (pinEscalations && awaitsDecision(summary)) return -1;
  switch (summary.status) {
    case 'open':
      // A visitor waiting for an answer, or for a call back, needs someone now.
      return waitingSinceOf(summary) !== null || (summary.openCallbacks ?? 0) > 0 ? 0 : 1;
    case 'pending':
      return 2;
    case 'snoozed':
      return 3;
    case 'resolved':
      return 4;
  }
}

/** True when `a` belongs above `b`. Total: the id breaks every tie. */
export function sortsBefore(a: ConversationSummary, b: ConversationSummary, pinEscalations = false): boolean {
  const ga = group(a, pinEscalations);
  const gb = group(b, pinEscalations);
  if (ga !== gb) return ga < gb;
  if (ga === -1) {
    const ea = a.escalatedAt ?? 0;
    const eb = b.escalatedAt ?? 0;
    if (ea !== eb) return ea < eb;
  } else if (ga === 0) {
    const pa = PRIORITY_RANK[a.priority];
    const pb = PRIORITY_RANK[b.priority];
    if (pa !== pb) return pa < pb;
    const wa = waitingSinceOf(a) ?? a.updatedAt;
    const wb = waitingSinceOf(b) ?? b.updatedAt;
    if (wa !== wb) return wa < wb;
  } else if (ga === 3) {
    const sa = a.snoozedUntil ?? 0;
    const sb = b.snoozedUntil ?? 0;
    if (sa !== sb) return sa < sb;
  } else if (a.updatedAt !== b.updatedAt) {
    return a.updatedAt > b.updatedAt;
  }
  return a.id < b.id;
}

/** Whether a change from `a` to `b` can leave the row where it is. */
export function sameSortKey(a: ConversationSummary, b: ConversationSummary): boolean {
  return (
    a.status === b.status &&
    a.priority === b.priority &&
    a.updatedAt === b.updatedAt &&
    (a.openCallbacks ?? 0) === (b.openCallbacks ?? 0) &&
    waitingSinceOf(a) === waitingSinceOf(b) &&
    (a.snoozedUntil ?? null) === (b.snoozedUntil ?? null) &&
    a.escalatedAt === b.escalatedAt &&
    (a.escalationDecidedAt ?? null) === (b.escalationDecidedAt ?? null)
  );
}
