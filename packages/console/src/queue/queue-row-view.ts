/**
 * What a queue row says, derived from its summary: the labels are decided here, not in markup,
 * so the wording rules (who is waiting, what is unread, when an answer is due) are testable and
 * shared by the queue and the conversation header.
 */
import { awaitsDecision } from '../state/queue-order.js';
import type { ConversationSummary } from '@eyelevel/shared';
import { formatDuration, formatTimestamp } from './format-time.js';
import { waitingSinceOf } from '../state/queue-order.js';

export interface QueueRowView {
  readonly title: string;
  readonly channel: string;
  readonly status: string;
  readonly preview: string;
  /** "waiting 5 min" when a visitor waits for an answer, else how long ago anything happened. */
  readonly timing: string;
  readonly waiting: boolean;
  readonly unread: boolean;
  readonly assignee: string | null;
  /** "first reply due in 3 min" / "reply overdue by 2 min", while a visitor waits. */
  readonly due: string | null;
  readonly overdue: boolean;
  /** Shown when not normal. */
  readonly priority: string | null;
  readonly team: string | null;
  readonly escalated: boolean;
  /** Callback tasks not done yet. */
  readonly callbacks: number;
}

export interface RowContext {
  /** The workspace's first-response target; without it no due time is shown. */
  readonly targetMs?: number | null;
  readonly teamName?: string | null;
}

export const CHANNEL_LABELS: Record<ConversationSummary['channel'], string> = {
  web: 'Web chat',
  x: 'X',
  facebook: 'Facebook',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  webhook: 'Webhook',
};

function dueText(summary: ConversationSummary, waitingSince: number | null, now: number, targetMs: number | null | undefined) {
  if (waitingSince === null || !targetMs || summary.status !== 'open') return { due: null, overdue: false };
  const dueAt = waitingSince + targetMs;
  // Before anyone answered, the target is the first response; afterwards, the next one.
  const what = summary.agentRepliedAt ? 'reply' : 'first reply';
  if (dueAt > now) return { due: `${what} due in ${formatDuration(dueAt - now).replace('just now', '1 min')}`, overdue: false };
  return { due: `${what} overdue by ${formatDuration(now - dueAt).replace('just now', '1 min')}`, overdue: true };
}

export function queueRowView(summary: ConversationSummary, now: number, context: RowContext = {}): QueueRowView {
  const last = summary.lastMessage;
  const waitingSince = waitingSinceOf(summary);
  const waiting = waitingSince !== null && summary.status !== 'snoozed';
  const elapsed = formatDuration(now - (waiting ? waitingSince : (last?.at ?? summary.updatedAt)));
  const timing =
    summary.status === 'snoozed' && summary.snoozedUntil != null
      ? `until ${formatTimestamp(summary.snoozedUntil, now)}`
      : waiting
        ? `waiting ${elapsed}`
        : elapsed === 'just now'
          ? elapsed
          : `${elapsed} ago`;
  return {
    title: summary.visitor.name?.trim() || 'Visitor',
    channel: CHANNEL_LABELS[summary.channel],
    status: summary.status,
    // One line in the list: collapse the visitor's line breaks into spaces.
    preview: last ? last.text.replace(/\s+/g, ' ').trim() : 'No messages yet',
    timing,
    waiting,
    unread: last?.authorKind === 'visitor' && summary.lastSeq > summary.agentReadSeq,
    assignee: summary.assignee?.initials ?? summary.assignee?.name ?? null,
    ...dueText(summary, waitingSince, now, context.targetMs),
    priority: summary.priority === 'normal' ? null : summary.priority,
    team: context.teamName ?? null,
    // Until a lead decides it (issue 6); a decided escalation is history in the log.
    escalated: awaitsDecision(summary),
    callbacks: summary.openCallbacks ?? 0,
  };
}
