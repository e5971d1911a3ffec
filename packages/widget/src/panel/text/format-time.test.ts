import { describe, expect, it } from 'vitest';
import { formatTime } from './format-time.js';

describe('formatTime', () => {
  const noon = new Date(2026, 10, 21, 12, 5).getTime();
  it('shows only the time for today, and the date for other days', () => {
    expect(formatTime(noon, 'de', noon + 60_000)).toBe('12:05');
    expect(formatTime(noon, 'en', noon + 3 * 86_400_000)).toMatch(/Nov.*21|21.*Nov/);
  });
});
