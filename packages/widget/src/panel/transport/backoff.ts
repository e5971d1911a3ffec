/**
 * Reconnect delays: exponential with full jitter, so thousands of widgets dropped by one relay
 * restart do not all come back in the same second.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
  return Math.round(250 + random() * ceiling);
}
