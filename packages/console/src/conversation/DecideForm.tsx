/**
 * A lead's decision on an escalation (issue 6): the note tells the team what was decided, and
 * the relay records how long the decision took. Resolving at the same time is one tick away.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import { ActionPanel } from './ActionPanel.js';

interface Props {
  readonly onDecide: (note: string, resolve: boolean) => void;
  readonly onCancel: () => void;
}

export function DecideForm({ onDecide, onCancel }: Props) {
  const [note, setNote] = useState('');
  const [resolve, setResolve] = useState(false);
  return (
    <ActionPanel label="Decide escalation" submit="Decide" ready={note.trim() !== ''} onSubmit={() => onDecide(note, resolve)} onCancel={onCancel}>
      <label>
        Decision
        <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
      <label class="inline">
        <input type="checkbox" checked={resolve} onChange={(event) => setResolve(event.currentTarget.checked)} /> Resolve the conversation too
      </label>
    </ActionPanel>
  );
}
