/**
 * A reply the relay has not confirmed yet, shown at the end of the log: "Sending…" until the ack,
 * or the relay's error with Retry (same client id, so it cannot be stored twice) and Discard.
 */
import type { OutboxEntry } from '../state/outbox.js';
import { MessageText } from '../text/MessageText.js';

interface Props {
  readonly entry: OutboxEntry;
  /** The entry's text (a reply's or a note's). */
  readonly text: string;
  /** A private note: styled as one, so it is never mistaken for a reply on its way out. */
  readonly note?: boolean;
  readonly online: boolean;
  readonly onRetry: () => void;
  readonly onDiscard: () => void;
}

export function OutboxEntryItem({ entry, text, note = false, online, onRetry, onDiscard }: Props) {
  const label =
    entry.state === 'failed'
      ? null
      : entry.state === 'acked'
        ? 'Sent'
        : online
          ? 'Sending…'
          : 'Waiting for connection…';
  return (
    <li class={`${note ? 'log-note' : 'log-message from-agent'} is-${entry.state}`} data-client-id={entry.id}>
      <div class="bubble">
        <MessageText text={text} />
        {label && <div class="bubble-foot">{label}</div>}
        {entry.error && (
          <div class="bubble-error" role="alert">
            <span>Not sent: {entry.error.message}</span>{' '}
            <button type="button" onClick={onRetry}>
              Retry
            </button>{' '}
            <button type="button" onClick={onDiscard}>
              Discard
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
