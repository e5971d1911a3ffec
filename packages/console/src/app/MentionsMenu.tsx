/**
 * Mentions in colleagues' notes, in the top bar: a count of unread ones and a short list that
 * opens the conversation a mention is about (which marks it read).
 */
import { useState } from 'preact/hooks';
import type { Mention } from '../state/mention-state.js';
import { unreadMentions } from '../state/mention-state.js';
import { describeAuthor } from '../state/describe-author.js';
import type { QueueRow } from '../state/queue-state.js';

interface Props {
  readonly mentions: readonly Mention[];
  readonly rows: ReadonlyMap<string, QueueRow>;
  readonly onOpen: (conversationId: string) => void;
}

export function MentionsMenu({ mentions, rows, onOpen }: Props) {
  const [open, setOpen] = useState(false);
  const unread = unreadMentions(mentions);
  return (
    <div class="mentions">
      <button type="button" aria-expanded={open} aria-controls="mentions-list" onClick={() => setOpen(!open)}>
        Mentions{unread > 0 ? ` (${unread})` : ''}
      </button>
      {open && (
        <ul id="mentions-list" class="mentions-list" aria-label="Mentions">
          {mentions.length === 0 && <li class="context-detail">Nobody mentioned you yet.</li>}
          {mentions.map((mention) => {
            const visitor = rows.get(mention.conversationId)?.summary.visitor.name?.trim() || 'a visitor';
            return (
              <li key={mention.key} class={mention.read ? '' : 'is-unread'}>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    setOpen(false);
                    onOpen(mention.conversationId);
                  }}
                >
                  {describeAuthor(mention.from)} mentioned you in the conversation with {visitor}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
