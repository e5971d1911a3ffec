/**
 * Business hours as admins write them: one interval per line, `mon 09:00-17:00`. Turned into the
 * shared `businessHours.weekly` shape here; the relay validates the result again.
 */
import { WEEKDAYS, type OpeningInterval, type Weekday } from '@eyelevel/shared';

export function formatWeekly(weekly: readonly OpeningInterval[]): string {
  return weekly.map((interval) => `${interval.day} ${interval.from}-${interval.to}`).join('\n');
}

export type WeeklyParse = { ok: true; weekly: OpeningInterval[] } | { ok: false; message: string };

export function parseWeekly(text: string): WeeklyParse {
  const weekly: OpeningInterval[] = [];
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  for (const [index, line] of lines.entries()) {
    const match = /^([a-z]{3})\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/i.exec(line);
    const day = match?.[1]?.toLowerCase();
    if (!match || !day || !(WEEKDAYS as readonly string[]).includes(day)) {
      return { ok: false, message: `line ${index + 1}: write it like "mon 09:00-17:00"` };
    }
    const from = match[2]!;
    const to = match[3]!;
    if (from >= to) return { ok: false, message: `line ${index + 1}: closes before it opens` };
    weekly.push({ day: day as Weekday, from, to });
  }
  return { ok: true, weekly };
}
