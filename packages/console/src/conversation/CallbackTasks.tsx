/**
 * The visitor's callback requests in the open conversation, as tasks: the number to call and
 * when, who took it, and how it went. An agent takes an open one, calls, and records the outcome
 * (the visitor's conversation shows it; the note stays with the agents). Phone numbers link with
 * `tel:` only after the relay's own format check, and are shown as text.
 */
import { useState } from 'preact/hooks';
import { CALLBACK_OUTCOMES, LIMITS, type AgentProfile, type CallbackOutcome } from '@eyelevel/shared';
import type { CallbackTask } from '../state/callback-tasks.js';
import type { OutboxEntry } from '../state/outbox.js';
import { describeAuthor } from '../state/describe-author.js';
import { formatTimestamp } from '../queue/format-time.js';
import { isLead } from './reply-permission.js';
import { FormActions } from '../forms/FormActions.js';

export const OUTCOME_LABELS: Record<CallbackOutcome, string> = {
  reached: 'Reached',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
  wrong_number: 'Wrong number',
  cancelled: 'Cancelled',
};

interface Props {
  readonly tasks: readonly CallbackTask[];
  readonly agent: AgentProfile | null;
  readonly outbox: readonly OutboxEntry[];
  readonly now: number;
  readonly onTake: (requestSeq: number) => void;
  readonly onDone: (requestSeq: number, outcome: CallbackOutcome, note: string) => void;
}

/** Digits with an optional leading +, for a tel: link; anything else is not linked. */
function telHref(phone: string): string | null {
  const digits = phone.replace(/[\s()./-]/g, '');
  return /^\+?\d{5,20}$/.test(digits) ? `tel:${digits}` : null;
}

export function CallbackTasks({ tasks, agent, outbox, now, onTake, onDone }: Props) {
  const [finishing, setFinishing] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<CallbackOutcome>('reached');
  const [note, setNote] = useState('');
  if (tasks.length === 0) return null;
  const pending = (type: string, seq: number) =>
    outbox.some((entry) => entry.state === 'pending' && entry.frame.type === type && 'requestSeq' in entry.frame && entry.frame.requestSeq === seq);
  const failed = outbox.filter((entry) => entry.state === 'failed' && (entry.frame.type === 'callback_take' || entry.frame.type === 'callback_done'));

  return (
    <section class="callbacks" aria-label="Callback requests">
      <h3>Callback requests</h3>
      {failed.map((entry) => (
        <p key={entry.id} class="status-error" role="alert">
          {entry.error?.message}
        </p>
      ))}
      <ul>
        {tasks.map((task) => {
          const href = telHref(task.phone);
          const mine = task.takenBy?.id === agent?.id;
          const mayFinish = task.state === 'open' || mine || isLead(agent);
          return (
            <li key={task.requestSeq} class={`callback is-${task.state}`} data-request-seq={task.requestSeq}>
              <div>
                <strong>{href ? <a href={href}>{task.phone}</a> : task.phone}</strong>
                {task.preferredTime && <span> · {task.preferredTime}</span>}
                <span class="context-detail"> · asked {formatTimestamp(task.at, now)}</span>
              </div>
              {task.note && <div class="context-detail">“{task.note}”</div>}
              <div class="callback-state">
                {task.state === 'open' && 'Open'}
                {task.state === 'taken' && `Taken by ${task.takenBy ? describeAuthor(task.takenBy) : 'an agent'}`}
                {task.state === 'done' && `Done: ${task.outcome ? OUTCOME_LABELS[task.outcome] : 'closed'}${task.doneBy ? ` (${describeAuthor(task.doneBy)})` : ''}`}
              </div>
              {task.state !== 'done' && (
                <div class="action-buttons">
                  {task.state === 'open' && (
                    <button type="button" disabled={pending('callback_take', task.requestSeq)} onClick={() => onTake(task.requestSeq)}>
                      {pending('callback_take', task.requestSeq) ? 'Taking…' : 'Take callback'}
                    </button>
                  )}
                  {mayFinish && finishing !== task.requestSeq && (
                    <button type="button" onClick={() => setFinishing(task.requestSeq)}>
                      Record outcome…
                    </button>
                  )}
                </div>
              )}
              {finishing === task.requestSeq && task.state !== 'done' && (
                <form
                  class="action-panel"
                  aria-label="Callback outcome"
                  onSubmit={(event) => {
                    event.preventDefault();
                    onDone(task.requestSeq, outcome, note);
                    setFinishing(null);
                    setNote('');
                  }}
                >
                  <label>
                    Outcome
                    <select value={outcome} onChange={(event) => setOutcome(event.currentTarget.value as CallbackOutcome)}>
                      {CALLBACK_OUTCOMES.map((value) => (
                        <option key={value} value={value}>
                          {OUTCOME_LABELS[value]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Note for colleagues (optional)
                    <textarea rows={2} maxLength={LIMITS.maxNoteLength} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
                  </label>
                  <FormActions primary submit="Save outcome" onCancel={() => setFinishing(null)} />
                </form>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
