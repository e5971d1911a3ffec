/**
 * Put a conversation away until a time: a few presets agents use most, or any date and time.
 * It comes back on its own then, or earlier if the visitor writes.
 */
import { useState } from 'preact/hooks';
import { parseLocalDateTime, snoozePresets } from './snooze-presets.js';

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
    <form
      class="action-panel"
      aria-label="Snooze"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid && at !== null) onSnooze(at);
      }}
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
      <div class="action-buttons">
        <button type="submit" disabled={!valid}>
          Snooze
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
