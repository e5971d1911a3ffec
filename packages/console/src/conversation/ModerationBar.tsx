/**
 * Moderation of the whole conversation (issue 6): warn the person, block or unblock them (their
 * new messages are then held, not queued), and, for leads, decide a waiting escalation. Shows
 * how long the last decision took, and what the relay refused (a moderation frame without a
 * reason, a block that already exists, a decision a colleague made first).
 */
import { useState } from 'preact/hooks';
import type { AgentProfile, ConversationSummary, WarnTemplate } from '@eyelevel/shared';
import type { OutboxEntry } from '../state/outbox.js';
import { awaitsDecision } from '../state/queue-order.js';
import { formatDuration } from './describe-moderation.js';
import { isLeadRole } from './moderation-permission.js';
import { ReasonForm } from './ReasonForm.js';
import { WarnForm } from './WarnForm.js';
import { DecideForm } from './DecideForm.js';

const MODERATION_FRAMES: readonly string[] = ['moderate', 'warn', 'block', 'unblock', 'decide'];

interface Props {
  readonly agent: AgentProfile | null;
  readonly summary: ConversationSummary;
  readonly blocked: boolean;
  readonly warnTemplates: readonly WarnTemplate[];
  readonly outbox: readonly OutboxEntry[];
  readonly now: number;
  readonly onWarn: (template: string, text: string | null, reason: string) => void;
  readonly onBlock: (blocked: boolean, reason: string) => void;
  readonly onDecide: (note: string, resolve: boolean) => void;
  readonly onDismiss: (id: string) => void;
}

/** The person's name or handle, for a warning's `{name}`. */
export function personName(summary: ConversationSummary): string | null {
  return summary.social?.author.handle ?? summary.visitor.name ?? summary.prechat?.name ?? summary.identity?.name ?? null;
}

export function ModerationBar({ agent, summary, blocked, warnTemplates, outbox, now, onWarn, onBlock, onDecide, onDismiss }: Props) {
  const [panel, setPanel] = useState<'warn' | 'block' | 'decide' | null>(null);
  const entries = outbox.filter((entry) => MODERATION_FRAMES.includes(entry.frame.type));
  const busy = (type: string) => entries.some((entry) => entry.frame.type === type && entry.state === 'pending');
  const failed = entries.filter((entry) => entry.state === 'failed');
  const waiting = awaitsDecision(summary);
  const decidedAt = summary.escalationDecidedAt ?? null;
  const close = () => setPanel(null);

  return (
    <div class="moderation-bar">
      <div class="action-bar" role="toolbar" aria-label="Moderation">
        {blocked && <span class="badge is-blocked">blocked: new messages are held</span>}
        <button type="button" disabled={busy('warn')} aria-expanded={panel === 'warn'} onClick={() => setPanel(panel === 'warn' ? null : 'warn')}>
          {busy('warn') ? 'Warning…' : 'Warn…'}
        </button>
        <button
          type="button"
          disabled={busy('block') || busy('unblock')}
          aria-expanded={panel === 'block'}
          onClick={() => setPanel(panel === 'block' ? null : 'block')}
        >
          {blocked ? 'Unblock…' : 'Block…'}
        </button>
        {waiting && isLeadRole(agent) && (
          <button type="button" class="primary" disabled={busy('decide')} aria-expanded={panel === 'decide'} onClick={() => setPanel(panel === 'decide' ? null : 'decide')}>
            {busy('decide') ? 'Deciding…' : 'Decide escalation…'}
          </button>
        )}
      </div>
      {waiting && summary.escalatedAt !== null && (
        <p class="escalation-line">Escalated {formatDuration(Math.max(0, now - summary.escalatedAt))} ago, waiting for a lead’s decision.</p>
      )}
      {!waiting && decidedAt !== null && summary.escalatedAt !== null && (
        <p class="escalation-line">Escalation decided after {formatDuration(Math.max(0, decidedAt - summary.escalatedAt))}.</p>
      )}
      {panel === 'warn' && (
        <WarnForm
          templates={warnTemplates}
          name={personName(summary)}
          publicOnly={Boolean(summary.social)}
          onWarn={(template, text, reason) => {
            onWarn(template, text, reason);
            close();
          }}
          onCancel={close}
        />
      )}
      {panel === 'block' && (
        <ReasonForm
          label={blocked ? 'Unblock' : 'Block'}
          submit={blocked ? 'Unblock' : 'Block'}
          onSubmit={(reason) => {
            onBlock(!blocked, reason);
            close();
          }}
          onCancel={close}
        />
      )}
      {panel === 'decide' && (
        <DecideForm
          onDecide={(note, resolve) => {
            onDecide(note, resolve);
            close();
          }}
          onCancel={close}
        />
      )}
      {failed.map((entry) => (
        <p key={entry.id} class="action-error" role="alert">
          {entry.error?.message ?? 'The relay refused this.'}{' '}
          <button type="button" class="link-button" onClick={() => onDismiss(entry.id)}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
