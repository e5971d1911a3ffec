/**
 * The queue's filter bar: status, team, channel, assignee, priority, escalations and drafts
 * waiting for review, over the one queue of every channel. Plain labelled selects, so keyboard
 * and screen-reader users get the platform's own controls.
 */
import { CHANNEL_KINDS, PRIORITIES } from '@eyelevel/shared';
import type { Directory } from '../state/directory-state.js';
import { sortedAgents } from '../state/directory-state.js';
import { CHANNEL_LABELS } from './queue-row-view.js';
import { DEFAULT_FILTERS, STATUS_FILTERS, isDefault, type QueueFilters as Filters } from './queue-filter.js';

interface Props {
  readonly filters: Filters;
  readonly directory: Directory | null;
  readonly count: number;
  readonly onChange: (filters: Filters) => void;
}

export function QueueFilters({ filters, directory, count, onChange }: Props) {
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  const select = (key: 'status' | 'team' | 'channel' | 'assignee' | 'priority') => (event: Event) =>
    set(key, (event.currentTarget as HTMLSelectElement).value as never);
  return (
    <div class="queue-toolbar">
      <div class="queue-filters">
        <span class="queue-filter">
          <label for="queue-filter">Status</label>
          <select id="queue-filter" value={filters.status} onChange={select('status')}>
            {STATUS_FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </span>
        <span class="queue-filter">
          <label for="queue-filter-assignee">Assignee</label>
          <select id="queue-filter-assignee" value={filters.assignee} onChange={select('assignee')}>
            <option value="any">Anyone</option>
            <option value="me">Me</option>
            <option value="unassigned">Unassigned</option>
            {sortedAgents(directory).map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name} ({agent.initials})
              </option>
            ))}
          </select>
        </span>
        <span class="queue-filter">
          <label for="queue-filter-team">Team</label>
          <select id="queue-filter-team" value={filters.team} onChange={select('team')}>
            <option value="any">Any team</option>
            <option value="none">No team</option>
            {(directory?.teams ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </span>
        <span class="queue-filter">
          <label for="queue-filter-channel">Channel</label>
          <select id="queue-filter-channel" value={filters.channel} onChange={select('channel')}>
            <option value="any">Any channel</option>
            {CHANNEL_KINDS.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNEL_LABELS[channel]}
              </option>
            ))}
          </select>
        </span>
        <span class="queue-filter">
          <label for="queue-filter-priority">Priority</label>
          <select id="queue-filter-priority" value={filters.priority} onChange={select('priority')}>
            <option value="any">Any priority</option>
            {[...PRIORITIES].reverse().map((priority) => (
              <option key={priority} value={priority}>
                {priority}
              </option>
            ))}
          </select>
        </span>
        <label class="queue-filter-check">
          <input type="checkbox" checked={filters.escalated} onChange={(event) => set('escalated', event.currentTarget.checked)} />
          Escalated, undecided
        </label>
        <label class="queue-filter-check">
          <input type="checkbox" checked={filters.callbacks} onChange={(event) => set('callbacks', event.currentTarget.checked)} />
          Callbacks
        </label>
        <label class="queue-filter-check" title="Conversations with a reply draft waiting for a reviewer">
          <input type="checkbox" checked={filters.review} onChange={(event) => set('review', event.currentTarget.checked)} />
          Needs review
        </label>
        {!isDefault(filters) && (
          <button type="button" class="link-button" onClick={() => onChange(DEFAULT_FILTERS)}>
            Reset
          </button>
        )}
      </div>
      <span class="queue-count">
        {count} {count === 1 ? 'conversation' : 'conversations'}
      </span>
    </div>
  );
}
