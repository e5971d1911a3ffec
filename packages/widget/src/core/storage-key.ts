/**
 * Where a site's visitor session lives in localStorage. The loader only reads it (to learn
 * whether a conversation exists and the panel should connect at once); the panel writes it.
 */
export const storageKey = (siteKey: string): string => `eyelevel:${siteKey}`;

/** Storage can throw (disabled cookies, sandboxed iframes); treat that as "nothing stored". */
export function readStored(siteKey: string): string | null {
  try {
    return localStorage.getItem(storageKey(siteKey));
  } catch {
    return null;
  }
}

export function removeStored(siteKey: string): void {
  try {
    localStorage.removeItem(storageKey(siteKey));
  } catch {
    // Nothing we could erase.
  }
}
