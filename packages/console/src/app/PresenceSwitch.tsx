/**
 * The agent's own presence: online (gets new cases), away (keeps their cases, gets no new ones),
 * offline (the same, and colleagues see them as gone). The console remembers the choice across
 * reconnects; the relay otherwise counts a connecting console as online.
 */
import { PRESENCES, type PresenceStatus } from '@eyelevel/shared';

const LABELS: Record<PresenceStatus, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

export function PresenceSwitch({ value, onChange }: { value: PresenceStatus; onChange: (status: PresenceStatus) => void }) {
  return (
    <label class={`presence presence-${value}`}>
      <span class="presence-dot" aria-hidden="true" />
      <span class="visually-hidden">Presence</span>
      <select aria-label="Presence" value={value} onChange={(event) => onChange(event.currentTarget.value as PresenceStatus)}>
        {PRESENCES.map((status) => (
          <option key={status} value={status}>
            {LABELS[status]}
          </option>
        ))}
      </select>
    </label>
  );
}
