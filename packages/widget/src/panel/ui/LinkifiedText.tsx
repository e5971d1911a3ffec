/**
 * Message text as text nodes, with safe links clickable. Never `dangerouslySetInnerHTML`:
 * `<img src=x onerror=alert(1)>` must show up as those characters.
 */
import { linkify } from '../text/linkify.js';

export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((segment, i) =>
        segment.href ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
