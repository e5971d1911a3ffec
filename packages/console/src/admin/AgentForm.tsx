/**
 * Adding or editing an agent. The relay validates again (and owns uniqueness of initials and
 * e-mail); the form only keeps the obvious from being sent: empty names, short passwords.
 */
import { useState } from 'preact/hooks';
import { AGENT_ROLES, LIMITS, type AgentRole } from '@eyelevel/shared';
import type { AdminAgent, TeamEntry } from './admin-api.js';
import { AdminForm } from './AdminForm.js';
import { FormActions } from '../forms/FormActions.js';

export interface AgentFormValues {
  name: string;
  email: string;
  initials: string;
  role: AgentRole;
  capacity: number;
  teamIds: string[];
  avatarUrl: string;
  password: string;
}

interface Props {
  readonly agent: AdminAgent | null;
  readonly teams: readonly TeamEntry[];
  readonly onSave: (values: AgentFormValues) => void;
  readonly onCancel: () => void;
}

export function AgentForm({ agent, teams, onSave, onCancel }: Props) {
  const [values, setValues] = useState<AgentFormValues>({
    name: agent?.name ?? '',
    email: agent?.email ?? '',
    initials: agent?.initials ?? '',
    role: agent?.role ?? 'agent',
    capacity: agent?.capacity ?? 5,
    teamIds: agent?.teamIds ?? [],
    avatarUrl: agent?.avatarUrl ?? '',
    password: '',
  });
  const set = <K extends keyof AgentFormValues>(key: K, value: AgentFormValues[K]) => setValues({ ...values, [key]: value });
  const text = (key: 'name' | 'email' | 'initials' | 'avatarUrl' | 'password') => (event: Event) =>
    set(key, (event.currentTarget as HTMLInputElement).value);

  return (
    <AdminForm label={agent ? `Edit ${agent.name}` : 'New agent'} onSubmit={() => onSave(values)}>
      <label>
        Name
        <input required maxLength={LIMITS.maxNameLength} value={values.name} onInput={text('name')} />
      </label>
      {!agent && (
        <label>
          E-mail
          <input type="email" required value={values.email} onInput={text('email')} />
        </label>
      )}
      <label>
        Initials (2–4 letters, unique)
        <input required pattern="[A-Za-z]{2,4}" value={values.initials} onInput={text('initials')} />
      </label>
      <label>
        Role
        <select value={values.role} onChange={(event) => set('role', event.currentTarget.value as AgentRole)}>
          {AGENT_ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </label>
      <label>
        Capacity (open cases at once)
        <input type="number" min={0} max={100} value={values.capacity} onInput={(event) => set('capacity', Number(event.currentTarget.value))} />
      </label>
      <label>
        Avatar URL (optional)
        <input type="url" value={values.avatarUrl} onInput={text('avatarUrl')} />
      </label>
      <label>
        {agent ? 'New password (optional; signs them out everywhere)' : 'Password'}
        <input
          type="password"
          autocomplete="new-password"
          required={!agent}
          minLength={LIMITS.minPasswordLength}
          value={values.password}
          onInput={text('password')}
        />
      </label>
      <fieldset class="admin-checks">
        <legend>Teams</legend>
        {teams.length === 0 && <span class="context-detail">No teams yet.</span>}
        {teams.map((team) => (
          <label key={team.id}>
            <input
              type="checkbox"
              checked={values.teamIds.includes(team.id)}
              onChange={(event) =>
                set('teamIds', event.currentTarget.checked ? [...values.teamIds, team.id] : values.teamIds.filter((id) => id !== team.id))
              }
            />
            {team.name}
          </label>
        ))}
      </fieldset>
      <FormActions primary submit={agent ? 'Save' : 'Add agent'} onCancel={onCancel} />
    </AdminForm>
  );
}
