/**
 * What an agent can do with the open conversation besides writing: claim it (or, as a lead, take
 * it over), transfer, escalate, park it (pending, snooze), resolve or reopen, and set its
 * priority. Each is an outbox frame (sent again after a reconnect, stored once); while one is on
 * its way its button says so, and a refusal from the relay is shown beside the buttons. Controls
 * the agent may not use are disabled with the reason next to them, never hidden.
 */
import { useState } from 'preact/hooks';
import { PRIORITIES, type AgentProfile, type ConversationSummary, type Priority } from '@eyelevel/shared';
import type { ConsoleController } from '../app/console-controller.js';
import type { Directory } from '../state/directory-state.js';
import type { OutboxEntry } from '../state/outbox.js';
import { claimOffer, workPermission } from './reply-permission.js';
import { describeAuthor } from '../state/describe-author.js';
import { TransferForm } from './TransferForm.js';
import { EscalateForm } from './EscalateForm.js';
import { SnoozeForm } from './SnoozeForm.js';

type ActionType = 'claim' | 'transfer' | 'escalate' | 'status' | 'priority';
const ACTION_TYPES: readonly string[] = ['claim', 'transfer', 'escalate', 'status', 'priority'];

interface Props {
  readonly controller: ConsoleController;
  readonly agent: AgentProfile | null;
  readonly summary: ConversationSummary;
  readonly directory: Directory | null;
  /** This conversation's outbox entries. */
  readonly outbox: readonly OutboxEntry[];
  readonly now: number;
}

export function ConversationActions({ controller, agent, summary, directory, outbox, now }: Props) {
  const [panel, setPanel] = useState<'transfer' | 'escalate' | 'snooze' | null>(null);
  const id = summary.id;
  const actions = outbox.filter((entry) => ACTION_TYPES.includes(entry.frame.type));
  const busy = (type: ActionType) => actions.some((entry) => entry.frame.type === type && entry.state === 'pending');
  const failed = actions.filter((entry) => entry.state === 'failed');
  const permission = workPermission(agent, summary);
  const offer = claimOffer(agent, summary);
  const resolved = summary.status === 'resolved';
  const parked = summary.status === 'pending' || summary.status === 'snoozed';
  const blocked = !permission.allowed;
  const reasonId = `actions-reason-${id}`;
  const describedBy = blocked ? reasonId : undefined;
  /** Starts an action, clearing earlier refusals of the same kind so the error shown is current. */
  const run = (type: ActionType, action: () => void) => {
    for (const entry of failed) if (entry.frame.type === type) controller.discard(entry.id);
    action();
    setPanel(null);
  };

  return (
    <div class="conversation-actions">
      <div class="action-bar" role="toolbar" aria-label="Conversation actions">
        {offer && (
          <button type="button" class="primary" disabled={busy('claim')} onClick={() => run('claim', () => controller.claim(id))}>
            {busy('claim') ? 'Claiming…' : offer === 'claim' ? 'Claim' : 'Take over'}
          </button>
        )}
        <button
          type="button"
          aria-expanded={panel === 'transfer'}
          disabled={blocked || resolved || busy('transfer')}
          aria-describedby={describedBy}
          onClick={() => setPanel(panel === 'transfer' ? null : 'transfer')}
        >
          {busy('transfer') ? 'Transferring…' : 'Transfer…'}
        </button>
        <button
          type="button"
          aria-expanded={panel === 'escalate'}
          disabled={resolved || busy('escalate')}
          onClick={() => setPanel(panel === 'escalate' ? null : 'escalate')}
        >
          {busy('escalate') ? 'Escalating…' : 'Escalate…'}
        </button>
        {!resolved && summary.status !== 'pending' && (
          <button type="button" disabled={blocked || busy('status')} aria-describedby={describedBy} onClick={() => run('status', () => controller.setStatus(id, 'pending'))}>
            Pending
          </button>
        )}
        {!resolved && (
          <button
            type="button"
            aria-expanded={panel === 'snooze'}
            disabled={blocked || busy('status')}
            aria-describedby={describedBy}
            onClick={() => setPanel(panel === 'snooze' ? null : 'snooze')}
          >
            Snooze…
          </button>
        )}
        {parked && (
          <button type="button" disabled={blocked || busy('status')} aria-describedby={describedBy} onClick={() => run('status', () => controller.setStatus(id, 'open'))}>
            Open again
          </button>
        )}
        <button
          type="button"
          class="status-toggle"
          disabled={blocked || busy('status')}
          aria-describedby={describedBy}
          onClick={() => run('status', () => controller.setStatus(id, resolved ? 'open' : 'resolved'))}
        >
          {busy('status') ? 'Saving…' : resolved ? 'Reopen' : 'Resolve'}
        </button>
        <label class="priority-control">
          <span aria-hidden="true">Priority</span>
          <select
            aria-label="Priority"
            value={summary.priority}
            disabled={blocked || busy('priority')}
            aria-describedby={describedBy}
            onChange={(event) => run('priority', () => controller.setPriority(id, event.currentTarget.value as Priority))}
          >
            {[...PRIORITIES].reverse().map((priority) => (
              <option key={priority} value={priority}>
                {priority}
              </option>
            ))}
          </select>
        </label>
      </div>
      {blocked && (
        <p id={reasonId} class="action-reason">
          Only {describeAuthor(summary.assignee ?? { kind: 'agent', name: null })} or a lead can transfer, park, resolve or re-prioritise it.
        </p>
      )}
      {failed.map((entry) => (
        <p key={entry.id} class="status-error" role="alert">
          Could not {entry.frame.type === 'status' ? 'change the status' : entry.frame.type}: {entry.error?.message}{' '}
          <button type="button" class="link-button" onClick={() => controller.discard(entry.id)}>
            Dismiss
          </button>
        </p>
      ))}
      {panel === 'transfer' && (
        <TransferForm
          directory={directory}
          exclude={[agent?.id ?? '', summary.assignee?.id ?? ''].filter(Boolean)}
          currentTeamId={summary.teamId}
          onTransfer={(to, note) => run('transfer', () => controller.transfer(id, to, note))}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === 'escalate' && (
        <EscalateForm onEscalate={(reason) => run('escalate', () => controller.escalate(id, reason))} onCancel={() => setPanel(null)} />
      )}
      {panel === 'snooze' && (
        <SnoozeForm now={now} onSnooze={(until) => run('status', () => controller.setStatus(id, 'snoozed', until))} onCancel={() => setPanel(null)} />
      )}
    </div>
  );
}
