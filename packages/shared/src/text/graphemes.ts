/**
 * User-perceived characters (grapheme clusters): what Bluesky limits, and how an emoji made of
 * several code points (a family, a flag) stays one character on screen.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}
