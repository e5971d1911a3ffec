/**
 * The submit-and-Cancel row that closes the console's inline forms (admin editors, conversation
 * action panels), so every such form offers the same two ways out, in the same order.
 */
import type { ComponentChildren } from 'preact';

interface Props {
  /** What submitting does, as the button says it ("Save site", "Escalate"). */
  readonly submit: ComponentChildren;
  readonly onCancel: () => void;
  /** Admin editors mark their submit as the screen's main action; conversation panels do not. */
  readonly primary?: boolean;
  readonly disabled?: boolean;
}

export function FormActions({ submit, onCancel, primary = false, disabled }: Props) {
  return (
    <div class="action-buttons">
      <button type="submit" class={primary ? 'primary' : undefined} disabled={disabled}>
        {submit}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
