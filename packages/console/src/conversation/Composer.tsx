/**
 * Where the agent writes. Enter sends and Shift+Enter breaks the line, as in every chat; an IME
 * composition's Enter is left alone. The length limit is checked here so the agent learns at once,
 * not from a relay error. Typing notices go out while keys are pressed and stop after a pause.
 */
import { useEffect, useRef } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';

/** Quiet time after which the agent no longer counts as typing. */
const TYPING_IDLE_MS = 4000;
/** Show the character count once a reply gets this close to the limit. */
const COUNTER_FROM = Math.floor(LIMITS.maxMessageLength * 0.9);

interface Props {
  readonly conversationId: string;
  readonly draft: string;
  readonly onDraft: (text: string) => void;
  readonly onSend: (text: string) => void;
  readonly onTyping: (on: boolean) => void;
  /** Escape leaves the composer (back to the queue), so keyboard users are never trapped. */
  readonly onLeave: () => void;
}

export function Composer({ conversationId, draft, onDraft, onSend, onTyping, onLeave }: Props) {
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const tooLong = draft.length > LIMITS.maxMessageLength;
  const empty = draft.trim() === '';
  const inputId = `composer-${conversationId}`;

  function stopTyping() {
    if (idle.current !== null) clearTimeout(idle.current);
    idle.current = null;
    onTyping(false);
  }

  // Opening a conversation is for answering it: put the cursor where the answer goes.
  useEffect(() => {
    input.current?.focus();
    return () => stopTyping();
  }, [conversationId]);

  function submit() {
    if (empty || tooLong) return;
    stopTyping();
    onSend(draft);
    onDraft('');
  }

  function onInput(event: Event) {
    const text = (event.currentTarget as HTMLTextAreaElement).value;
    onDraft(text);
    if (text.trim() === '') {
      stopTyping();
      return;
    }
    onTyping(true);
    if (idle.current !== null) clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onLeave();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    submit();
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label for={inputId} class="visually-hidden">
        Reply
      </label>
      <textarea
        ref={input}
        id={inputId}
        rows={3}
        value={draft}
        placeholder="Write a reply… (Enter sends, Shift+Enter for a new line)"
        aria-invalid={tooLong}
        aria-describedby={tooLong || draft.length >= COUNTER_FROM ? `${inputId}-count` : undefined}
        onInput={onInput}
        onKeyDown={onKeyDown}
      />
      <div class="composer-bar">
        {draft.length >= COUNTER_FROM && (
          <span id={`${inputId}-count`} class={tooLong ? 'composer-count is-over' : 'composer-count'}>
            {draft.length} / {LIMITS.maxMessageLength}
            {tooLong && ' — too long to send'}
          </span>
        )}
        <button type="submit" disabled={empty || tooLong}>
          Send
        </button>
      </div>
    </form>
  );
}
