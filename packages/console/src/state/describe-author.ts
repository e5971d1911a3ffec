/**
 * How an author is named and abbreviated on screen. Visitors are often anonymous, and agents'
 * initials come from the relay (they are unique per workspace), so the fallbacks live here once.
 */
import type { Author } from '@eyelevel/shared';

export function describeAuthor(author: Pick<Author, 'kind' | 'name'>): string {
  if (author.name && author.name.trim() !== '') return author.name;
  if (author.kind === 'visitor') return 'Visitor';
  if (author.kind === 'system') return 'eyelevel';
  return 'Agent';
}

export function authorInitials(author: Pick<Author, 'kind' | 'name' | 'initials'>): string {
  if (author.initials) return author.initials;
  const words = describeAuthor(author).split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters
    .map((word) => [...(word ?? '')][0] ?? '')
    .join('')
    .toUpperCase();
}
