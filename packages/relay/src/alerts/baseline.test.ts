/**
 * Properties of the spike arithmetic: what the window and the baseline count, that more volume
 * now never lowers the severity and more volume before never raises it, and the cooldown rule.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SpikeLevel } from '@eyelevel/shared';
import { SEVERITY_RANK, bucketStart, cooldownAllows, severityFor, spanStart, windowTotals, type WindowShape } from './baseline.js';

const MINUTE = 60_000;

const shapeArb = fc.record({
  bucketMs: fc.constantFrom(MINUTE, 1000, 5 * MINUTE),
  windowBuckets: fc.integer({ min: 1, max: 30 }),
  baselineWindows: fc.integer({ min: 1, max: 24 }),
});
const nowArb = fc.integer({ min: 10_000_000_000, max: 2_000_000_000_000 });
/** Buckets placed by their distance (in buckets) before the current one. */
const bucketsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 60 });

const place = (now: number, shape: WindowShape, buckets: Array<[number, number]>) =>
  buckets.map(([back, count]) => [bucketStart(now, shape.bucketMs) - back * shape.bucketMs, count] as const);

const levels: SpikeLevel[] = [
  { severity: 'warning', multiplier: 3, minCount: 10 },
  { severity: 'critical', multiplier: 6, minCount: 25 },
];

describe('window totals', () => {
  it('the current window plus every baseline window is exactly what lies in the span', () => {
    fc.assert(
      fc.property(shapeArb, nowArb, bucketsArb, (shape, now, raw) => {
        const buckets = place(now, shape, raw);
        const { current, baseline } = windowTotals(buckets, now, shape);
        const inSpan = buckets.filter(([start]) => start >= spanStart(now, shape)).reduce((sum, [, count]) => sum + count, 0);
        expect(current + baseline * shape.baselineWindows).toBeCloseTo(inSpan, 6);
      }),
    );
  });

  it('the current window is the last `windowBuckets` buckets, the filling one included', () => {
    const shape = { bucketMs: MINUTE, windowBuckets: 5, baselineWindows: 2 };
    const now = 1_000 * MINUTE + 30_000;
    const at = (back: number, count: number) => [bucketStart(now, MINUTE) - back * MINUTE, count] as const;
    // 0..4 back are current; 5..14 the two baseline windows; 15 back is outside.
    expect(windowTotals([at(0, 1), at(4, 2), at(5, 10), at(14, 10), at(15, 1000)], now, shape)).toEqual({ current: 3, baseline: 10 });
  });

  it('buckets in the future are ignored (a node with a clock ahead)', () => {
    const shape = { bucketMs: MINUTE, windowBuckets: 5, baselineWindows: 2 };
    expect(windowTotals([[10 * MINUTE, 50]], 5 * MINUTE, shape)).toEqual({ current: 0, baseline: 0 });
  });
});

describe('severity', () => {
  it('more volume in the current window never lowers the severity', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.double({ min: 0, max: 5000, noNaN: true }), (current, extra, baseline) => {
        const before = severityFor(levels, { current, baseline });
        const after = severityFor(levels, { current: current + extra, baseline });
        expect(after === null ? 0 : SEVERITY_RANK[after]).toBeGreaterThanOrEqual(before === null ? 0 : SEVERITY_RANK[before]);
      }),
    );
  });

  it('a higher baseline never raises the severity', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (current, baseline, extra) => {
        const before = severityFor(levels, { current, baseline });
        const after = severityFor(levels, { current, baseline: baseline + extra });
        expect(after === null ? 0 : SEVERITY_RANK[after]).toBeLessThanOrEqual(before === null ? 0 : SEVERITY_RANK[before]);
      }),
    );
  });

  it('a level needs both its minimum count and its multiple of the baseline (a baseline under one counts as one)', () => {
    expect(severityFor(levels, { current: 9, baseline: 0 })).toBeNull();
    expect(severityFor(levels, { current: 10, baseline: 0 })).toBe('warning');
    expect(severityFor(levels, { current: 10, baseline: 4 })).toBeNull();
    expect(severityFor(levels, { current: 12, baseline: 4 })).toBe('warning');
    expect(severityFor(levels, { current: 24, baseline: 4 })).toBe('warning');
    expect(severityFor(levels, { current: 25, baseline: 4 })).toBe('critical');
    expect(severityFor(levels, { current: 25, baseline: 5 })).toBe('warning');
  });

  it('a steady series never alerts: the current window at its baseline reaches no level with a multiplier above one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (perWindow) => {
        expect(severityFor(levels, { current: perWindow, baseline: perWindow })).toBeNull();
      }),
    );
  });
});

describe('cooldown', () => {
  it('the first alert goes out; the same or lower severity waits for the cooldown; a higher one goes at once', () => {
    const cooldown = 30 * MINUTE;
    expect(cooldownAllows(null, 1, 0, cooldown)).toBe(true);
    expect(cooldownAllows({ at: 0, rank: 1 }, 1, cooldown - 1, cooldown)).toBe(false);
    expect(cooldownAllows({ at: 0, rank: 2 }, 1, MINUTE, cooldown)).toBe(false);
    expect(cooldownAllows({ at: 0, rank: 1 }, 2, MINUTE, cooldown)).toBe(true);
    expect(cooldownAllows({ at: 0, rank: 2 }, 2, cooldown, cooldown)).toBe(true);
  });

  it('at most one alert of a severity per cooldown, however often it is asked', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 300 }), (steps, cooldown) => {
        let now = 0;
        let last: { at: number; rank: number } | null = null;
        const raised: number[] = [];
        for (const step of steps) {
          now += step;
          if (cooldownAllows(last, 1, now, cooldown)) {
            last = { at: now, rank: 1 };
            raised.push(now);
          }
        }
        for (let i = 1; i < raised.length; i++) expect(raised[i]! - raised[i - 1]!).toBeGreaterThanOrEqual(cooldown);
      }),
    );
  });
});
