/**
 * Teams: each has its own queue (conversations routed to it), members (set on the agents tab)
 * and canned replies. A team's key is what a careers page names in `data-team`.
 */
import { useState } from 'preact/hooks';
import type { AdminApi } from './admin-api.js';
import { change, useResource } from './use-resource.js';
import { FormError } from './FormError.js';

export function TeamsAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const teams = useResource(api.teams);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');

  return (
    <div class="admin-section">
      <h3>Teams</h3>
      <FormError message={teams.error ?? error} />
      {!readOnly && (
        <form
          class="admin-form admin-inline"
          aria-label="New team"
          onSubmit={(event) => {
            event.preventDefault();
            void change(api.createTeam({ name, ...(slug.trim() ? { slug: slug.trim() } : {}) }), setError, teams.reload).then((team) => {
              if (team) {
                setName('');
                setSlug('');
              }
            });
          }}
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
        </form>
      )}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            {!readOnly && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {(teams.data ?? []).map((team) => (
            <tr key={team.id}>
              <td>{team.name}</td>
              <td>
                <code>{team.slug}</code>
              </td>
              {!readOnly && (
                <td class="admin-actions">
                  <button
                    type="button"
                    aria-label={`Rename ${team.name}`}
                    onClick={() => {
                      const next = prompt('New name', team.name);
                      if (next && next.trim()) void change(api.renameTeam(team.id, next.trim()), setError, teams.reload);
                    }}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete ${team.name}`}
                    onClick={() => {
                      if (confirm(`Delete ${team.name}? Its conversations stay, without a team; its canned replies go.`)) {
                        void change(api.deleteTeam(team.id), setError, teams.reload);
                      }
                    }}
                  >
                    Delete
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
