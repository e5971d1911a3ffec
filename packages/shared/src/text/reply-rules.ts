/**
 * How a public reply is measured before it goes out: which network's counter applies, the limit,
 * and the signature the relay appends (`^an`, the practice from the Telekom team). The console's
 * composer and the relay both call `measureReply`, so the count the agent sees is the count the
 * relay enforces and the one the platform applies.
 */
import { xWeightedLength } from './x-length.js';
import { mastodonLength } from './mastodon-length.js';
import { blueskyLength } from './bluesky-length.js';

/** The counters: X's weighted count, Mastodon's, Bluesky's graphemes, or code points. */
export const TEXT_COUNTINGS = ['x', 'mastodon', 'bluesky', 'plain'] as const;
export type TextCounting = (typeof TEXT_COUNTINGS)[number];

export interface ReplyRules {
  counting: TextCounting;
  /** The longest reply the platform accepts, signature and prefix included. */
  maxLength: number;
  /** For Mastodon: the instance's characters per URL. */
  urlLength?: number;
  /**
   * The signature the relay appends: `{initials}` is replaced by the agent's initials as stored
   * (`^an`), `{INITIALS}` by them in capitals (`^AN`).
   */
  signature: string;
}

export const DEFAULT_SIGNATURE = ' ^{initials}';

export function countText(rules: Pick<ReplyRules, 'counting' | 'urlLength'>, text: string): number {
  switch (rules.counting) {
    case 'x':
      return xWeightedLength(text);
    case 'mastodon':
      return mastodonLength(text, rules.urlLength);
    case 'bluesky':
      return blueskyLength(text);
    case 'plain':
      return Array.from(text).length;
  }
}

export function signatureFor(template: string, initials: string): string {
  return template.replaceAll('{initials}', initials).replaceAll('{INITIALS}', initials.toUpperCase());
}

/**
 * The text that is posted: the per-conversation prefix (a Mastodon reply starts with the
 * author's handle, or the author is not notified), the agent's words, then the signature.
 */
export function publicReplyText(rules: ReplyRules, text: string, initials: string, prefix = ''): string {
  const body = text.trim();
  const start = prefix !== '' && !body.startsWith(prefix.trim()) ? prefix : '';
  return `${start}${body}${signatureFor(rules.signature, initials)}`;
}

export interface ReplyMeasure {
  /** What the platform will count for the posted text. */
  length: number;
  max: number;
  remaining: number;
  fits: boolean;
}

export function measureReply(rules: ReplyRules, text: string, initials: string, prefix = ''): ReplyMeasure {
  const length = countText(rules, publicReplyText(rules, text, initials, prefix));
  return { length, max: rules.maxLength, remaining: rules.maxLength - length, fits: length <= rules.maxLength };
}
