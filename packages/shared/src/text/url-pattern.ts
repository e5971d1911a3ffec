/**
 * What the networks' counters treat as a link. X, Mastodon and (in practice) the others count a
 * URL as a fixed number of characters whatever its length, because they shorten or wrap it; so
 * each counter first finds the URLs, then weighs the rest. The pattern is deliberately the
 * simple common case (an `http(s)://` URL up to whitespace): X's own parser also finds bare
 * domains, which this counts as plain text, so the count errs long, never short.
 */
export const URL_PATTERN = /https?:\/\/[^\s<>"]+/giu;

/** Splits text into URLs and the text between them, in order. */
export function splitUrls(text: string): Array<{ url: boolean; text: string }> {
  const parts: Array<{ url: boolean; text: string }> = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ url: false, text: text.slice(last, start) });
    parts.push({ url: true, text: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ url: false, text: text.slice(last) });
  return parts;
}
