/**
 * "Visitor is typing…" under the log. Polite live region so screen readers hear it without it
 * interrupting what they are reading.
 */
import type { TypingEntry } from '../state/typing-state.js';
import { describeAuthor } from '../state/describe-author.js';

export function TypingIndicator({ entries }: { entries: readonly TypingEntry[] }) {
  const names = entries.map((entry) => describeAuthor(entry.author));
  const text =
    names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : `${names.join(', ')} are typing…`;
  return (
    <div class="typing" aria-live="polite">
      {text}
    </div>
  );
}
