/**
 * Splits message text into plain runs and links. Only http, https and mailto become links, and
 * only after `URL` has parsed them; everything else (`javascript:`, markup) stays text, because
 * the UI renders every segment as a text node.
 */
export interface TextSegment {
  text: string;
  href?: string;
}

const CANDIDATE = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"']+/gi;
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Trailing punctuation belongs to the sentence, not the link; a `)` only if unbalanced. */
function trimTail(candidate: string): string {
  let end = candidate.length;
  for (;;) {
    const ch = candidate[end - 1];
    if (ch && '.,;:!?'.includes(ch)) end--;
    else if (ch === ')' && !candidate.slice(0, end - 1).includes('(')) end--;
    else return candidate.slice(0, end);
  }
}

export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(/^www\./i.test(candidate) ? `https://${candidate}` : candidate);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    // `foo.www.x` or `a@www.x` are not links of their own.
    if (start > 0 && /[\w@.]/.test(text[start - 1]!)) continue;
    const candidate = trimTail(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > last) segments.push({ text: text.slice(last, start) });
    segments.push({ text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}
