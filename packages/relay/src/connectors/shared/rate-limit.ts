/**
 * Reads the platforms' rate-limit headers into one time: when the next call may go out. X sends
 * `x-rate-limit-remaining` / `x-rate-limit-reset` (epoch seconds), Mastodon `X-RateLimit-Remaining`
 * / `X-RateLimit-Reset` (an ISO time), Bluesky `ratelimit-remaining` / `ratelimit-reset` (epoch
 * seconds); anyone may send `Retry-After` (seconds or an HTTP date) with a 429.
 */
export function retryAtFrom(headers: Headers, now: number): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return now + seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return date;
  }
  const reset = headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset');
  if (reset === null) return null;
  const asNumber = Number(reset);
  if (Number.isFinite(asNumber)) return asNumber < 1e12 ? asNumber * 1000 : asNumber;
  const asDate = Date.parse(reset);
  return Number.isFinite(asDate) ? asDate : null;
}

/** True when the platform said this was the last call allowed in the current window. */
export function exhausted(headers: Headers): boolean {
  const remaining = headers.get('x-rate-limit-remaining') ?? headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  return remaining !== null && Number(remaining) <= 0;
}
