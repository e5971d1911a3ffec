/**
 * Mastodon's count (its StatusLengthValidator): every URL counts as the instance's
 * `characters_reserved_per_url` (23 by default) and a mention of a remote account counts only
 * its local part (`@ann@social.example` counts as `@ann`). The rest is counted in code points,
 * which is never less than what any Mastodon version counts, so a reply that fits here fits there.
 */
import { splitUrls } from './url-pattern.js';

export const MASTODON_DEFAULT_MAX_CHARACTERS = 500;
export const MASTODON_DEFAULT_URL_LENGTH = 23;

const REMOTE_MENTION = /(^|[^\p{L}\p{N}_/])(@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/giu;

export function mastodonLength(text: string, urlLength: number = MASTODON_DEFAULT_URL_LENGTH): number {
  let length = 0;
  for (const part of splitUrls(text)) {
    if (part.url) {
      length += urlLength;
      continue;
    }
    const countable = part.text.replace(REMOTE_MENTION, '$1$2');
    length += Array.from(countable).length;
  }
  return length;
}
