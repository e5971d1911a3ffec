/**
 * The sentence a social entry (issue 5) becomes in the log: what the network did with a reply
 * or a post. Worded once, beside the status sentences; the platform's error is quoted as text.
 */
import type { SocialEvent } from '@eyelevel/shared';
import { describeAuthor } from '../state/describe-author.js';

export function describeSocialEvent(event: SocialEvent): string {
  const who = describeAuthor(event.author);
  const why = event.note ? `: ${event.note}` : '';
  switch (event.action) {
    case 'reply_posted':
      return 'Reply posted on the network';
    case 'reply_failed':
      return `The network refused the reply${event.error ? `: ${event.error}` : ''}`;
    case 'edited':
      return `The post was edited${event.text ? `: ${event.text}` : ''}`;
    case 'removed':
      return 'The post was removed on the network';
    case 'hidden':
      return event.author.kind === 'agent' ? `${who} hid the post${why}` : 'The post was hidden on the network';
    case 'unhidden':
      return event.author.kind === 'agent' ? `${who} made the post visible again${why}` : 'The post is visible again';
    case 'deleted':
      return `${who} deleted the post${why}`;
    case 'held_back':
      return `Further posts from this author were held back (flood cap)${event.text ? `: ${event.text}` : ''}`;
  }
}
