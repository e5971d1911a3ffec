/**
 * Agents in training (issue 6): where a review policy says "trainees", their replies wait for a
 * colleague. Admins and leads switch the flag per agent.
 */
import type { AdminApi } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useChanges } from './use-changes.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';

export function TraineesAdmin({ api }: { api: AdminApi }) {
  const agents = useResource(api.agents);
  const trainees = useResource(api.trainees);
  const changes = useChanges(trainees.reload);
  const flagged = new Set((trainees.data ?? []).map((trainee) => trainee.agentId));

  return (
    <AdminSection title="Agents in training" error={agents.error ?? trainees.error ?? changes.error}>
      <AdminTable
        columns={['Agent', 'In training']}
        rows={(agents.data ?? []).filter((agent) => agent.active)}
        rowKey={(agent) => agent.id}
        cells={(agent) => (
          <>
            <td>
              {agent.name} <span class="badge">{agent.initials}</span>
            </td>
            <td>
              <input
                type="checkbox"
                aria-label={`${agent.name} is in training`}
                checked={flagged.has(agent.id)}
                onChange={(event) => void changes.run(api.setTraining(agent.id, event.currentTarget.checked))}
              />
            </td>
          </>
        )}
      />
    </AdminSection>
  );
}
