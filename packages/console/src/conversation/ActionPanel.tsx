/**
 * The form behind a conversation action (transfer, escalate, snooze, warn, decide, a moderation
 * reason, a review decision): a labelled panel that submits in place and only once it is `ready` — its submit
 * button stays disabled until then — and ends with that button and Cancel.
 */
import type { ComponentChildren } from 'preact';
import { FormActions } from '../forms/FormActions.js';

interface Props {
  /** The form's accessible name, e.g. "Escalate". */
  readonly label: string;
  readonly submit: ComponentChildren;
  readonly ready: boolean;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  /** A class besides `action-panel`, for a panel placed differently (the review panels). */
  readonly className?: string;
  readonly children: ComponentChildren;
}

export function ActionPanel({ label, submit, ready, onSubmit, onCancel, className, children }: Props) {
  return (
    <form
      class={className ? `action-panel ${className}` : 'action-panel'}
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onSubmit();
      }}
    >
      {children}
      <FormActions submit={submit} disabled={!ready} onCancel={onCancel} />
    </form>
  );
}
