/**
 * The conversation as a live region (`role="log"`), so screen readers announce new messages
 * without moving focus. Keeps the newest message in view unless the visitor scrolled up to read.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PanelStrings } from '../../i18n/strings.js';
import type { ChatState } from '../state/chat-state.js';
import { buildTimeline, seenSeq } from '../state/timeline.js';
import { MessageRow } from './MessageRow.js';

interface Props {
  state: ChatState;
  t: PanelStrings;
  locale: string;
  onRetry: (id: string) => void;
}

export function MessageList({ state, t, locale, onRetry }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const rows = buildTimeline(state, t);
  const seen = seenSeq(state);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  });

  const onScroll = (): void => {
    const el = ref.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };

  return (
    <div
      class="list"
      ref={ref}
      onScroll={onScroll}
      part="messages"
      tabIndex={0}
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      aria-label={t.messages}
    >
      {rows.length === 0 && <p class="empty">{t.empty}</p>}
      <ol>
        {rows.map((row) => (
          <MessageRow
            key={row.key}
            row={row}
            t={t}
            locale={locale}
            seen={row.kind === 'message' && row.seq !== null && row.seq === seen}
            onRetry={onRetry}
          />
        ))}
      </ol>
    </div>
  );
}
