import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, snoozePresets } from './snooze-presets.js';

describe('snooze presets', () => {
  it('offers later today, tomorrow morning and next Monday morning', () => {
    const friday = new Date(2026, 10, 20, 16, 30).getTime(); // a Friday afternoon
    const [hour, , tomorrow, monday] = snoozePresets(friday);
    expect(hour?.at).toBe(friday + 3_600_000);
    expect(new Date(tomorrow!.at)).toEqual(new Date(2026, 10, 21, 9, 0));
    expect(new Date(monday!.at)).toEqual(new Date(2026, 10, 23, 9, 0));
    const aMonday = new Date(2026, 10, 23, 8, 0).getTime();
    expect(new Date(snoozePresets(aMonday)[3]!.at)).toEqual(new Date(2026, 10, 30, 9, 0));
  });

  it('reads a datetime-local value, and nothing else', () => {
    expect(parseLocalDateTime('2026-11-23T09:15')).toBe(new Date(2026, 10, 23, 9, 15).getTime());
    expect(parseLocalDateTime('')).toBeNull();
    expect(parseLocalDateTime('tomorrow')).toBeNull();
  });
});
