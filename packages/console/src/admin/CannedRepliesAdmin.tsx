/**
 * Canned replies: text agents insert with `/shortcut`, per team or for every team, with
 * variables filled in when inserted: {visitor.name}, {visitor.email}, {agent.name},
 * {agent.initials}.
 */
import { useState } from 'preact/hooks';
import { CANNED_VARIABLES, LIMITS } from '@eyelevel/shared';
import type { AdminApi, CannedReply } from './admin-api.js';
import { change, useResource } from './use-resource.js';
import { FormError } from './FormError.js';

interface Draft {
  teamId: string;
  shortcut: string;
  title: string;
  body: string;
}

const EMPTY: Draft = { teamId: '', shortcut: '', title: '', body: '' };

export function CannedRepliesAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const replies = useResource(api.cannedReplies);
  const teams = useResource(api.teams);
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const teamName = (id: string | null) => (id === null ? 'Every team' : (teams.data?.find((team) => team.id === id)?.name ?? '?'));

  function edit(reply: CannedReply | 'new') {
    setEditing(reply);
    setDraft(reply === 'new' ? EMPTY : { teamId: reply.teamId ?? '', shortcut: reply.shortcut, title: reply.title, body: reply.body });
  }

  async function save() {
    const body = { teamId: draft.teamId || null, shortcut: draft.shortcut, title: draft.title, body: draft.body };
    const saved =
      editing === 'new'
        ? await change(api.createCannedReply(body), setError, replies.reload)
        : editing
          ? await change(api.updateCannedReply(editing.id, body), setError, replies.reload)
          : null;
    if (saved) setEditing(null);
  }

  return (
    <div class="admin-section">
      <div class="admin-head">
        <h3>Canned replies</h3>
        {!readOnly && (
          <button type="button" class="primary" onClick={() => edit('new')}>
            Add canned reply
          </button>
        )}
      </div>
      <FormError message={replies.error ?? error} />
      {editing && (
        <form
          class="admin-form"
          aria-label={editing === 'new' ? 'New canned reply' : `Edit /${editing.shortcut}`}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label>
            Shortcut (typed after /)
            <input required pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,31}" value={draft.shortcut} onInput={(event) => setDraft({ ...draft, shortcut: event.currentTarget.value })} />
          </label>
          <label>
            Title
            <input required value={draft.title} onInput={(event) => setDraft({ ...draft, title: event.currentTarget.value })} />
          </label>
          <label>
            Team
            <select value={draft.teamId} onChange={(event) => setDraft({ ...draft, teamId: event.currentTarget.value })}>
              <option value="">Every team</option>
              {(teams.data ?? []).map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Text — variables: {CANNED_VARIABLES.map((name) => `{${name}}`).join(' ')}
            <textarea required rows={4} maxLength={LIMITS.maxMessageLength} value={draft.body} onInput={(event) => setDraft({ ...draft, body: event.currentTarget.value })} />
          </label>
          <div class="action-buttons">
            <button type="submit" class="primary">
              Save reply
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Shortcut</th>
            <th scope="col">Title</th>
            <th scope="col">Team</th>
            <th scope="col">Text</th>
            {!readOnly && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {(replies.data ?? []).map((reply) => (
            <tr key={reply.id}>
              <td>
                <code>/{reply.shortcut}</code>
              </td>
              <td>{reply.title}</td>
              <td>{teamName(reply.teamId)}</td>
              <td class="admin-text">{reply.body}</td>
              {!readOnly && (
                <td class="admin-actions">
                  <button type="button" aria-label={`Edit /${reply.shortcut}`} onClick={() => edit(reply)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete /${reply.shortcut}`}
                    onClick={() => {
                      if (confirm(`Delete /${reply.shortcut}?`)) void change(api.deleteCannedReply(reply.id), setError, replies.reload);
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
