import { describe, expect, it } from 'vitest';
import { formatWeekly, parseWeekly } from './business-hours-text.js';

describe('business hours as text', () => {
  it('reads one interval per line and writes them back the same way', () => {
    const parsed = parseWeekly('mon 09:00-17:00\n\n  Tue 09:00 - 12:30 \nsat 10:00-24:00');
    expect(parsed).toEqual({
      ok: true,
      weekly: [
        { day: 'mon', from: '09:00', to: '17:00' },
        { day: 'tue', from: '09:00', to: '12:30' },
        { day: 'sat', from: '10:00', to: '24:00' },
      ],
    });
    expect(formatWeekly(parsed.ok ? parsed.weekly : [])).toBe('mon 09:00-17:00\ntue 09:00-12:30\nsat 10:00-24:00');
  });

  it('says which line is wrong', () => {
    expect(parseWeekly('mon 09:00-17:00\nfunday 9-5')).toEqual({ ok: false, message: 'line 2: write it like "mon 09:00-17:00"' });
    expect(parseWeekly('fri 17:00-09:00')).toEqual({ ok: false, message: 'line 1: closes before it opens' });
  });
});
