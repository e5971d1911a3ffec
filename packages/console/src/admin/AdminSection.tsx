/**
 * The frame of an admin screen: its heading, the "Add …" button of screens with an editor
 * (shown only to those who may change things), an optional explanation, and the relay's last
 * refusal, where the admin is looking.
 */
import type { ComponentChildren } from 'preact';
import { FormError } from './FormError.js';

interface Props {
  readonly title: string;
  /** Opens the editor for a new entry; the screens without one name no `add`. */
  readonly add?: { readonly label: string; readonly onAdd: () => void };
  readonly readOnly?: boolean;
  readonly intro?: ComponentChildren;
  readonly error: string | null;
  readonly children: ComponentChildren;
}

export function AdminSection({ title, add, readOnly = false, intro, error, children }: Props) {
  return (
    <div class="admin-section">
      {add ? (
        <div class="admin-head">
          <h3>{title}</h3>
          {!readOnly && (
            <button type="button" class="primary" onClick={() => add.onAdd()}>
              {add.label}
            </button>
          )}
        </div>
      ) : (
        <h3>{title}</h3>
      )}
      {intro && <p class="context-detail">{intro}</p>}
      <FormError message={error} />
      {children}
    </div>
  );
}
