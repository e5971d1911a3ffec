/**
 * Agents in training (issue 6): where a review policy says "trainees", their replies wait for a
 * colleague. Admins and leads switch the flag per agent.
 */
import { useState } from 'preact/hooks';
import type { AdminApi } from './admin-api.js';
import { change, useResource } from './use-resource.js';
import { FormError } from './FormError.js';

export function TraineesAdmin({ api }: { api: AdminApi }) {
  const agents = useResource(api.agents);
  const trainees = useResource(api.trainees);
  const [error, setError] = useState<string | null>(null);
  const flagged = new Set((trainees.data ?? []).map((trainee) => trainee.agentId));

  return (
    <div class="admin-section">
      <h3>Agents in training</h3>
      <FormError message={agents.error ?? trainees.error ?? error} />
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">In training</th>
          </tr>
        </thead>
        <tbody>
          {(agents.data ?? [])
            .filter((agent) => agent.active)
            .map((agent) => (
              <tr key={agent.id}>
                <td>
                  {agent.name} <span class="badge">{agent.initials}</span>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${agent.name} is in training`}
                    checked={flagged.has(agent.id)}
                    onChange={(event) => void change(api.setTraining(agent.id, event.currentTarget.checked), setError, trainees.reload)}
                  />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
