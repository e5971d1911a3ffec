/**
 * The log as rendered: events in seq order with a line where the relay reported entries that can
 * no longer be replayed, at the place they were missing (DESIGN.md section 4: a gap is shown,
 * never hidden).
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { LogGap } from '../state/conversation-log.js';

export type LogItem =
  | { readonly kind: 'event'; readonly key: string; readonly event: ConversationEvent }
  | { readonly kind: 'gap'; readonly key: string; readonly gap: LogGap };

export function logItems(events: readonly ConversationEvent[], gaps: readonly LogGap[]): LogItem[] {
  const pending = [...gaps].sort((a, b) => a.from - b.from);
  const items: LogItem[] = [];
  for (const event of events) {
    while (pending.length > 0 && (pending[0]?.from ?? Infinity) < event.seq) {
      const gap = pending.shift()!;
      items.push({ kind: 'gap', key: `gap-${gap.from}`, gap });
    }
    items.push({ kind: 'event', key: `seq-${event.seq}`, event });
  }
  for (const gap of pending) items.push({ kind: 'gap', key: `gap-${gap.from}`, gap });
  return items;
}
