/**
 * The leads' view of the audit log (issue 6): every moderation action and escalation decision of
 * the workspace, newest first, filtered by who, what, text in the reason, time and conversation,
 * one page at a time. Read-only, like the log itself; a row opens its conversation.
 */
import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTIONS, type AuditEntry, type AuditAction, type DirectoryAgent } from '@eyelevel/shared';
import type { AdminApi } from '../admin/admin-api.js';
import { describeAuditAction } from '../conversation/describe-moderation.js';
import { auditQuery, NO_FILTERS, type AuditFilters } from './audit-filters.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

interface Props {
  readonly api: Pick<AdminApi, 'audit'>;
  readonly agents: readonly DirectoryAgent[];
  readonly onOpenConversation: (conversationId: string) => void;
}

export function AuditScreen({ api, agents, onOpenConversation }: Props) {
  const [form, setForm] = useState<AuditFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(NO_FILTERS);
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (filters: AuditFilters, cursor: string | null) => {
    setLoading(true);
    const result = await api.audit(auditQuery(filters, cursor));
    setLoading(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setEntries((previous) => (cursor ? [...previous, ...result.value.entries] : result.value.entries));
    setNext(result.value.next);
  };

  // A new set of applied filters starts again from the newest entry.
  useEffect(() => {
    void load(applied, null);
  }, [applied]);

  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) => setForm({ ...form, [key]: value });

  return (
    <section class="audit-screen" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p class="hint">Every moderation action and escalation decision, with who took it and why. Entries cannot be changed or removed.</p>
      <form
        class="audit-filters"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(form);
        }}
      >
        <label>
          Who
          <select value={form.actor} onChange={(event) => set('actor', event.currentTarget.value)}>
            <option value="">Anyone</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name} (^{agent.initials})
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select value={form.action} onChange={(event) => set('action', event.currentTarget.value as AuditAction | '')}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reason contains
          <input type="search" maxLength={200} value={form.q} onInput={(event) => set('q', event.currentTarget.value)} />
        </label>
        <label>
          Conversation
          <input type="text" maxLength={64} value={form.conversation} onInput={(event) => set('conversation', event.currentTarget.value)} />
        </label>
        <label>
          From
          <input type="datetime-local" value={form.from} onInput={(event) => set('from', event.currentTarget.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" value={form.to} onInput={(event) => set('to', event.currentTarget.value)} />
        </label>
        <div class="action-buttons">
          <button type="submit">Search</button>
          <button
            type="button"
            onClick={() => {
              setForm(NO_FILTERS);
              setApplied(NO_FILTERS);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <table class="audit-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Reason</th>
            <th scope="col">Conversation</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-audit-id={entry.id}>
              <td>
                <time dateTime={new Date(entry.at).toISOString()}>{when.format(entry.at)}</time>
              </td>
              <td>{describeAuditAction(entry)}</td>
              <td class="audit-reason">{entry.reason}</td>
              <td>
                {entry.conversationId && (
                  <button type="button" class="link-button" onClick={() => onOpenConversation(entry.conversationId!)}>
                    Open
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && entries.length === 0 && !error && <p class="hint">No entries match.</p>}
      {loading && <p role="status">Loading…</p>}
      {next && !loading && (
        <button type="button" onClick={() => void load(applied, next)}>
          Older entries
        </button>
      )}
    </section>
  );
}
