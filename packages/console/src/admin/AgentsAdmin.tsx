/**
 * Agents: who works in this workspace, with their role, capacity (how many open cases they may
 * hold), teams and presence. Admins add agents, edit them and deactivate them; a deactivated
 * agent stays in the list (their name is on what they wrote) and can be reactivated.
 */
import { useState } from 'preact/hooks';
import type { AdminApi, AdminAgent } from './admin-api.js';
import { change, useResource } from './use-resource.js';
import { FormError } from './FormError.js';
import { AgentForm, type AgentFormValues } from './AgentForm.js';

interface Props {
  readonly api: AdminApi;
  readonly readOnly: boolean;
  readonly selfId: string;
}

export function AgentsAdmin({ api, readOnly, selfId }: Props) {
  const agents = useResource(api.agents);
  const teams = useResource(api.teams);
  const [editing, setEditing] = useState<AdminAgent | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name ?? '?';

  async function save(values: AgentFormValues) {
    const common = {
      name: values.name,
      initials: values.initials,
      role: values.role,
      capacity: values.capacity,
      teamIds: values.teamIds,
    };
    const done =
      editing === 'new'
        ? await change(
            api.createAgent({ ...common, email: values.email, password: values.password, ...(values.avatarUrl ? { avatarUrl: values.avatarUrl } : {}) }),
            setError,
            agents.reload,
          )
        : editing
          ? await change(
              api.updateAgent(editing.id, {
                ...common,
                avatarUrl: values.avatarUrl || null,
                ...(values.password ? { password: values.password } : {}),
              }),
              setError,
              agents.reload,
            )
          : null;
    if (done) setEditing(null);
  }

  return (
    <div class="admin-section">
      <div class="admin-head">
        <h3>Agents</h3>
        {!readOnly && (
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            Add agent
          </button>
        )}
      </div>
      <FormError message={agents.error ?? error} />
      {editing && (
        <AgentForm
          agent={editing === 'new' ? null : editing}
          teams={teams.data ?? []}
          onSave={(values) => void save(values)}
          onCancel={() => {
            setEditing(null);
            setError(null);
          }}
        />
      )}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Initials</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Capacity</th>
            <th scope="col">Teams</th>
            <th scope="col">Status</th>
            {!readOnly && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {(agents.data ?? []).map((agent) => (
            <tr key={agent.id} class={agent.active ? '' : 'is-inactive'}>
              <td>{agent.name}</td>
              <td>{agent.initials}</td>
              <td>{agent.email}</td>
              <td>{agent.role}</td>
              <td>{agent.capacity}</td>
              <td>{agent.teamIds.map(teamName).join(', ') || '—'}</td>
              <td>{agent.active ? agent.presence : 'deactivated'}</td>
              {!readOnly && (
                <td class="admin-actions">
                  <button type="button" aria-label={`Edit ${agent.name}`} onClick={() => setEditing(agent)}>
                    Edit
                  </button>
                  {agent.id !== selfId && (
                    <button
                      type="button"
                      aria-label={`${agent.active ? 'Deactivate' : 'Reactivate'} ${agent.name}`}
                      onClick={() => void change(api.updateAgent(agent.id, { active: !agent.active }), setError, agents.reload)}
                    >
                      {agent.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
