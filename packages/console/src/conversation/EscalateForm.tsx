/**
 * Ask a lead to decide. The reason is required: a lead who opens an escalation should learn from
 * the log what is being asked of them without reading the whole conversation.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import { ActionPanel } from './ActionPanel.js';

interface Props {
  readonly onEscalate: (reason: string) => void;
  readonly onCancel: () => void;
}

export function EscalateForm({ onEscalate, onCancel }: Props) {
  const [reason, setReason] = useState('');
  return (
    <ActionPanel label="Escalate" submit="Escalate" ready={reason.trim() !== ''} onSubmit={() => onEscalate(reason)} onCancel={onCancel}>
      <label>
        What should a lead decide?
        <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
    </ActionPanel>
  );
}
