/**
 * Property: whatever order, duplication and gaps the events arrive in (replays after reconnects,
 * a second tab forwarding the same frames, resume answers racing live events), the panel ends
 * with each seq once, in order, and `lastSeq` is exactly the end of the gap-free prefix, which
 * is what the next `hello`/`resume` asks the relay to continue from.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Author, ConversationEvent } from '@eyelevel/shared';
import { addEvent, addGap, initialState } from './chat-state.js';

const agent: Author = { kind: 'agent', id: 'a1', name: 'Anna', initials: 'an', avatarUrl: null, role: 'agent' };
const event = (seq: number): ConversationEvent => ({ kind: 'message', seq, at: seq, author: agent, text: `m${seq}`, clientId: null });

describe('chat state under any arrival order', () => {
  it('keeps each seq once, sorted, with lastSeq at the end of the gap-free prefix', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 80 }),
        fc.option(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 5 })), { nil: undefined }),
        (arrivals, gapSpec) => {
          let state = initialState();
          const gap = gapSpec ? { from: gapSpec[0], to: gapSpec[0] + gapSpec[1] } : null;
          if (gap) state = addGap(state, gap);
          for (const seq of arrivals) {
            if (gap && seq >= gap.from && seq <= gap.to) continue; // the relay never sends a gap's seqs
            state = addEvent(state, event(seq));
          }
          const seqs = state.events.map((e) => e.seq);
          expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
          const known = new Set(seqs);
          let expected = 0;
          for (;;) {
            if (known.has(expected + 1)) expected++;
            else if (gap && gap.from <= expected + 1 && gap.to > expected) expected = gap.to;
            else break;
          }
          expect(state.lastSeq).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
