/**
 * The open conversation: who it is with, the full log, unconfirmed replies, who is typing, the
 * composer and the resolve/reopen switch. It follows the newest entry unless the agent has
 * scrolled up to read, so a new message never yanks the page from under them.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ConversationEvent } from '@eyelevel/shared';
import type { ConsoleController } from '../app/console-controller.js';
import type { ConsoleState } from '../state/console-state.js';
import { entriesFor, isWritten } from '../state/outbox.js';
import { emptyLog } from '../state/conversation-log.js';
import { safeHref } from '../text/linkify.js';
import { queueRowView } from '../queue/queue-row-view.js';
import { Composer } from './Composer.js';
import { LogEntry } from './LogEntry.js';
import { logItems } from './log-items.js';
import { OutboxEntryItem } from './OutboxEntryItem.js';
import { TypingIndicator } from './TypingIndicator.js';

/** Within this many pixels of the bottom the view keeps following new entries. */
const STICK_PX = 48;

interface Props {
  readonly controller: ConsoleController;
  readonly state: ConsoleState;
  readonly conversationId: string;
  readonly now: number;
  readonly draft: string;
  readonly onDraft: (text: string) => void;
  readonly onLeave: () => void;
}

/** The newest agent message the visitor has read: that is where "Seen" goes. */
function seenSeq(events: readonly ConversationEvent[], visitorReadSeq: number): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event && event.seq <= visitorReadSeq && event.kind === 'message' && event.author.kind === 'agent') {
      return event.seq;
    }
  }
  return -1;
}

export function ConversationView({ controller, state, conversationId, now, draft, onDraft, onLeave }: Props) {
  const summary = state.queue.rows.get(conversationId)?.summary;
  const log = state.logs.get(conversationId) ?? emptyLog;
  const outbox = entriesFor(state.outbox, conversationId);
  const pendingMessages = outbox.flatMap((entry) =>
    isWritten(entry.frame) ? [{ entry, text: entry.frame.text }] : [],
  );
  const statusPending = outbox.some((entry) => entry.frame.type === 'status' && entry.state === 'pending');
  const statusFailed = outbox.find((entry) => entry.frame.type === 'status' && entry.state === 'failed');
  const online = state.connection.status === 'online';
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stick.current) element.scrollTop = element.scrollHeight;
  }, [log.events.length, pendingMessages.length, conversationId]);

  if (!summary) {
    return <p class="conversation-empty">This conversation is no longer in your queue.</p>;
  }

  const view = queueRowView(summary, now);
  const seen = seenSeq(log.events, summary.visitorReadSeq);
  const pageHref = summary.page?.url ? safeHref(summary.page.url) : null;
  const resolved = summary.status === 'resolved';

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-head">
        <div>
          <h2 id="conversation-title">{view.title}</h2>
          <p class="conversation-meta">
            <span class="badge">{view.channel}</span> <span class={`badge status-${summary.status}`}>{summary.status}</span>
            {summary.visitor.email && <span> · {summary.visitor.email}</span>}
            {pageHref && (
              <span>
                {' · '}
                <a href={pageHref} target="_blank" rel="noopener noreferrer nofollow">
                  {summary.page?.title || summary.page?.url}
                </a>
              </span>
            )}
          </p>
        </div>
        <div class="status-control">
          {statusFailed?.error && (
            <span class="status-error" role="alert">
              Could not change the status: {statusFailed.error.message}
            </span>
          )}
          <button
            type="button"
            class="status-toggle"
            disabled={statusPending}
            onClick={() => {
              if (statusFailed) controller.discard(statusFailed.id);
              controller.setStatus(conversationId, resolved ? 'open' : 'resolved');
            }}
          >
            {statusPending ? 'Saving…' : resolved ? 'Reopen' : 'Resolve'}
          </button>
        </div>
      </header>
      <div
        class="log-scroller"
        ref={scroller}
        onScroll={(event) => {
          const element = event.currentTarget;
          stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
        }}
      >
        {log.syncing && log.events.length === 0 && <p class="log-loading">Loading conversation…</p>}
        <ol class="log" aria-label="Messages">
          {logItems(log.events, log.gaps).map((item) =>
            item.kind === 'gap' ? (
              <li key={item.key} class="log-status log-gap">
                {item.gap.to - item.gap.from + 1} earlier entries are no longer available.
              </li>
            ) : (
              <LogEntry key={item.key} event={item.event} now={now} seen={item.event.seq === seen} />
            ),
          )}
          {pendingMessages.map(({ entry, text }) => (
            <OutboxEntryItem
              key={entry.id}
              entry={entry}
              text={text}
              online={online}
              onRetry={() => controller.retry(entry.id)}
              onDiscard={() => controller.discard(entry.id)}
            />
          ))}
        </ol>
      </div>
      <TypingIndicator entries={state.typing.get(conversationId) ?? []} />
      <Composer
        conversationId={conversationId}
        draft={draft}
        onDraft={onDraft}
        onSend={(text) => {
          stick.current = true;
          controller.sendMessage(conversationId, text);
        }}
        onTyping={(on) => controller.typing(conversationId, on)}
        onLeave={onLeave}
      />
    </section>
  );
}
