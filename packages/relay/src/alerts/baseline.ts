/**
 * The arithmetic of spike alerts (issue 6), kept pure so it can be checked by properties:
 * counts live in fixed buckets (a minute in production); at time `now` the current window is the
 * last `windowBuckets` buckets, the current (still filling) one included, and the baseline is the
 * mean of the `baselineWindows` windows just before it. A level is reached when the window holds
 * at least its minimum count and at least its multiple of the baseline; a baseline under one per
 * window counts as one, so a quiet series needs real volume, not just "more than nothing".
 */
import type { SpikeLevel, SpikeSeverity } from '@eyelevel/shared';

export const SEVERITY_RANK: Record<SpikeSeverity, number> = { warning: 1, critical: 2 };

export interface WindowShape {
  bucketMs: number;
  windowBuckets: number;
  baselineWindows: number;
}

export interface WindowTotals {
  /** Count in the current window. */
  current: number;
  /** Mean count per window over the baseline windows. */
  baseline: number;
}

export const bucketStart = (at: number, bucketMs: number): number => Math.floor(at / bucketMs) * bucketMs;

/** The oldest bucket start a window of this shape looks at, at `now`. */
export function spanStart(now: number, shape: WindowShape): number {
  return bucketStart(now, shape.bucketMs) - (shape.windowBuckets * (shape.baselineWindows + 1) - 1) * shape.bucketMs;
}

/** Current and baseline totals of one series; `buckets` are (bucket start, count) pairs. */
export function windowTotals(buckets: Iterable<readonly [number, number]>, now: number, shape: WindowShape): WindowTotals {
  const currentFrom = bucketStart(now, shape.bucketMs) - (shape.windowBuckets - 1) * shape.bucketMs;
  const baselineFrom = spanStart(now, shape);
  let current = 0;
  let baselineTotal = 0;
  for (const [start, count] of buckets) {
    if (start > now) continue;
    if (start >= currentFrom) current += count;
    else if (start >= baselineFrom) baselineTotal += count;
  }
  return { current, baseline: baselineTotal / shape.baselineWindows };
}

/** The highest severity whose level the totals reach, or null. */
export function severityFor(levels: readonly SpikeLevel[], totals: WindowTotals): SpikeSeverity | null {
  const reference = Math.max(totals.baseline, 1);
  let reached: SpikeSeverity | null = null;
  for (const level of levels) {
    if (totals.current < level.minCount || totals.current < level.multiplier * reference) continue;
    if (reached === null || SEVERITY_RANK[level.severity] > SEVERITY_RANK[reached]) reached = level.severity;
  }
  return reached;
}

/**
 * Whether an alert of `rank` may go out given the series' last one: after the cooldown, or when
 * it is more severe (an escalation goes out at once and restarts the cooldown). The store's
 * conditional upsert applies this same rule (alert-store.ts), which is what makes it once-only.
 */
export function cooldownAllows(last: { at: number; rank: number } | null, rank: number, now: number, cooldownMs: number): boolean {
  return last === null || rank > last.rank || last.at <= now - cooldownMs;
}
