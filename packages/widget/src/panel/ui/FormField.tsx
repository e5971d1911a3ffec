/**
 * One labelled form control with its error (issue 3's pre-chat, offline and callback forms):
 * the label names the control, a required field says so to screen readers, and an error is
 * announced and tied to its control with aria-describedby.
 */
import type { ComponentChildren } from 'preact';

export interface ControlAttributes {
  id: string;
  required: boolean;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface Props {
  id: string;
  label: string;
  required: boolean;
  error: string | null;
  children: (attributes: ControlAttributes) => ComponentChildren;
}

export function FormField({ id, label, required, error, children }: Props) {
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children({ id, required, 'aria-invalid': !!error, 'aria-describedby': error ? `${id}-err` : undefined })}
      {error && (
        <p id={`${id}-err`} class="hint err" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
