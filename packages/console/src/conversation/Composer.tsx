/**
 * Where the agent writes: a reply to the visitor or a private note for colleagues. Enter sends
 * and Shift+Enter breaks the line, as in every chat; an IME composition's Enter is left alone.
 * `/` at the start of a line offers canned replies, `@` in a note offers colleagues to mention.
 * When the agent may not reply (someone else has the case), the reply tab is disabled and the
 * reason is shown; notes stay possible. The length limit is checked here so the agent learns at
 * once, not from a relay error. Typing notices go out for replies only (visitors see them).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { LIMITS, type CannedReply, type DirectoryAgent } from '@eyelevel/shared';
import { cannedCandidates, expandCanned, insertCanned, slashAt, type CannedValues } from './canned-replies.js';
import { insertMention, mentionAt, mentionCandidates } from './mention-suggest.js';
import { measurePublicReply, signatureOf, type PublicReply } from './public-reply.js';
import { PublicReplyCounter } from './PublicReplyCounter.js';

/** Quiet time after which the agent no longer counts as typing. */
const TYPING_IDLE_MS = 4000;
/** Show the character count once a reply gets this close to the limit. */
const COUNTER_FROM = Math.floor(LIMITS.maxMessageLength * 0.9);

export type ComposerMode = 'reply' | 'note';

interface Props {
  readonly conversationId: string;
  readonly draft: string;
  readonly onDraft: (text: string) => void;
  readonly onSend: (text: string) => void;
  readonly onNote: (text: string) => void;
  readonly onTyping: (on: boolean) => void;
  /** Escape leaves the composer (back to the queue), so keyboard users are never trapped. */
  readonly onLeave: () => void;
  readonly mode: ComposerMode;
  readonly onMode: (mode: ComposerMode) => void;
  /** Why this agent may not reply now, or null. */
  readonly replyBlocked: string | null;
  readonly colleagues: Iterable<DirectoryAgent>;
  readonly selfId: string | null;
  readonly cannedReplies: readonly CannedReply[];
  readonly teamId: string | null;
  readonly cannedValues: CannedValues;
  /** In a social conversation: the network's limit and the signature a reply is counted with. */
  readonly publicReply?: PublicReply | null;
}

interface Suggestion {
  readonly key: string;
  readonly label: string;
  readonly detail: string;
  readonly apply: (text: string) => { text: string; caret: number };
}

export function Composer(props: Props) {
  const { conversationId, draft, onDraft, onTyping, onLeave, replyBlocked } = props;
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [caret, setCaret] = useState(draft.length);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const mode: ComposerMode = replyBlocked ? 'note' : props.mode;
  const publicMeasure = props.publicReply && mode === 'reply' ? measurePublicReply(props.publicReply, draft) : null;
  const tooLong = draft.length > LIMITS.maxMessageLength || (publicMeasure !== null && !publicMeasure.fits);
  const empty = draft.trim() === '';
  const inputId = `composer-${conversationId}`;
  const listId = `${inputId}-suggestions`;

  const suggestions = suggest(props, mode, draft, caret);
  const open = suggestions.length > 0 && dismissed !== draft;
  const activeIndex = Math.min(active, suggestions.length - 1);

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

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !input.current) return;
    input.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    setCaret(pendingCaret.current);
    pendingCaret.current = null;
  }, [draft]);

  function submit() {
    if (empty || tooLong) return;
    stopTyping();
    if (mode === 'note') props.onNote(draft);
    else props.onSend(draft);
    onDraft('');
  }

  function pick(suggestion: Suggestion) {
    const next = suggestion.apply(draft);
    pendingCaret.current = next.caret;
    onDraft(next.text);
    setActive(0);
  }

  function onInput(event: Event) {
    const element = event.currentTarget as HTMLTextAreaElement;
    const text = element.value;
    setCaret(element.selectionStart ?? text.length);
    setActive(0);
    onDraft(text);
    if (text.trim() === '' || mode === 'note') {
      stopTyping();
      return;
    }
    onTyping(true);
    if (idle.current !== null) clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (open) {
      const suggestion = suggestions[activeIndex];
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && !event.isComposing && suggestion) {
        event.preventDefault();
        pick(suggestion);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed(draft);
        return;
      }
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      onLeave();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    submit();
  }

  const trackCaret = (event: Event) => setCaret((event.currentTarget as HTMLTextAreaElement).selectionStart ?? draft.length);

  return (
    <form
      class={`composer composer-${mode}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div class="composer-tabs" role="radiogroup" aria-label="Write">
        <label class={mode === 'reply' ? 'is-on' : ''}>
          <input type="radio" name={`${inputId}-mode`} checked={mode === 'reply'} disabled={replyBlocked !== null} onChange={() => props.onMode('reply')} />
          Reply
        </label>
        <label class={mode === 'note' ? 'is-on' : ''}>
          <input type="radio" name={`${inputId}-mode`} checked={mode === 'note'} onChange={() => props.onMode('note')} />
          Private note
        </label>
        <button
          type="button"
          class="link-button"
          onClick={() => {
            const at = input.current?.selectionStart ?? draft.length;
            const prefix = at === 0 || draft[at - 1] === '\n' ? '/' : '\n/';
            pendingCaret.current = at + prefix.length;
            onDraft(draft.slice(0, at) + prefix + draft.slice(at));
            input.current?.focus();
          }}
        >
          Canned reply…
        </button>
      </div>
      {replyBlocked && (
        <p class="composer-blocked" id={`${inputId}-blocked`}>
          {replyBlocked}
        </p>
      )}
      <label for={inputId} class="visually-hidden">
        {mode === 'note' ? 'Private note' : 'Reply'}
      </label>
      <textarea
        ref={input}
        id={inputId}
        rows={3}
        value={draft}
        placeholder={
          mode === 'note'
            ? 'Private note for colleagues; @initials notifies them. Visitors never see it.'
            : 'Write a reply… (Enter sends, Shift+Enter for a new line, / for canned replies)'
        }
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${activeIndex}` : undefined}
        aria-invalid={tooLong}
        aria-describedby={
          [replyBlocked ? `${inputId}-blocked` : '', publicMeasure || tooLong || draft.length >= COUNTER_FROM ? `${inputId}-count` : '']
            .filter(Boolean)
            .join(' ') || undefined
        }
        onInput={onInput}
        onKeyDown={onKeyDown}
        onKeyUp={trackCaret}
        onClick={trackCaret}
      />
      {open && (
        <ul id={listId} class="composer-suggestions" role="listbox" aria-label={suggestions[0]?.key.startsWith('@') ? 'Colleagues' : 'Canned replies'}>
          {suggestions.map((suggestion, index) => (
            <li
              key={suggestion.key}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              class={index === activeIndex ? 'is-active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(suggestion);
              }}
            >
              <span class="suggestion-label">{suggestion.label}</span> <span class="suggestion-detail">{suggestion.detail}</span>
            </li>
          ))}
        </ul>
      )}
      <div class="composer-bar">
        {publicMeasure && props.publicReply && (
          <PublicReplyCounter id={`${inputId}-count`} network={props.publicReply.channel.name} signature={signatureOf(props.publicReply)} measure={publicMeasure} />
        )}
        {!publicMeasure && draft.length >= COUNTER_FROM && (
          <span id={`${inputId}-count`} class={tooLong ? 'composer-count is-over' : 'composer-count'}>
            {draft.length} / {LIMITS.maxMessageLength}
            {tooLong && ' — too long to send'}
          </span>
        )}
        <button type="submit" disabled={empty || tooLong}>
          {mode === 'note' ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}

function suggest(props: Props, mode: ComposerMode, draft: string, caret: number): Suggestion[] {
  const slash = slashAt(draft, caret);
  if (slash) {
    return cannedCandidates(props.cannedReplies, slash.prefix, props.teamId).map((reply) => ({
      key: `/${reply.id}`,
      label: `/${reply.shortcut}`,
      detail: reply.title,
      apply: (text) => insertCanned(text, slash, expandCanned(reply.body, props.cannedValues)),
    }));
  }
  const mention = mode === 'note' ? mentionAt(draft, caret) : null;
  if (mention) {
    return mentionCandidates(props.colleagues, mention.prefix, props.selfId).map((agent) => ({
      key: `@${agent.id}`,
      label: `@${agent.initials}`,
      detail: `${agent.name} · ${agent.presence}`,
      apply: (text) => insertMention(text, mention, agent.initials),
    }));
  }
  return [];
}
