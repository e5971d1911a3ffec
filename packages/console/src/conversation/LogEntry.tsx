/**
 * One entry of a conversation's log: a message bubble with its author, or a status line.
 * Message text goes through MessageText, which only ever produces text nodes and vetted links.
 */
import type { ComponentChild } from 'preact';
import type { ConversationEvent } from '@eyelevel/shared';
import { describeAuthor } from '../state/describe-author.js';
import { MessageText } from '../text/MessageText.js';
import { formatTimestamp } from '../queue/format-time.js';
import { Avatar } from './Avatar.js';
import { describeStatusEvent, describeVisitorRecord } from './describe-status.js';
import { describeSocialEvent } from './describe-social.js';
import { describeReviewEvent } from './describe-review.js';
import { describeModerationEvent } from './describe-moderation.js';
import type { EntryModeration } from '../state/moderation-state.js';

interface Props {
  readonly event: ConversationEvent;
  readonly now: number;
  /** The visitor has read up to this message and it is the newest such agent message. */
  readonly seen: boolean;
  /** Post again a public reply the network refused (issue 5). */
  readonly onRetryReply?: (replySeq: number) => void;
  /** For a draft still waiting for review (issue 6): the reviewer's controls. */
  readonly review?: ComponentChild;
  /** Issue 6: this message was hidden or deleted (it stays readable for agents, marked). */
  readonly moderated?: EntryModeration | undefined;
  /** Issue 6: hide, delete, warn buttons for this message. */
  readonly moderationControls?: ComponentChild;
}

export function LogEntry({ event, now, seen, onRetryReply, review, moderated, moderationControls }: Props) {
  const time = (
    <time dateTime={new Date(event.at).toISOString()}>{formatTimestamp(event.at, now)}</time>
  );
  if (event.kind === 'status') {
    return (
      <li class="log-status" data-seq={event.seq}>
        <span>{describeStatusEvent(event)}</span> · {time}
      </li>
    );
  }
  // Agents never receive placeholders; they are the visitor-side stand-in for notes.
  if (event.kind === 'internal') return null;
  if (event.kind === 'profile' || event.kind === 'callback' || event.kind === 'csat') {
    return (
      <li class="log-status" data-seq={event.seq}>
        <span>{describeVisitorRecord(event)}</span> · {time}
      </li>
    );
  }
  if (event.kind === 'social') {
    return (
      <li class={`log-status social-${event.action}`} data-seq={event.seq}>
        <span>{describeSocialEvent(event)}</span> · {time}
        {event.action === 'reply_failed' && event.targetSeq !== null && onRetryReply && (
          <>
            {' '}
            <button type="button" class="link-button" onClick={() => onRetryReply(event.targetSeq!)}>
              Retry posting
            </button>
          </>
        )}
        {event.action === 'reply_posted' && event.url && /^https?:\/\//.test(event.url) && (
          <>
            {' '}
            <a href={event.url} target="_blank" rel="noopener noreferrer">
              View on the network
            </a>
          </>
        )}
      </li>
    );
  }
  if (event.kind === 'moderation') {
    return (
      <li class={`log-status moderation-${event.action}`} data-seq={event.seq}>
        <span>{describeModerationEvent(event)}</span> · {time}
      </li>
    );
  }
  if (event.kind === 'review') {
    return (
      <li class={`log-status review-${event.decision}`} data-seq={event.seq}>
        <span>{describeReviewEvent(event)}</span> · {time}
      </li>
    );
  }
  // A reply waiting for review (issue 6): shown to the team, not sent.
  if (event.kind === 'draft') {
    return (
      <li class="log-draft" data-seq={event.seq}>
        <div class="bubble">
          <div class="bubble-head">
            <span class="author">{describeAuthor(event.author)}</span> · draft, not sent {time}
          </div>
          <MessageText text={event.text} />
          {review}
        </div>
      </li>
    );
  }
  if (event.kind === 'note') {
    return (
      <li class="log-note" data-seq={event.seq}>
        <div class="bubble">
          <div class="bubble-head">
            <span class="author">{describeAuthor(event.author)}</span> · private note {time}
          </div>
          <MessageText text={event.text} />
        </div>
      </li>
    );
  }
  const held = event.kind === 'held';
  const marks = [held ? 'held' : '', moderated ? `is-${moderated.state}` : ''].filter(Boolean).join(' ');
  return (
    <li class={`log-message from-${event.author.kind}${marks ? ` ${marks}` : ''}`} data-seq={event.seq}>
      <Avatar author={event.author} />
      <div class="bubble">
        <div class="bubble-head">
          <span class="author">{describeAuthor(event.author)}</span> {time}
          {held && <span class="badge is-held">held: blocked author, not queued</span>}
        </div>
        {moderated && (
          <div class="moderation-mark" role="note">
            {moderated.state === 'deleted' ? 'Deleted' : 'Hidden'} by {moderated.by}: {moderated.reason} (visitors no longer see it)
          </div>
        )}
        <MessageText text={event.text} />
        {seen && <div class="bubble-foot">Seen</div>}
        {moderationControls}
      </div>
    </li>
  );
}
