/**
 * The queue as a virtualised listbox: only the rows on screen (plus a few either side) are in the
 * DOM, so 5,000 conversations scroll and update as fast as 50. Focus stays on the list and moves
 * with aria-activedescendant, which survives rows being recycled as they scroll away.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { QueueRow } from '../state/queue-state.js';
import type { Directory } from '../state/directory-state.js';
import { teamName } from '../state/directory-state.js';
import { QueueRowItem } from './QueueRowItem.js';
import { scrollToReveal, visibleRange } from './virtual-window.js';

/** Must match `.queue-row { height }` in styles.css. */
export const QUEUE_ROW_HEIGHT = 76;
/** Used until the list is measured (and in test DOMs, which have no layout). */
const FALLBACK_HEIGHT = 720;

interface Props {
  readonly ids: readonly string[];
  readonly rows: ReadonlyMap<string, QueueRow>;
  readonly openId: string | null;
  readonly now: number;
  /** For team names and due times; null until the relay sent it. */
  readonly directory?: Directory | null;
  readonly onOpen: (id: string) => void;
}

export const queueOptionId = (id: string) => `queue-option-${id}`;
/** The listbox's element id, for moving focus back to the queue from elsewhere. */
export const QUEUE_LIST_ID = 'queue-list';

export function QueueList({ ids, rows, openId, now, directory = null, onOpen }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const [active, setActive] = useState<string | null>(openId);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight || FALLBACK_HEIGHT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const activeIndex = active === null ? -1 : ids.indexOf(active);
  const range = visibleRange(scrollTop, height, QUEUE_ROW_HEIGHT, ids.length);

  function moveTo(index: number) {
    const clamped = Math.max(0, Math.min(ids.length - 1, index));
    const id = ids[clamped];
    if (id === undefined) return;
    setActive(id);
    const element = viewport.current;
    const target = scrollToReveal(clamped, scrollTop, height, QUEUE_ROW_HEIGHT);
    if (element && target !== null) {
      element.scrollTop = target;
      setScrollTop(target);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    const page = Math.max(1, Math.floor(height / QUEUE_ROW_HEIGHT) - 1);
    const moves: Record<string, () => number> = {
      ArrowDown: () => activeIndex + 1,
      ArrowUp: () => (activeIndex < 0 ? 0 : activeIndex - 1),
      PageDown: () => activeIndex + page,
      PageUp: () => activeIndex - page,
      Home: () => 0,
      End: () => ids.length - 1,
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      moveTo(move());
    } else if ((event.key === 'Enter' || event.key === ' ') && activeIndex >= 0 && active) {
      event.preventDefault();
      onOpen(active);
    }
  }

  if (ids.length === 0) return <p class="queue-empty">No conversations here.</p>;

  return (
    <div
      ref={viewport}
      id={QUEUE_LIST_ID}
      class="queue-viewport"
      role="listbox"
      aria-label="Conversations"
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 && active ? queueOptionId(active) : undefined}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="queue-spacer" style={{ height: `${ids.length * QUEUE_ROW_HEIGHT}px` }}>
        {ids.slice(range.start, range.end).map((id, offset) => {
          const row = rows.get(id);
          if (!row) return null;
          const index = range.start + offset;
          return (
            <QueueRowItem
              key={id}
              optionId={queueOptionId(id)}
              summary={row.summary}
              index={index}
              count={ids.length}
              top={index * QUEUE_ROW_HEIGHT}
              selected={id === openId}
              active={id === active}
              now={now}
              context={{ targetMs: directory?.workspace.firstResponseTargetMs ?? null, teamName: teamName(directory, row.summary.teamId) }}
              onOpen={() => {
                setActive(id);
                onOpen(id);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
