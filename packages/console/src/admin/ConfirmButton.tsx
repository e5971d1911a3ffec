/**
 * A row action that cannot be taken back (delete, disconnect, rotate a secret): it asks the
 * admin first, in words that say what is lost, and does nothing unless they agree.
 */
import type { ComponentChildren } from 'preact';

interface Props {
  /** The button's accessible name, naming the entry ("Delete Support"). */
  readonly label: string;
  readonly question: string;
  readonly onConfirm: () => void;
  readonly children: ComponentChildren;
}

export function ConfirmButton({ label, question, onConfirm, children }: Props) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => {
        if (confirm(question)) onConfirm();
      }}
    >
      {children}
    </button>
  );
}
