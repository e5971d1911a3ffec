import { describe, expect, it } from 'vitest';
import { logItems } from './log-items.js';
import { message } from '../test-support/fixtures.js';

describe('log items', () => {
  it('puts each reported gap where its entries were missing', () => {
    const items = logItems([message(1, 'a'), message(5, 'e'), message(9, 'i')], [{ from: 6, to: 8 }, { from: 2, to: 4 }]);
    expect(items.map((item) => item.key)).toEqual(['seq-1', 'gap-2', 'seq-5', 'gap-6', 'seq-9']);
  });

  it('keeps a gap after the last event at the end', () => {
    expect(logItems([message(1, 'a')], [{ from: 2, to: 3 }]).map((item) => item.key)).toEqual(['seq-1', 'gap-2']);
    expect(logItems([], [{ from: 1, to: 3 }]).map((item) => item.key)).toEqual(['gap-1']);
  });
});
