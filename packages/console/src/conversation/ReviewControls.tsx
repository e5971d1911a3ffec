/**
 * The reviewer's side of a pending draft (issue 6): approve it as written, edit and approve (the
 * draft's own text stays in the log), or reject it with a note for the author. Someone who may
 * not review it sees why instead of the buttons. The relay decides who wins when two reviewers
 * click at once; a refusal appears in the notice list.
 */
import { useState } from 'preact/hooks';
import { LIMITS, type AgentProfile, type DraftEvent } from '@eyelevel/shared';
import { reviewPermission } from './review-permission.js';

interface Props {
  readonly draft: DraftEvent;
  readonly agent: AgentProfile | null;
  /** A decision on this draft is on its way. */
  readonly busy: boolean;
  /** `text` only when the reviewer edited the draft. */
  readonly onApprove: (text?: string) => void;
  readonly onReject: (note: string) => void;
}

export function ReviewControls({ draft, agent, busy, onApprove, onReject }: Props) {
  const [panel, setPanel] = useState<'edit' | 'reject' | null>(null);
  const [text, setText] = useState(draft.text);
  const [note, setNote] = useState('');
  const permission = reviewPermission(agent, draft);
  if (!permission.allowed) return <p class="review-blocked">{permission.reason}</p>;
  if (busy) return <p class="review-busy" role="status">Sending your decision…</p>;
  const label = `draft #${draft.seq}`;

  if (panel === 'edit') {
    const edited = text.trim();
    return (
      <form
        class="action-panel review-panel"
        aria-label={`Edit and approve ${label}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!edited) return;
          onApprove(text === draft.text ? undefined : text);
          setPanel(null);
        }}
      >
        <label>
          Reply as it will be sent
          <textarea rows={4} required maxLength={LIMITS.maxMessageLength} value={text} onInput={(event) => setText(event.currentTarget.value)} />
        </label>
        <div class="action-buttons">
          <button type="submit" disabled={!edited}>
            Approve edited reply
          </button>
          <button type="button" onClick={() => setPanel(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  if (panel === 'reject') {
    const trimmed = note.trim();
    return (
      <form
        class="action-panel review-panel"
        aria-label={`Reject ${label}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!trimmed) return;
          onReject(trimmed);
          setPanel(null);
        }}
      >
        <label>
          Note for the author (required)
          <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
        <div class="action-buttons">
          <button type="submit" disabled={!trimmed}>
            Reject
          </button>
          <button type="button" onClick={() => setPanel(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <div class="action-buttons review-actions" role="group" aria-label={`Review ${label}`}>
      <button type="button" class="primary" onClick={() => onApprove()}>
        Approve
      </button>
      <button type="button" onClick={() => { setText(draft.text); setPanel('edit'); }}>
        Edit & approve…
      </button>
      <button type="button" onClick={() => { setNote(''); setPanel('reject'); }}>
        Reject…
      </button>
    </div>
  );
}
