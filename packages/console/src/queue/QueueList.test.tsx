// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { QueueList, QUEUE_ROW_HEIGHT } from './QueueList.js';
import { replaceQueue } from '../state/queue-state.js';
import { visibleRange, scrollToReveal } from './virtual-window.js';
import { get, mount, press } from '../test-support/dom.js';
import { summary } from '../test-support/fixtures.js';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function bigQueue(count: number) {
  return replaceQueue(
    Array.from({ length: count }, (_, i) =>
      summary(`c${i}`, {
        updatedAt: 1_000_000 - i,
        visitor: { id: `v${i}`, name: i % 2 ? `Visitor ${i}` : null, email: null },
        lastSeq: 1,
        // Everyone is waiting; c0 longest, so the queue lists them c0, c1, c2…
        lastMessage: { text: `question ${i}`, at: 1_000 + i, authorKind: 'visitor' },
      }),
    ),
  );
}

describe('QueueList', () => {
  it('renders only a window of 5,000 conversations, with list semantics for all of them', () => {
    const queue = bigQueue(5000);
    const { container, unmount } = mount(
      <QueueList ids={queue.order} rows={queue.rows} openId={null} now={1_000_000} onOpen={() => {}} />,
    );
    cleanup = unmount;
    const options = container.querySelectorAll('[role="option"]');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(40);
    expect(options[0]?.getAttribute('aria-setsize')).toBe('5000');
    expect(options[0]?.textContent).toContain('Visitor');
    expect(options[1]?.textContent).toContain('Visitor 1');
  });

  it('renders the rows under the scroll position', () => {
    const queue = bigQueue(5000);
    const { container, unmount } = mount(
      <QueueList ids={queue.order} rows={queue.rows} openId={null} now={1_000_000} onOpen={() => {}} />,
    );
    cleanup = unmount;
    const viewport = get(container, '[role="listbox"]');
    act(() => {
      viewport.scrollTop = 3000 * QUEUE_ROW_HEIGHT;
      viewport.dispatchEvent(new Event('scroll'));
    });
    const ids = [...container.querySelectorAll('[role="option"]')].map((o) => o.getAttribute('data-conversation-id'));
    expect(ids).toContain('c3000');
    expect(ids).not.toContain('c0');
  });

  it('moves with the arrow keys and opens with Enter', () => {
    const queue = bigQueue(50);
    const onOpen = vi.fn();
    const { container, unmount } = mount(
      <QueueList ids={queue.order} rows={queue.rows} openId={null} now={1_000_000} onOpen={onOpen} />,
    );
    cleanup = unmount;
    const listbox = get(container, '[role="listbox"]');
    press(listbox, 'ArrowDown');
    press(listbox, 'ArrowDown');
    expect(listbox.getAttribute('aria-activedescendant')).toBe('queue-option-c1');
    press(listbox, 'Enter');
    expect(onOpen).toHaveBeenCalledWith('c1');
    press(listbox, 'End');
    expect(listbox.getAttribute('aria-activedescendant')).toBe('queue-option-c49');
    expect(container.querySelector('#queue-option-c49')).not.toBeNull();
  });

  it('opens a conversation on click and marks the open one selected', () => {
    const queue = bigQueue(3);
    const onOpen = vi.fn();
    const { container, unmount } = mount(
      <QueueList ids={queue.order} rows={queue.rows} openId="c2" now={1_000_000} onOpen={onOpen} />,
    );
    cleanup = unmount;
    act(() => get(container, '#queue-option-c0').click());
    expect(onOpen).toHaveBeenCalledWith('c0');
    expect(get(container, '#queue-option-c2').getAttribute('aria-selected')).toBe('true');
  });

  it('says so when there is nothing to show', () => {
    const queue = bigQueue(0);
    const { container, unmount } = mount(
      <QueueList ids={queue.order} rows={queue.rows} openId={null} now={0} onOpen={() => {}} />,
    );
    cleanup = unmount;
    expect(container.textContent).toContain('No conversations');
  });
});

describe('virtual window', () => {
  it('covers the viewport plus overscan and stays in bounds', () => {
    expect(visibleRange(0, 760, 76, 5000, 6)).toEqual({ start: 0, end: 17 });
    expect(visibleRange(7600, 760, 76, 5000, 6)).toEqual({ start: 94, end: 117 });
    expect(visibleRange(10_000_000, 760, 76, 50, 6)).toEqual({ start: 43, end: 50 });
    expect(visibleRange(0, 760, 76, 0)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls only as far as needed to reveal a row', () => {
    expect(scrollToReveal(5, 0, 760, 76)).toBeNull();
    expect(scrollToReveal(20, 0, 760, 76)).toBe(21 * 76 - 760);
    expect(scrollToReveal(2, 760, 760, 76)).toBe(152);
  });
});
