/**
 * Workspace settings: its name and the first-response target every queue row's due time is
 * measured against.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AdminApi } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useChanges } from './use-changes.js';
import { AdminSection } from './AdminSection.js';
import { AdminForm } from './AdminForm.js';

export function SettingsAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const workspace = useResource(api.workspace);
  const changes = useChanges(workspace.reload);
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState(5);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!workspace.data) return;
    setName(workspace.data.name);
    setMinutes(workspace.data.firstResponseTargetMinutes);
  }, [workspace.data]);

  return (
    <AdminSection title="Settings" error={workspace.error ?? changes.error}>
      <AdminForm
        label="Workspace settings"
        inline
        onSubmit={() => void changes.run(api.updateWorkspace({ name, firstResponseTargetMinutes: minutes })).then((done) => setSaved(done !== null))}
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
      </AdminForm>
    </AdminSection>
  );
}
