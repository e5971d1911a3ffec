/**
 * Collision warning: which colleagues have this conversation open right now, so two agents do
 * not answer the same visitor at once. (Who is typing is shown by the typing indicator.)
 */
import type { TypingEntry } from '../state/typing-state.js';
import { describeAuthor } from '../state/describe-author.js';

export function CollisionBar({ viewers }: { viewers: readonly TypingEntry[] }) {
  if (viewers.length === 0) return null;
  const names = viewers.map((entry) => describeAuthor(entry.author));
  return (
    <p class="collision" role="status">
      {names.length === 1 ? `${names[0]} is also viewing this conversation` : `${names.join(', ')} are also viewing this conversation`}
    </p>
  );
}
