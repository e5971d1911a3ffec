/**
 * Workspace settings: its name and the first-response target every queue row's due time is
 * measured against.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AdminApi } from './admin-api.js';
import { change, useResource } from './use-resource.js';
import { FormError } from './FormError.js';

export function SettingsAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const workspace = useResource(api.workspace);
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState(5);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!workspace.data) return;
    setName(workspace.data.name);
    setMinutes(workspace.data.firstResponseTargetMinutes);
  }, [workspace.data]);

  return (
    <div class="admin-section">
      <h3>Settings</h3>
      <FormError message={workspace.error ?? error} />
      <form
        class="admin-form admin-inline"
        aria-label="Workspace settings"
        onSubmit={(event) => {
          event.preventDefault();
          void change(api.updateWorkspace({ name, firstResponseTargetMinutes: minutes }), setError, workspace.reload).then((done) => setSaved(done !== null));
        }}
      >
        <label>
          Workspace name
          <input required disabled={readOnly} value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <label>
          First response within (minutes)
          <input
            type="number"
            min={1}
            max={1440}
            required
            disabled={readOnly}
            value={minutes}
            onInput={(event) => setMinutes(Number(event.currentTarget.value))}
          />
        </label>
        {!readOnly && (
          <button type="submit" class="primary">
            Save settings
          </button>
        )}
        {saved && <span role="status">Saved.</span>}
      </form>
    </div>
  );
}
