/**
 * Put a conversation away until a time: a few presets agents use most, or any date and time.
 * It comes back on its own then, or earlier if the visitor writes.
 */
import { useState } from 'preact/hooks';
import { parseLocalDateTime, snoozePresets } from './snooze-presets.js';
import { ActionPanel } from './ActionPanel.js';

interface Props {
  readonly now: number;
  readonly onSnooze: (until: number) => void;
  readonly onCancel: () => void;
}

export function SnoozeForm({ now, onSnooze, onCancel }: Props) {
  const [custom, setCustom] = useState('');
  const at = parseLocalDateTime(custom);
  const valid = at !== null && at > Date.now();
  return (
    <ActionPanel
      label="Snooze"
      submit="Snooze"
      ready={valid}
      onSubmit={() => {
        if (at !== null) onSnooze(at);
      }}
      onCancel={onCancel}
    >
      <div class="action-buttons">
        {snoozePresets(now).map((preset) => (
          <button key={preset.label} type="button" onClick={() => onSnooze(preset.at)}>
            {preset.label}
          </button>
        ))}
      </div>
      <label>
        Until
        <input type="datetime-local" value={custom} onInput={(event) => setCustom(event.currentTarget.value)} />
      </label>
    </ActionPanel>
  );
}
