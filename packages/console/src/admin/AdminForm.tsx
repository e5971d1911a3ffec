/**
 * An admin form: it submits in place (the console is one page), and `inline` lays the few
 * fields of the short forms (a new team, a new webhook, the settings) out in a row.
 */
import type { ComponentChildren } from 'preact';

interface Props {
  /** The form's accessible name, e.g. "New site" or "Edit Shop". */
  readonly label: string;
  readonly inline?: boolean;
  readonly onSubmit: () => void;
  readonly children: ComponentChildren;
}

export function AdminForm({ label, inline = false, onSubmit, children }: Props) {
  return (
    <form
      class={inline ? 'admin-form admin-inline' : 'admin-form'}
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
