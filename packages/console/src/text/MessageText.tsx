/**
 * Renders visitor and agent text. Strings become text nodes (Preact escapes them), links only
 * what `linkify` vetted, and nothing here ever sets HTML: a message reading `<img onerror=…>`
 * shows exactly those characters.
 */
import { linkify } from './linkify.js';

export function MessageText({ text }: { text: string }) {
  return (
    <span class="message-text">
      {linkify(text).map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </span>
  );
}
