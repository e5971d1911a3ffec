/**
 * A clock for "waiting 5 min" labels. It ticks slowly on purpose: waiting times are shown in
 * minutes, and re-rendering the queue every second would waste the agent's battery.
 */
import { useEffect, useState } from 'preact/hooks';

export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
