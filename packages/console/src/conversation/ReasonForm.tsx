/**
 * The reason every moderation action needs (issue 6): it goes into the conversation's log and
 * the audit log, so the form will not submit without one.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';

interface Props {
  readonly label: string;
  readonly submit: string;
  readonly onSubmit: (reason: string) => void;
  readonly onCancel: () => void;
}

export function ReasonForm({ label, submit, onSubmit, onCancel }: Props) {
  const [reason, setReason] = useState('');
  return (
    <form
      class="action-panel"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim()) onSubmit(reason);
      }}
    >
      <label>
        Reason (kept in the audit log)
        <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
      <div class="action-buttons">
        <button type="submit" disabled={!reason.trim()}>
          {submit}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
