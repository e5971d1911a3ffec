/**
 * Where the visitor writes. Enter sends, Shift+Enter adds a line, and an IME composition is never
 * cut short by its confirming Enter. Typing is reported to the agents, switched off after a pause.
 */
import { useRef, useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import type { PanelStrings } from '../../i18n/strings.js';

interface Props {
  t: PanelStrings;
  onSend: (text: string) => boolean;
  onTyping: (on: boolean) => void;
  inputRef: { current: HTMLTextAreaElement | null };
}

const TYPING_IDLE_MS = 3000;

export function Composer({ t, onSend, onTyping, inputRef }: Props) {
  const [text, setText] = useState('');
  const idle = useRef<ReturnType<typeof setTimeout>>();
  const tooLong = text.length > LIMITS.maxMessageLength;

  const submit = (): void => {
    if (!text.trim() || tooLong) return;
    if (onSend(text)) setText('');
    clearTimeout(idle.current);
  };

  const onInput = (value: string): void => {
    setText(value);
    onTyping(value.trim().length > 0);
    clearTimeout(idle.current);
    idle.current = setTimeout(() => onTyping(false), TYPING_IDLE_MS);
  };

  return (
    <form
      class="composer"
      part="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={inputRef}
        rows={1}
        value={text}
        aria-label={t.composerLabel}
        aria-invalid={tooLong}
        aria-describedby={tooLong ? 'el-too-long' : undefined}
        placeholder={t.composerPlaceholder}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="send" part="send" disabled={!text.trim() || tooLong}>
        {t.send}
      </button>
      {tooLong && (
        <p id="el-too-long" class="hint err" role="alert">
          {t.tooLong(LIMITS.maxMessageLength)}
        </p>
      )}
    </form>
  );
}
