/**
 * The author's question after a supersede (issue 6): a colleague answered after this draft was
 * written, so nothing was sent; the author decides whether it still needs saying. Resending
 * puts it through review again when a policy (or crisis mode) still catches it.
 */
import type { DraftEvent } from '@eyelevel/shared';

interface Props {
  readonly draft: DraftEvent;
  /** An answer is on its way. */
  readonly busy: boolean;
  readonly onAnswer: (action: 'resend' | 'drop') => void;
}

export function SupersededPrompt({ draft, busy, onAnswer }: Props) {
  if (busy) return <p class="review-busy" role="status">Sending your answer…</p>;
  return (
    <div class="review-superseded" role="group" aria-label={`Superseded draft #${draft.seq}`}>
      <p>Someone answered after you wrote this draft, so it was not sent. Send it anyway?</p>
      <div class="action-buttons">
        <button type="button" class="primary" onClick={() => onAnswer('resend')}>
          Send anyway
        </button>
        <button type="button" onClick={() => onAnswer('drop')}>
          Drop it
        </button>
      </div>
    </div>
  );
}
