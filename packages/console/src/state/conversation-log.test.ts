import { describe, expect, it } from 'vitest';
import { addEvents, addGap, emptyLog, hasSeq, needsSync, noteKnownSeq, setSyncing } from './conversation-log.js';
import { message } from '../test-support/fixtures.js';

const seqs = (log: { events: readonly { seq: number }[] }) => log.events.map((event) => event.seq);

describe('conversation log', () => {
  it('keeps each seq once, in order, whatever order events arrive in', () => {
    let log = addEvents(emptyLog, [message(3, 'c'), message(1, 'a')]);
    log = addEvents(log, [message(2, 'b'), message(3, 'c again'), message(1, 'a again')]);
    expect(seqs(log)).toEqual([1, 2, 3]);
    expect(log.events[2]).toMatchObject({ text: 'c' });
    expect(log.contiguousSeq).toBe(3);
  });

  it('returns the same log when nothing is new', () => {
    const log = addEvents(emptyLog, [message(1, 'a')]);
    expect(addEvents(log, [message(1, 'a')])).toBe(log);
  });

  it('stops the contiguous mark at a hole and asks for a sync', () => {
    const log = addEvents(emptyLog, [message(1, 'a'), message(4, 'd')]);
    expect(log.contiguousSeq).toBe(1);
    expect(log.knownSeq).toBe(4);
    expect(needsSync(log)).toBe(true);
    expect(needsSync(setSyncing(log, true))).toBe(false);
    const filled = addEvents(log, [message(2, 'b'), message(3, 'c')]);
    expect(filled.contiguousSeq).toBe(4);
    expect(needsSync(filled)).toBe(false);
  });

  it('knows about seqs from acks or the queue row before their events', () => {
    const log = noteKnownSeq(addEvents(emptyLog, [message(1, 'a')]), 2);
    expect(needsSync(log)).toBe(true);
    expect(hasSeq(log, 1)).toBe(true);
    expect(hasSeq(log, 2)).toBe(false);
  });

  it('counts a reported gap as covered so the log can move past it', () => {
    let log = addEvents(emptyLog, [message(5, 'e')]);
    expect(log.contiguousSeq).toBe(0);
    log = addGap(log, 1, 4);
    expect(log.contiguousSeq).toBe(5);
    expect(log.gaps).toEqual([{ from: 1, to: 4 }]);
    expect(needsSync(log)).toBe(false);
  });
});
