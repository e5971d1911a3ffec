/**
 * What a queue row says, derived from its summary: the labels are decided here, not in markup,
 * so the wording rules (who is waiting, what is unread) are testable and shared with issue 4's
 * filters and sorting.
 */
import type { ConversationSummary } from '@eyelevel/shared';
import { formatDuration } from './format-time.js';

export interface QueueRowView {
  readonly title: string;
  readonly channel: string;
  readonly status: string;
  readonly preview: string;
  /** "waiting 5 min" when the visitor has the last word, else how long ago anything happened. */
  readonly timing: string;
  readonly waiting: boolean;
  readonly unread: boolean;
  readonly assignee: string | null;
}

const CHANNEL_LABELS: Record<ConversationSummary['channel'], string> = {
  web: 'Web chat',
  x: 'X',
  facebook: 'Facebook',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  webhook: 'Webhook',
};

export function queueRowView(summary: ConversationSummary, now: number): QueueRowView {
  const last = summary.lastMessage;
  const waiting = summary.status !== 'resolved' && last?.authorKind === 'visitor';
  const elapsed = formatDuration(now - (last?.at ?? summary.updatedAt));
  return {
    title: summary.visitor.name?.trim() || 'Visitor',
    channel: CHANNEL_LABELS[summary.channel],
    status: summary.status,
    // One line in the list: collapse the visitor's line breaks into spaces.
    preview: last ? last.text.replace(/\s+/g, ' ').trim() : 'No messages yet',
    timing: waiting ? `waiting ${elapsed}` : elapsed === 'just now' ? elapsed : `${elapsed} ago`,
    waiting,
    unread: last?.authorKind === 'visitor' && summary.lastSeq > summary.agentReadSeq,
    assignee: summary.assignee?.initials ?? summary.assignee?.name ?? null,
  };
}
