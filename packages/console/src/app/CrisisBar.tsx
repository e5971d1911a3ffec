/**
 * Crisis mode in the console (issue 6). While it is on, everyone sees a banner saying that every
 * public reply waits for a lead; leads switch it off there. While it is off, leads have the
 * switch and the holding statement at hand, so starting it during a storm is one click. The
 * relay broadcasts every change to every console of the workspace, so the banner appears for
 * all agents at once. The same place holds the draft lifetime, the other review setting.
 */
import { useState } from 'preact/hooks';
import { LIMITS, MAX_DRAFT_EXPIRY_MINUTES, type AgentProfile } from '@eyelevel/shared';
import type { ConsoleState } from '../state/console-state.js';
import { describeAuthor } from '../state/describe-author.js';
import { isLeadRole } from '../conversation/review-permission.js';

interface Props {
  readonly settings: ConsoleState['reviewSettings'];
  readonly agent: AgentProfile | null;
  readonly onSwitch: (on: boolean) => void;
  readonly onSaveStatement: (text: string) => void;
  /** The draft lifetime, in minutes (issue 6: a pending draft expires after it). */
  readonly onSaveExpiry?: (minutes: number) => void;
}

export function CrisisBar({ settings, agent, onSwitch, onSaveStatement, onSaveExpiry }: Props) {
  if (!settings) return null;
  const lead = isLeadRole(agent);
  const { crisis } = settings;
  if (crisis.on) {
    const since = crisis.since === null ? '' : ` since ${new Date(crisis.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
    const by = crisis.by ? ` (${describeAuthor(crisis.by)})` : '';
    return (
      <section class="crisis-banner" role="region" aria-label="Crisis mode">
        <p>
          <strong>Crisis mode is on</strong>
          {since}
          {by}: every public reply waits for a lead’s approval. Use the holding statement where it fits.
        </p>
        {lead && (
          <div class="action-buttons">
            <button type="button" onClick={() => onSwitch(false)}>
              End crisis mode
            </button>
            <HoldingStatementEditor text={settings.holdingStatement} onSave={onSaveStatement} />
          </div>
        )}
      </section>
    );
  }
  if (!lead) return null;
  return (
    <details class="crisis-controls">
      <summary>Crisis mode</summary>
      <p>Every public reply will wait for a lead’s approval, and every colleague sees a banner.</p>
      <div class="action-buttons">
        <button type="button" class="danger" onClick={() => onSwitch(true)}>
          Start crisis mode
        </button>
        <HoldingStatementEditor text={settings.holdingStatement} onSave={onSaveStatement} />
      </div>
      {onSaveExpiry && <DraftExpiryEditor minutes={settings.draftExpiryMinutes} onSave={onSaveExpiry} />}
    </details>
  );
}

/** Hours on screen (what a team thinks in), minutes on the wire. */
function DraftExpiryEditor({ minutes, onSave }: { minutes: number; onSave: (minutes: number) => void }) {
  const [hours, setHours] = useState(String(Math.round((minutes / 60) * 100) / 100));
  const value = Math.round(Number(hours) * 60);
  const valid = Number.isFinite(value) && value >= 1 && value <= MAX_DRAFT_EXPIRY_MINUTES;
  return (
    <form
      class="action-panel"
      aria-label="Draft lifetime"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onSave(value);
      }}
    >
      <label>
        Drafts nobody reviewed expire after (hours)
        <input type="number" min="0.1" max={MAX_DRAFT_EXPIRY_MINUTES / 60} step="0.5" value={hours} onInput={(event) => setHours(event.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!valid}>
        Save
      </button>
    </form>
  );
}

function HoldingStatementEditor({ text, onSave }: { text: string; onSave: (text: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(text);
  if (!editing) {
    return (
      <button type="button" onClick={() => { setValue(text); setEditing(true); }}>
        Edit holding statement…
      </button>
    );
  }
  return (
    <form
      class="action-panel"
      aria-label="Holding statement"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(value.trim());
        setEditing(false);
      }}
    >
      <label>
        Holding statement (sent as a reply, after a lead’s approval)
        <textarea rows={3} maxLength={LIMITS.maxMessageLength} value={value} onInput={(event) => setValue(event.currentTarget.value)} />
      </label>
      <div class="action-buttons">
        <button type="submit">Save</button>
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
