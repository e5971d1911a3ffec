/**
 * The log line for a decision on a draft (issue 6), so the team reads who approved, edited or
 * rejected a reply, and why, in the conversation itself.
 */
import type { ReviewEvent } from '@eyelevel/shared';
import { describeAuthor } from '../state/describe-author.js';

export function describeReviewEvent(event: ReviewEvent): string {
  const who = describeAuthor(event.author);
  const note = event.note ? `: “${event.note}”` : '';
  switch (event.decision) {
    case 'approved':
      return event.text === null
        ? `${who} approved the draft #${event.draftSeq}${note}`
        : `${who} edited and approved the draft #${event.draftSeq}${note}`;
    case 'rejected':
      return `${who} rejected the draft #${event.draftSeq}${note}`;
    case 'superseded':
      return `The draft #${event.draftSeq} was superseded: someone answered first`;
    case 'escalated':
      return `${who} escalated the draft #${event.draftSeq} to a lead${note}`;
    case 'expired':
      return `The draft #${event.draftSeq} expired: nobody decided on it in time`;
    case 'resent':
      return `${who} sent the draft #${event.draftSeq} again`;
    case 'dropped':
      return `${who} dropped the draft #${event.draftSeq}`;
  }
}
