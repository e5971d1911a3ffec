/**
 * An author's picture, or their initials when there is none (or it is not an http(s) URL).
 * Decorative: the name is always written beside it.
 */
import type { Author } from '@eyelevel/shared';

function initialsOf(author: Author): string {
  if (author.initials) return author.initials.slice(0, 3);
  const words = (author.name ?? '').trim().split(/\s+/).filter(Boolean);
  return words.map((w) => w[0]).slice(0, 2).join('').toUpperCase() || '?';
}

export function Avatar({ author }: { author: Author }) {
  const url = author.avatarUrl && /^https?:\/\//i.test(author.avatarUrl) ? author.avatarUrl : null;
  return url ? (
    <img class="av" src={url} alt="" aria-hidden="true" referrerpolicy="no-referrer" />
  ) : (
    <span class="av" aria-hidden="true">
      {initialsOf(author)}
    </span>
  );
}
