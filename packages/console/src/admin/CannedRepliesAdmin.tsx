/**
 * Canned replies: text agents insert with `/shortcut`, per team or for every team, with
 * variables filled in when inserted: {visitor.name}, {visitor.email}, {agent.name},
 * {agent.initials}.
 */
import { useState } from 'preact/hooks';
import { CANNED_VARIABLES, LIMITS } from '@eyelevel/shared';
import type { AdminApi, CannedReply } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useEditor } from './use-editor.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { AdminForm } from './AdminForm.js';
import { FormActions } from '../forms/FormActions.js';

interface Draft {
  teamId: string;
  shortcut: string;
  title: string;
  body: string;
}

const EMPTY: Draft = { teamId: '', shortcut: '', title: '', body: '' };
const COLUMNS = ['Shortcut', 'Title', 'Team', 'Text'];

export function CannedRepliesAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const replies = useResource(api.cannedReplies);
  const teams = useResource(api.teams);
  const editor = useEditor<CannedReply>(replies.reload);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const teamName = (id: string | null) => (id === null ? 'Every team' : (teams.data?.find((team) => team.id === id)?.name ?? '?'));

  function edit(reply: CannedReply | 'new') {
    editor.open(reply);
    setDraft(reply === 'new' ? EMPTY : { teamId: reply.teamId ?? '', shortcut: reply.shortcut, title: reply.title, body: reply.body });
  }

  async function save() {
    const body = { teamId: draft.teamId || null, shortcut: draft.shortcut, title: draft.title, body: draft.body };
    if (editor.editing === 'new') await editor.save(api.createCannedReply(body));
    else if (editor.editing) await editor.save(api.updateCannedReply(editor.editing.id, body));
  }

  return (
    <AdminSection title="Canned replies" add={{ label: 'Add canned reply', onAdd: () => edit('new') }} readOnly={readOnly} error={replies.error ?? editor.error}>
      {editor.editing && (
        <AdminForm label={editor.entry ? `Edit /${editor.entry.shortcut}` : 'New canned reply'} onSubmit={() => void save()}>
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
          <FormActions primary submit="Save reply" onCancel={editor.cancel} />
        </AdminForm>
      )}
      <AdminTable
        columns={COLUMNS}
        rows={replies.data}
        rowKey={(reply) => reply.id}
        cells={(reply) => (
          <>
            <td>
              <code>/{reply.shortcut}</code>
            </td>
            <td>{reply.title}</td>
            <td>{teamName(reply.teamId)}</td>
            <td class="admin-text">{reply.body}</td>
          </>
        )}
        actions={
          readOnly
            ? undefined
            : (reply) => (
                <>
                  <button type="button" aria-label={`Edit /${reply.shortcut}`} onClick={() => edit(reply)}>
                    Edit
                  </button>
                  <ConfirmButton label={`Delete /${reply.shortcut}`} question={`Delete /${reply.shortcut}?`} onConfirm={() => void editor.run(api.deleteCannedReply(reply.id))}>
                    Delete
                  </ConfirmButton>
                </>
              )
        }
      />
    </AdminSection>
  );
}
