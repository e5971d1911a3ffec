/**
 * Callback tasks as the log tells them: each `callback` entry is a visitor's request (number,
 * preferred time), and `callback_taken` / `callback_done` status entries name it by its seq.
 * Derived from the log rather than kept separately, so what the console shows is exactly what
 * the relay committed, in order.
 */
import type { Author, CallbackOutcome, ConversationEvent } from '@eyelevel/shared';

export interface CallbackTask {
  readonly requestSeq: number;
  readonly phone: string;
  readonly preferredTime: string | null;
  readonly note: string | null;
  readonly at: number;
  readonly state: 'open' | 'taken' | 'done';
  readonly takenBy: Author | null;
  readonly outcome: CallbackOutcome | null;
  readonly doneBy: Author | null;
}

export function callbackTasks(events: readonly ConversationEvent[]): CallbackTask[] {
  const tasks = new Map<number, CallbackTask>();
  for (const event of events) {
    if (event.kind === 'callback') {
      tasks.set(event.seq, {
        requestSeq: event.seq,
        phone: event.phone,
        preferredTime: event.preferredTime,
        note: event.note,
        at: event.at,
        state: 'open',
        takenBy: null,
        outcome: null,
        doneBy: null,
      });
      continue;
    }
    if (event.kind !== 'status' || !event.callback) continue;
    const task = tasks.get(event.callback.requestSeq);
    if (!task) continue;
    if (event.change === 'callback_taken') {
      tasks.set(task.requestSeq, { ...task, state: task.state === 'done' ? 'done' : 'taken', takenBy: event.author });
    } else if (event.change === 'callback_done') {
      tasks.set(task.requestSeq, { ...task, state: 'done', outcome: event.callback.outcome, doneBy: event.author });
    }
  }
  return [...tasks.values()];
}
