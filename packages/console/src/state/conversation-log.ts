/**
 * One conversation's log as the console has it. Events come from three places that can race:
 * live `event` frames, `events` pages answering a sync, and replays after a reconnect. The log
 * keeps each seq once and in order, and tracks how far it is complete so the console knows when
 * to ask for what is missing (DESIGN.md section 4: a gap is filled or reported, never hidden).
 */
import type { ConversationEvent } from '@eyelevel/shared';

export interface LogGap {
  readonly from: number;
  readonly to: number;
}

export interface ConversationLog {
  /** Sorted by seq, each seq at most once. */
  readonly events: readonly ConversationEvent[];
  /** Every seq from 1 to this one is in `events` or inside a reported gap. */
  readonly contiguousSeq: number;
  /** Ranges the relay said exist but cannot be replayed (e.g. removed by retention). */
  readonly gaps: readonly LogGap[];
  /** Highest seq known to exist, from events, acks or the queue row. */
  readonly knownSeq: number;
  /** A sync is in flight; no second one is asked for until its last page arrives. */
  readonly syncing: boolean;
}

export const emptyLog: ConversationLog = {
  events: [],
  contiguousSeq: 0,
  gaps: [],
  knownSeq: 0,
  syncing: false,
};

/** Index of the first event whose seq is >= `seq`. */
function lowerBound(events: readonly ConversationEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid]?.seq ?? Infinity) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function advanceContiguous(
  events: readonly ConversationEvent[],
  gaps: readonly LogGap[],
  from: number,
): number {
  let seq = from;
  let index = lowerBound(events, seq + 1);
  for (;;) {
    const gap = gaps.find((g) => g.from <= seq + 1 && g.to > seq);
    if (gap) {
      seq = gap.to;
      index = lowerBound(events, seq + 1);
      continue;
    }
    if (events[index]?.seq === seq + 1) {
      seq += 1;
      index += 1;
      continue;
    }
    return seq;
  }
}

/** Merge events in any order, dropping seqs already present. Returns `log` itself if nothing is new. */
export function addEvents(
  log: ConversationLog,
  incoming: readonly ConversationEvent[],
): ConversationLog {
  let events = log.events;
  let copied = false;
  for (const event of incoming) {
    const last = events[events.length - 1];
    if (!last || event.seq > last.seq) {
      // The common case (live events, in-order pages): append without searching.
      if (!copied) {
        events = [...events];
        copied = true;
      }
      (events as ConversationEvent[]).push(event);
      continue;
    }
    const index = lowerBound(events, event.seq);
    if (events[index]?.seq === event.seq) continue;
    if (!copied) {
      events = [...events];
      copied = true;
    }
    (events as ConversationEvent[]).splice(index, 0, event);
  }
  if (!copied) return log;
  const top = events[events.length - 1]?.seq ?? 0;
  return {
    ...log,
    events,
    knownSeq: Math.max(log.knownSeq, top),
    contiguousSeq: advanceContiguous(events, log.gaps, log.contiguousSeq),
  };
}

/** The relay reported seqs `from`..`to` as lost; count them as covered so syncing can move on. */
export function addGap(log: ConversationLog, from: number, to: number): ConversationLog {
  if (to < from) return log;
  const gaps = [...log.gaps, { from, to }];
  return {
    ...log,
    gaps,
    knownSeq: Math.max(log.knownSeq, to),
    contiguousSeq: advanceContiguous(log.events, gaps, log.contiguousSeq),
  };
}

/** Record that `seq` exists (an ack, the queue row) without having its event yet. */
export function noteKnownSeq(log: ConversationLog, seq: number): ConversationLog {
  return seq > log.knownSeq ? { ...log, knownSeq: seq } : log;
}

export function setSyncing(log: ConversationLog, syncing: boolean): ConversationLog {
  return log.syncing === syncing ? log : { ...log, syncing };
}

/** True when the log misses something it knows exists and no sync is already asking for it. */
export function needsSync(log: ConversationLog): boolean {
  return !log.syncing && log.knownSeq > log.contiguousSeq;
}

export function hasSeq(log: ConversationLog, seq: number): boolean {
  return log.events[lowerBound(log.events, seq)]?.seq === seq;
}
