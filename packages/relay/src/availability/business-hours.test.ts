import { describe, expect, it } from 'vitest';
import { openState } from './business-hours.js';

const WEEKDAYS_9_TO_5 = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from: '09:00', to: '17:00' }));

describe('openState', () => {
  it('is open inside an interval and closed outside, in the site time zone', () => {
    const berlin = { timeZone: 'Europe/Berlin', weekly: WEEKDAYS_9_TO_5 };
    // Wed 2026-01-14 09:30 in Berlin is 08:30 UTC (CET, +1).
    expect(openState(berlin, Date.parse('2026-01-14T08:30:00Z'))).toEqual({ open: true, nextOpenAt: null });
    // 08:59 Berlin: closed, opens at 09:00 Berlin the same day.
    expect(openState(berlin, Date.parse('2026-01-14T07:59:00Z'))).toEqual({
      open: false,
      nextOpenAt: Date.parse('2026-01-14T08:00:00Z'),
    });
    // 17:00 Berlin closes (the end is exclusive).
    expect(openState(berlin, Date.parse('2026-01-14T16:00:00Z')).open).toBe(false);
  });

  it('skips the weekend and follows daylight saving time', () => {
    const berlin = { timeZone: 'Europe/Berlin', weekly: WEEKDAYS_9_TO_5 };
    // Fri 2026-03-27 18:00 Berlin (CET) -> Mon 2026-03-30 09:00 Berlin, which is CEST (+2).
    expect(openState(berlin, Date.parse('2026-03-27T17:00:00Z'))).toEqual({
      open: false,
      nextOpenAt: Date.parse('2026-03-30T07:00:00Z'),
    });
  });

  it('handles 24:00, zones west of UTC and weeks without any hours', () => {
    const allDaySunday = { timeZone: 'America/New_York', weekly: [{ day: 'sun' as const, from: '00:00', to: '24:00' }] };
    // Sun 2026-01-18 23:59 New York (EST, -5) is Mon 04:59 UTC: still Sunday there.
    expect(openState(allDaySunday, Date.parse('2026-01-19T04:59:00Z')).open).toBe(true);
    expect(openState(allDaySunday, Date.parse('2026-01-19T05:00:00Z'))).toEqual({
      open: false,
      nextOpenAt: Date.parse('2026-01-25T05:00:00Z'),
    });
    expect(openState({ timeZone: 'UTC', weekly: [] }, Date.now())).toEqual({ open: false, nextOpenAt: null });
  });
});
