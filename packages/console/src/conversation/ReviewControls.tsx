/**
 * The reviewer's side of a pending draft (issue 6): approve it as written, edit and approve (the
 * draft's own text stays in the log), reject it with a note for the author, or escalate it to
 * the leads with a reason. The tier shows on every draft; someone who may not review it sees
 * why instead of the buttons. The relay decides who wins when two reviewers
 * click at once; a refusal appears in the notice list.
 */
import { useState } from 'preact/hooks';
import { LIMITS, type AgentProfile, type DraftEvent, type ReviewTier } from '@eyelevel/shared';
import { isLeadRole, reviewPermission } from './review-permission.js';

interface Props {
  readonly draft: DraftEvent;
  readonly agent: AgentProfile | null;
  /** A decision on this draft is on its way. */
  readonly busy: boolean;
  /** `text` only when the reviewer edited the draft. */
  readonly onApprove: (text?: string) => void;
  readonly onReject: (note: string) => void;
  /** Which reviewers it waits for; `lead` after an escalation, by rule, or in crisis mode. */
  readonly tier?: ReviewTier;
  readonly onEscalate?: (reason: string) => void;
}

export function ReviewControls(props: Props) {
  const tier = props.tier ?? 'colleague';
  return (
    <>
      {tier === 'lead' && <p class="review-tier badge is-escalated">Needs a lead’s approval</p>}
      <ReviewActions {...props} tier={tier} />
    </>
  );
}

function ReviewActions({ draft, agent, busy, onApprove, onReject, tier = 'colleague', onEscalate }: Props) {
  const [panel, setPanel] = useState<'edit' | 'reject' | 'escalate' | null>(null);
  const [text, setText] = useState(draft.text);
  const [note, setNote] = useState('');
  const permission = reviewPermission(agent, draft, tier);
  if (!permission.allowed) return <p class="review-blocked">{permission.reason}</p>;
  if (busy) return <p class="review-busy" role="status">Sending your decision…</p>;
  const label = `draft #${draft.seq}`;
  // A colleague hands a hard case up; a lead decides it.
  const canEscalate = onEscalate !== undefined && tier === 'colleague' && !isLeadRole(agent);

  if (panel === 'escalate' && onEscalate) {
    const reason = note.trim();
    return (
      <form
        class="action-panel review-panel"
        aria-label={`Escalate ${label}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason) return;
          onEscalate(reason);
          setPanel(null);
        }}
      >
        <label>
          Why a lead should decide (required)
          <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
        <div class="action-buttons">
          <button type="submit" disabled={!reason}>
            Escalate to a lead
          </button>
          <button type="button" onClick={() => setPanel(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

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
      {canEscalate && (
        <button type="button" onClick={() => { setNote(''); setPanel('escalate'); }}>
          Escalate…
        </button>
      )}
    </div>
  );
}
