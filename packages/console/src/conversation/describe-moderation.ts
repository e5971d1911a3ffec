/**
 * Moderation in words (issue 6): the log line of each action, with who and why, and how long a
 * lead took to decide an escalation. Worded once, for the log and the leads' audit screen.
 */
import type { AuditEntry, ModerationEvent } from '@eyelevel/shared';
import { describeAuthor } from '../state/describe-author.js';

const DONE: Record<ModerationEvent['action'], string> = {
  hidden: 'hid',
  unhidden: 'unhid',
  deleted: 'deleted',
  warned: 'warned',
  blocked: 'blocked',
  unblocked: 'unblocked',
};

export function describeModerationEvent(event: ModerationEvent): string {
  const who = describeAuthor(event.author);
  const reason = event.note ? `: ${event.note}` : '';
  switch (event.action) {
    case 'hidden':
    case 'unhidden':
    case 'deleted':
      return `${who} ${DONE[event.action]} message #${event.targetSeq ?? '?'}${reason}`;
    case 'warned':
      return `${who} sent a warning${event.targetSeq !== null ? ` about message #${event.targetSeq}` : ''}${reason}`;
    case 'blocked':
      return `${who} blocked this person: new messages are held${reason}`;
    case 'unblocked':
      return `${who} unblocked this person${reason}`;
  }
}

/** "42 s", "4 min", "2 h 5 min", "3 d 1 h": how long a decision took. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${days} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

const ACTION_WORDS: Record<AuditEntry['action'], string> = {
  hide: 'hid',
  unhide: 'unhid',
  delete: 'deleted',
  warn: 'warned',
  block: 'blocked',
  unblock: 'unblocked',
  decide: 'decided an escalation',
};

/** One audit row as a sentence without the reason (the screen shows that in its own column). */
export function describeAuditAction(entry: AuditEntry): string {
  const target =
    entry.target.kind === 'message'
      ? ` message #${entry.target.seq ?? '?'}`
      : entry.target.kind === 'visitor'
        ? ' a visitor'
        : entry.target.kind === 'social_author'
          ? ' a social author'
          : '';
  return `${entry.actor.name} (${entry.actor.role}) ${ACTION_WORDS[entry.action]}${entry.action === 'decide' ? '' : target}`;
}
