/**
 * Reconnect delays. Exponential so a relay that is down is not hammered, capped so an agent is
 * back within half a minute, and jittered so a restarted relay is not hit by every console in
 * the same millisecond.
 */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;

/** Delay before reconnect attempt `attempt` (0 = first retry); `random` in [0, 1). */
export function backoffDelay(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling * (0.5 + random * 0.5));
}
