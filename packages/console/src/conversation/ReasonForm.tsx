/**
 * The reason every moderation action needs (issue 6): it goes into the conversation's log and
 * the audit log, so the form will not submit without one.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import { ActionPanel } from './ActionPanel.js';

interface Props {
  readonly label: string;
  readonly submit: string;
  readonly onSubmit: (reason: string) => void;
  readonly onCancel: () => void;
}

export function ReasonForm({ label, submit, onSubmit, onCancel }: Props) {
  const [reason, setReason] = useState('');
  return (
    <ActionPanel label={label} submit={submit} ready={reason.trim() !== ''} onSubmit={() => onSubmit(reason)} onCancel={onCancel}>
      <label>
        Reason (kept in the audit log)
        <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
    </ActionPanel>
  );
}
