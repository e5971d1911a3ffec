/**
 * The count a public reply is held to (issue 5): what is left on the network, the signature
 * the relay will add, and a plain refusal when the reply is over the limit. Shown all the time
 * in a social conversation, because the limit there is short and the signature counts.
 */
import type { ReplyMeasure } from '@eyelevel/shared';

interface Props {
  readonly id: string;
  readonly network: string;
  readonly signature: string;
  readonly measure: ReplyMeasure;
}

export function PublicReplyCounter({ id, network, signature, measure }: Props) {
  return (
    <span id={id} class={measure.fits ? 'composer-count public-count' : 'composer-count public-count is-over'} aria-live="polite">
      {measure.fits
        ? `${measure.remaining} left on ${network} (with signature ${signature})`
        : `${-measure.remaining} over ${network}’s limit of ${measure.max} (with signature ${signature}): too long to post`}
    </span>
  );
}
