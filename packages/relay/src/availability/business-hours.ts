/**
 * Whether a site is within its business hours, and when it opens next, in the site's own time
 * zone (daylight saving included) with nothing but Intl: no time zone database to ship.
 * Intervals are local wall-clock times within one day (`from` < `to`, `24:00` = midnight).
 */
import { WEEKDAYS, type BusinessHours } from '@eyelevel/shared';

export interface OpenState {
  open: boolean;
  /** When the next interval starts (epoch ms), if the site is closed and opens in the next week. */
  nextOpenAt: number | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** 0 = Monday ... 6 = Sunday, like WEEKDAYS. */
  weekday: number;
  minutes: number;
  seconds: number;
}

const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function localTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: SHORT_DAYS.indexOf(parts.weekday ?? ''),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    seconds: Number(parts.second),
  };
}

/** Local minus UTC at an instant, in ms. */
function zoneOffset(at: number, timeZone: string): number {
  const local = localTime(at, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes, local.seconds);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a local wall-clock time happens (the earlier one in a DST overlap). */
function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const first = guess - zoneOffset(guess, timeZone);
  const second = guess - zoneOffset(first, timeZone);
  return Math.min(first, second);
}

const toMinutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export function openState(hours: BusinessHours, now: number): OpenState {
  const local = localTime(now, hours.timeZone);
  const intervals = hours.weekly.map((interval) => ({
    weekday: WEEKDAYS.indexOf(interval.day),
    from: toMinutes(interval.from),
    to: toMinutes(interval.to),
  }));
  const open = intervals.some((i) => i.weekday === local.weekday && i.from <= local.minutes && local.minutes < i.to);
  if (open) return { open: true, nextOpenAt: null };
  let next: number | null = null;
  for (let ahead = 0; ahead <= 7; ahead++) {
    // Calendar arithmetic on the local date; Date.UTC normalises day overflow into the month.
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + ahead));
    const weekday = (local.weekday + ahead) % 7;
    for (const interval of intervals) {
      if (interval.weekday !== weekday) continue;
      const at = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), interval.from, hours.timeZone);
      if (at > now && (next === null || at < next)) next = at;
    }
    if (next !== null) break;
  }
  return { open: false, nextOpenAt: next };
}
