/**
 * The rating row after a resolution (issue 3): five choices as a radio group (arrow keys move,
 * each has a spoken label), an optional comment, and send. The rating goes out as a `csat`
 * action from the outbox, so a reload before the relay stored it does not lose it.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import type { PanelStrings } from '../../i18n/strings.js';
import type { OutboxAction } from '../transport/session-store.js';

interface Props {
  /** Seq of the `csat_requested` entry being answered. */
  requestSeq: number;
  t: PanelStrings;
  onRate: (rating: Extract<OutboxAction, { type: 'csat' }>) => void;
  onDismiss: () => void;
}

export function CsatPrompt({ requestSeq, t, onRate, onDismiss }: Props) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <form
      class="csat"
      part="csat"
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating) return;
        onRate({ type: 'csat', seq: requestSeq, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      }}
    >
      <fieldset>
        <legend>{t.rateTitle}</legend>
        <div class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= rating ? 'on' : ''}>
              <input type="radio" name={`el-rating-${requestSeq}`} value={n} checked={rating === n} onChange={() => setRating(n)} />
              <span aria-hidden="true">★</span>
              <span class="sr">{t.ratingLabel(n)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {rating > 0 && (
        <>
          <label for="el-csat-comment" class="sr">
            {t.rateComment}
          </label>
          <textarea
            id="el-csat-comment"
            rows={1}
            maxLength={LIMITS.maxNoteLength}
            placeholder={t.rateComment}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        </>
      )}
      <div class="row">
        <button type="button" class="link" onClick={onDismiss}>
          {t.notNow}
        </button>
        <button type="submit" class="send" disabled={!rating}>
          {t.rateSend}
        </button>
      </div>
    </form>
  );
}
