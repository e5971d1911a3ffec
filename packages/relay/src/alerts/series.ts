/**
 * What a spike rule counts (issue 6): each site's web chat, each social channel, and each tracked
 * keyword is its own series, named `site:<id>`, `channel:<id>` or `keyword:<term>`. Tracked
 * keywords are the workspace's listening terms (issue 5: every channel's `listen` list); a social
 * post counts for the term that found it and for every tracked term its text contains.
 */
import type { SeriesKind, SpikeWatch } from '@eyelevel/shared';

export const siteSeries = (siteId: string) => `site:${siteId}`;
export const channelSeries = (channelId: string) => `channel:${channelId}`;
export const keywordSeries = (term: string) => `keyword:${normalizeTerm(term)}`;

/** `#Outage` and `outage` are one series: a hashtag's text contains the bare word anyway. */
export function normalizeTerm(term: string): string {
  return term.trim().replace(/^#/, '').toLocaleLowerCase();
}

export function parseSeries(series: string): { kind: SeriesKind; id: string } | null {
  const colon = series.indexOf(':');
  const kind = series.slice(0, colon);
  if (colon < 1 || (kind !== 'site' && kind !== 'channel' && kind !== 'keyword')) return null;
  return { kind, id: series.slice(colon + 1) };
}

export function watches(watch: SpikeWatch, kind: SeriesKind): boolean {
  if (watch === 'all') return true;
  return watch === 'keywords' ? kind === 'keyword' : kind !== 'keyword';
}

/** The keyword series a post counts for: the term that found it, and every tracked term in its text. */
export function keywordsIn(text: string, tracked: readonly string[], foundBy: string | null): string[] {
  const lower = text.toLocaleLowerCase();
  const terms = new Set<string>();
  if (foundBy) terms.add(normalizeTerm(foundBy));
  for (const term of tracked) {
    const normal = normalizeTerm(term);
    if (normal !== '' && lower.includes(normal)) terms.add(normal);
  }
  return [...terms].map(keywordSeries);
}
