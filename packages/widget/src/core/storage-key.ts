/**
 * Where a visitor session lives in localStorage. The loader only reads it (to learn whether a
 * conversation exists and the panel should connect at once); the panel writes it.
 *
 * The scope is the site key, plus the team when a widget is created for one: a careers page's
 * recruiting panel keeps its own conversation beside the support launcher on the same site.
 */
export const sessionScope = (siteKey: string, team?: string): string => (team ? `${siteKey}:${team}` : siteKey);

export const storageKey = (scope: string): string => `eyelevel:${scope}`;

/** Storage can throw (disabled cookies, sandboxed iframes); treat that as "nothing stored". */
export function readStored(scope: string): string | null {
  try {
    return localStorage.getItem(storageKey(scope));
  } catch {
    return null;
  }
}

export function removeStored(scope: string): void {
  try {
    localStorage.removeItem(storageKey(scope));
  } catch {
    // Nothing we could erase.
  }
}
