import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@eyelevel/shared';
import { DeliveryCursor } from './delivery-cursor.js';

const event = (seq: number): ConversationEvent => ({
  seq,
  at: seq,
  kind: 'message',
  text: `m${seq}`,
  clientId: null,
  author: { kind: 'system', id: null, name: null, initials: null, avatarUrl: null, role: null },
});

function setup(stored: number[], lastSent = 0, pageSize = 2) {
  const sent: number[] = [];
  const gaps: Array<[number, number]> = [];
  const cursor = new DeliveryCursor({
    lastSent,
    pageSize,
    fetchAfter: async (after) => stored.filter((seq) => seq > after).slice(0, pageSize).map(event),
    send: (e) => sent.push(e.seq),
    onGap: (from, to) => gaps.push([from, to]),
    onError: (error) => {
      throw error;
    },
  });
  return { cursor, sent, gaps };
}

describe('DeliveryCursor', () => {
  it('sends the next seq straight away and drops what was already sent', () => {
    const { cursor, sent } = setup([]);
    cursor.offer(event(1));
    cursor.offer(event(2));
    cursor.offer(event(1));
    cursor.offer(event(2));
    expect(sent).toEqual([1, 2]);
  });

  it('fills a hole from storage instead of sending out of order', async () => {
    const { cursor, sent } = setup([1, 2, 3, 4, 5]);
    cursor.offer(event(1));
    cursor.offer(event(4)); // 2 and 3 were announced on a bus message that got lost
    await cursor.catchUp();
    expect(sent).toEqual([1, 2, 3, 4, 5]);
  });

  it('pages through storage on catch-up', async () => {
    const { cursor, sent } = setup([1, 2, 3, 4, 5, 6, 7], 2, 2);
    await cursor.catchUp();
    expect(sent).toEqual([3, 4, 5, 6, 7]);
  });

  it('reports a gap storage cannot fill, then goes on', async () => {
    const { cursor, sent, gaps } = setup([1, 2, 6, 7], 0, 10);
    await cursor.catchUp();
    expect(sent).toEqual([1, 2, 6, 7]);
    expect(gaps).toEqual([[3, 5]]);
  });

  it('runs one catch-up at a time and repeats it when asked during one', async () => {
    const stored = [1, 2];
    const { cursor, sent } = setup(stored, 0, 10);
    const first = cursor.catchUp();
    stored.push(3);
    const second = cursor.catchUp();
    await Promise.all([first, second]);
    expect(sent).toEqual([1, 2, 3]);
  });
});
