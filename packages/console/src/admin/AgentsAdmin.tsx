/**
 * Agents: who works in this workspace, with their role, capacity (how many open cases they may
 * hold), teams and presence. Admins add agents, edit them and deactivate them; a deactivated
 * agent stays in the list (their name is on what they wrote) and can be reactivated.
 */
import type { AdminApi, AdminAgent } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useEditor } from './use-editor.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';
import { AgentForm, type AgentFormValues } from './AgentForm.js';

interface Props {
  readonly api: AdminApi;
  readonly readOnly: boolean;
  readonly selfId: string;
}

const COLUMNS = ['Name', 'Initials', 'E-mail', 'Role', 'Capacity', 'Teams', 'Status'];

export function AgentsAdmin({ api, readOnly, selfId }: Props) {
  const agents = useResource(api.agents);
  const teams = useResource(api.teams);
  const editor = useEditor<AdminAgent>(agents.reload);
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name ?? '?';

  async function save(values: AgentFormValues) {
    const common = {
      name: values.name,
      initials: values.initials,
      role: values.role,
      capacity: values.capacity,
      teamIds: values.teamIds,
    };
    if (editor.editing === 'new') {
      await editor.save(
        api.createAgent({ ...common, email: values.email, password: values.password, ...(values.avatarUrl ? { avatarUrl: values.avatarUrl } : {}) }),
      );
    } else if (editor.editing) {
      await editor.save(
        api.updateAgent(editor.editing.id, {
          ...common,
          avatarUrl: values.avatarUrl || null,
          ...(values.password ? { password: values.password } : {}),
        }),
      );
    }
  }

  return (
    <AdminSection title="Agents" add={{ label: 'Add agent', onAdd: () => editor.open('new') }} readOnly={readOnly} error={agents.error ?? editor.error}>
      {editor.editing && <AgentForm agent={editor.entry} teams={teams.data ?? []} onSave={(values) => void save(values)} onCancel={editor.cancel} />}
      <AdminTable
        columns={COLUMNS}
        rows={agents.data}
        rowKey={(agent) => agent.id}
        rowClass={(agent) => (agent.active ? '' : 'is-inactive')}
        cells={(agent) => (
          <>
            <td>{agent.name}</td>
            <td>{agent.initials}</td>
            <td>{agent.email}</td>
            <td>{agent.role}</td>
            <td>{agent.capacity}</td>
            <td>{agent.teamIds.map(teamName).join(', ') || '—'}</td>
            <td>{agent.active ? agent.presence : 'deactivated'}</td>
          </>
        )}
        actions={
          readOnly
            ? undefined
            : (agent) => (
                <>
                  <button type="button" aria-label={`Edit ${agent.name}`} onClick={() => editor.open(agent)}>
                    Edit
                  </button>
                  {agent.id !== selfId && (
                    <button
                      type="button"
                      aria-label={`${agent.active ? 'Deactivate' : 'Reactivate'} ${agent.name}`}
                      onClick={() => void editor.run(api.updateAgent(agent.id, { active: !agent.active }))}
                    >
                      {agent.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  )}
                </>
              )
        }
      />
    </AdminSection>
  );
}
