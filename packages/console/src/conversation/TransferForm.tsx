/**
 * Hand a conversation to a colleague (who needs room in their capacity) or to a team's queue,
 * with a note the next person reads in the log. Colleagues are listed online first, with their
 * presence, so the agent does not hand a visitor to someone who is away.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import type { Directory } from '../state/directory-state.js';
import { sortedAgents } from '../state/directory-state.js';
import { ActionPanel } from './ActionPanel.js';

interface Props {
  readonly directory: Directory | null;
  /** Left out of the choices: this agent and whoever has the case now. */
  readonly exclude: readonly string[];
  readonly currentTeamId: string | null;
  readonly onTransfer: (to: { agentId: string } | { teamId: string }, note: string) => void;
  readonly onCancel: () => void;
}

export function TransferForm({ directory, exclude, currentTeamId, onTransfer, onCancel }: Props) {
  const agents = sortedAgents(directory).filter((agent) => !exclude.includes(agent.id));
  const teams = directory?.teams ?? [];
  const [kind, setKind] = useState<'agent' | 'team'>(teams.length > 0 ? 'team' : 'agent');
  const [agentId, setAgentId] = useState(agents[0]?.id ?? '');
  const [teamId, setTeamId] = useState(teams.find((team) => team.id !== currentTeamId)?.id ?? teams[0]?.id ?? '');
  const [note, setNote] = useState('');
  const target = kind === 'agent' ? agentId : teamId;

  return (
    <ActionPanel
      label="Transfer"
      submit="Transfer"
      ready={target !== ''}
      onSubmit={() => onTransfer(kind === 'agent' ? { agentId: target } : { teamId: target }, note)}
      onCancel={onCancel}
    >
      <fieldset class="action-choice">
        <legend>Transfer to</legend>
        <label>
          <input type="radio" name="transfer-kind" checked={kind === 'team'} onChange={() => setKind('team')} disabled={teams.length === 0} />
          A team's queue
        </label>
        <label>
          <input type="radio" name="transfer-kind" checked={kind === 'agent'} onChange={() => setKind('agent')} />
          A colleague
        </label>
      </fieldset>
      {kind === 'team' ? (
        <label>
          <span>Team</span>
          <select aria-label="Team" value={teamId} onChange={(event) => setTeamId(event.currentTarget.value)}>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
                {team.id === currentTeamId ? ' (current)' : ''}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          <span>Colleague</span>
          <select aria-label="Colleague" value={agentId} onChange={(event) => setAgentId(event.currentTarget.value)}>
            {agents.length === 0 && <option value="">Nobody else in this workspace</option>}
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name} ({agent.initials}) — {agent.presence}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Note for them (optional)
        <textarea rows={2} maxLength={LIMITS.maxNoteLength} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
    </ActionPanel>
  );
}
