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
import { ActionPanel } from './ActionPanel.js';

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

  const close = () => setPanel(null);

  if (panel === 'escalate' && onEscalate) {
    const reason = note.trim();
    return (
      <ActionPanel
        className="review-panel"
        label={`Escalate ${label}`}
        submit="Escalate to a lead"
        ready={reason !== ''}
        onSubmit={() => {
          onEscalate(reason);
          close();
        }}
        onCancel={close}
      >
        <label>
          Why a lead should decide (required)
          <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
      </ActionPanel>
    );
  }

  if (panel === 'edit') {
    const edited = text.trim();
    return (
      <ActionPanel
        className="review-panel"
        label={`Edit and approve ${label}`}
        submit="Approve edited reply"
        ready={edited !== ''}
        onSubmit={() => {
          onApprove(text === draft.text ? undefined : text);
          close();
        }}
        onCancel={close}
      >
        <label>
          Reply as it will be sent
          <textarea rows={4} required maxLength={LIMITS.maxMessageLength} value={text} onInput={(event) => setText(event.currentTarget.value)} />
        </label>
      </ActionPanel>
    );
  }

  if (panel === 'reject') {
    const trimmed = note.trim();
    return (
      <ActionPanel
        className="review-panel"
        label={`Reject ${label}`}
        submit="Reject"
        ready={trimmed !== ''}
        onSubmit={() => {
          onReject(trimmed);
          close();
        }}
        onCancel={close}
      >
        <label>
          Note for the author (required)
          <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
      </ActionPanel>
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
