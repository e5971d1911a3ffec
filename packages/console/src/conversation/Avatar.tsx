/**
 * An author's face in the log: the avatar image when it is a plain http(s) URL, the initials
 * otherwise. The URL is vetted because it comes from a profile, not from our code.
 */
import type { Author } from '@eyelevel/shared';
import { authorInitials } from '../state/describe-author.js';
import { safeHref } from '../text/linkify.js';

export function Avatar({ author }: { author: Author }) {
  const src = author.avatarUrl ? safeHref(author.avatarUrl) : null;
  if (src && !src.startsWith('mailto:')) {
    return <img class="avatar" src={src} alt="" referrerpolicy="no-referrer" />;
  }
  return (
    <span class={`avatar avatar-${author.kind}`} aria-hidden="true">
      {authorInitials(author)}
    </span>
  );
}
