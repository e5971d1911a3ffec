/**
 * The sentence a status event becomes in the log ("Ana resolved the conversation"). Worded here
 * once so the console and, later, exports and notifications say the same thing.
 */
import type { CallbackEvent, CsatEvent, ProfileEvent, StatusEvent } from '@eyelevel/shared';
import { describeAuthor } from '../state/describe-author.js';
import { formatDuration } from './describe-moderation.js';

const wakeTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Issue 3's visitor records as one log line each: pre-chat answers and consent, callbacks, ratings. */
export function describeVisitorRecord(event: ProfileEvent | CallbackEvent | CsatEvent): string {
  switch (event.kind) {
    case 'profile': {
      const given = [event.name, event.email, event.topic].filter((value) => value !== null).join(', ');
      const consent = event.consent ? ` · consent to privacy text ${event.consent.textVersion}` : '';
      return `Visitor details: ${given || '(none)'}${consent}`;
    }
    case 'callback':
      return `Callback requested: ${event.phone}${event.preferredTime ? `, ${event.preferredTime}` : ''}${event.note ? ` (${event.note})` : ''}`;
    case 'csat':
      return `Rated ${event.rating}/5${event.comment ? `: ${event.comment}` : ''}`;
  }
}

export function describeStatusEvent(event: StatusEvent): string {
  const who = describeAuthor(event.author);
  switch (event.change) {
    case 'opened':
      return 'Conversation started';
    case 'assigned': {
      if (!event.assignee) return `${who} assigned the conversation`;
      const to = describeAuthor(event.assignee);
      return event.assignee.id === event.author.id ? `${who} took the conversation` : `${who} assigned it to ${to}`;
    }
    case 'unassigned':
      return `${who} unassigned the conversation`;
    case 'resolved':
      return `${who} resolved the conversation`;
    case 'reopened':
      return `${who} reopened the conversation`;
    case 'transferred': {
      const to = event.assignee ? describeAuthor(event.assignee) : (event.team?.name ?? 'another team');
      return `${who} transferred it to ${to}${event.note ? `: ${event.note}` : ''}`;
    }
    case 'escalated':
      return `${who} escalated it to a lead${event.note ? `: ${event.note}` : ''}`;
    // Issue 3 (visitor side): the relay's CSAT request and callback task progress.
    case 'csat_requested':
      return 'The visitor was asked to rate the conversation';
    case 'callback_taken':
      return `${who} took the callback request`;
    case 'callback_done':
      return `${who} called back: ${(event.callback?.outcome ?? 'done').replace('_', ' ')}${event.note ? ` (${event.note})` : ''}`;
    case 'pending':
      return `${who} set it to pending (waiting for the visitor)`;
    case 'snoozed':
      return event.snoozedUntil ? `${who} snoozed it until ${wakeTime.format(event.snoozedUntil)}` : `${who} snoozed it`;
    case 'woke':
      if (event.author.kind === 'system') return 'The snooze ended: open again';
      if (event.author.kind === 'visitor') return `${who} wrote again: open again`;
      return `${who} opened it again`;
    case 'prioritized':
      return `${who} set the priority to ${event.priority ?? 'normal'}`;
    case 'decided': {
      const took = event.decisionMs !== undefined ? ` after ${formatDuration(event.decisionMs)}` : '';
      return `${who} decided the escalation${took}${event.note ? `: ${event.note}` : ''}`;
    }
  }
}
