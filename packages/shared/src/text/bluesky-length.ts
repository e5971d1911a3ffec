/**
 * Bluesky's post limit (the `app.bsky.feed.post` lexicon: `maxGraphemes: 300`, `maxLength: 3000`
 * bytes of UTF-8). Links count with their full text: Bluesky does not shorten URLs in the record.
 */
import { graphemes } from './graphemes.js';

export const BLUESKY_MAX_GRAPHEMES = 300;

export function blueskyLength(text: string): number {
  return graphemes(text).length;
}
