/**
 * The snooze menu's choices, as agents think of them ("tomorrow morning"), turned into times in
 * the agent's own time zone. Pure, so the arithmetic around midnight and weekends is testable.
 */
export interface SnoozePreset {
  readonly label: string;
  readonly at: number;
}

function atNine(date: Date): number {
  const next = new Date(date);
  next.setHours(9, 0, 0, 0);
  return next.getTime();
}

export function snoozePresets(now: number): SnoozePreset[] {
  const today = new Date(now);
  const tomorrow = new Date(today);
  tomorrow.setDate(today.getDate() + 1);
  const monday = new Date(today);
  // Days until the next Monday (1..7): "next week" from a Monday is a week away.
  monday.setDate(today.getDate() + (((8 - today.getDay()) % 7) || 7));
  return [
    { label: 'In 1 hour', at: now + 60 * 60_000 },
    { label: 'In 4 hours', at: now + 4 * 60 * 60_000 },
    { label: 'Tomorrow 9:00', at: atNine(tomorrow) },
    { label: 'Next Monday 9:00', at: atNine(monday) },
  ];
}

/** A `datetime-local` input's value as a time, or null when empty or invalid. */
export function parseLocalDateTime(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}
