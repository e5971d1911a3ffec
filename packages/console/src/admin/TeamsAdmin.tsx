/**
 * Teams: each has its own queue (conversations routed to it), members (set on the agents tab)
 * and canned replies. A team's key is what a careers page names in `data-team`.
 */
import { useState } from 'preact/hooks';
import type { AdminApi } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useChanges } from './use-changes.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { AdminForm } from './AdminForm.js';

export function TeamsAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const teams = useResource(api.teams);
  const changes = useChanges(teams.reload);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');

  return (
    <AdminSection title="Teams" error={teams.error ?? changes.error}>
      {!readOnly && (
        <AdminForm
          label="New team"
          inline
          onSubmit={() =>
            void changes.run(api.createTeam({ name, ...(slug.trim() ? { slug: slug.trim() } : {}) })).then((team) => {
              if (team) {
                setName('');
                setSlug('');
              }
            })
          }
        >
          <label>
            Team name
            <input required value={name} onInput={(event) => setName(event.currentTarget.value)} />
          </label>
          <label>
            Key (optional)
            <input value={slug} placeholder="e.g. recruiting" onInput={(event) => setSlug(event.currentTarget.value)} />
          </label>
          <button type="submit" class="primary">
            Add team
          </button>
        </AdminForm>
      )}
      <AdminTable
        columns={['Name', 'Key']}
        rows={teams.data}
        rowKey={(team) => team.id}
        cells={(team) => (
          <>
            <td>{team.name}</td>
            <td>
              <code>{team.slug}</code>
            </td>
          </>
        )}
        actions={
          readOnly
            ? undefined
            : (team) => (
                <>
                  <button
                    type="button"
                    aria-label={`Rename ${team.name}`}
                    onClick={() => {
                      const next = prompt('New name', team.name);
                      if (next && next.trim()) void changes.run(api.renameTeam(team.id, next.trim()));
                    }}
                  >
                    Rename
                  </button>
                  <ConfirmButton
                    label={`Delete ${team.name}`}
                    question={`Delete ${team.name}? Its conversations stay, without a team; its canned replies go.`}
                    onConfirm={() => void changes.run(api.deleteTeam(team.id))}
                  >
                    Delete
                  </ConfirmButton>
                </>
              )
        }
      />
    </AdminSection>
  );
}
