/**
 * X's weighted length (the twitter-text v3 configuration, documented at
 * https://developer.x.com/en/docs/counting-characters): text is NFC-normalised, every
 * URL counts 23, an emoji counts 2, code points in the Latin, general punctuation and similar
 * ranges count 1 and everything else (CJK, for instance) counts 2; a post holds 280.
 */
import { graphemes } from './graphemes.js';
import { splitUrls } from './url-pattern.js';

export const X_MAX_WEIGHTED_LENGTH = 280;
export const X_URL_LENGTH = 23;

/** Code point ranges that weigh 1 (twitter-text's `ranges` with weight 100 of scale 100). */
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

function codePointWeight(codePoint: number): number {
  return LIGHT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to) ? 1 : 2;
}

export function xWeightedLength(text: string): number {
  let length = 0;
  for (const part of splitUrls(text.normalize('NFC'))) {
    if (part.url) {
      length += X_URL_LENGTH;
      continue;
    }
    for (const grapheme of graphemes(part.text)) {
      if (EMOJI.test(grapheme)) {
        length += 2;
        continue;
      }
      for (const char of grapheme) length += codePointWeight(char.codePointAt(0) ?? 0);
    }
  }
  return length;
}
