/**
 * Picks the widget's language: an explicit option wins, then the host page's `lang`, then the
 * browser. Only the language part counts (`de-AT` -> `de`); unknown languages fall back to English
 * in the string tables, not here, so the relay still learns the visitor's real locale.
 */
export function detectLocale(explicit?: string | null): string {
  const raw = explicit || document.documentElement.lang || navigator.language || 'en';
  return raw.toLowerCase().split('-')[0] || 'en';
}
