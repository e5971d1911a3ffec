/**
 * From public to private (issue 5): a private link opens the host site with
 * `#eyelevel-continue=<token>`. The panel takes the token for its next `hello` and removes it
 * from the address bar at once (history.replaceState, no navigation), so it is not bookmarked,
 * shared or left in the history; other parts of the fragment stay. A fragment never reaches the
 * host's server, so the token is in no access log either.
 */
const PARAMETER = 'eyelevel-continue';
const TOKEN = /^[\w.-]{1,512}$/;

/** The token in the page URL, if any, removed from the URL; undefined when there is none. */
export function takeContinueToken(loc: Location = location, hist: History = history): string | undefined {
  const parts = loc.hash.replace(/^#/, '').split('&');
  const index = parts.findIndex((part) => part.startsWith(`${PARAMETER}=`));
  if (index < 0) return undefined;
  const token = parts[index]!.slice(PARAMETER.length + 1);
  parts.splice(index, 1);
  const rest = parts.join('&');
  try {
    hist.replaceState(hist.state, '', loc.pathname + loc.search + (rest ? `#${rest}` : ''));
  } catch {
    // A sandboxed page may refuse; the token is single-use anyway.
  }
  return TOKEN.test(token) ? token : undefined;
}
