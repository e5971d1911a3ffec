/**
 * Social channels (issue 5): which networks the workspace answers on, whether each works (its
 * status and the network's last error, as text), what it listens for, which credentials are set
 * (names only: the relay never sends values back) and the webhook URL to register with the
 * network. Admins connect, edit, pause, check and disconnect channels here.
 */
import type { AdminApi, ChannelView } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useEditor } from './use-editor.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { ChannelForm } from './ChannelForm.js';
import { NETWORK_FORMS } from './channel-fields.js';

const COLUMNS = ['Name', 'Network', 'Status', 'Listening', 'Credentials set', 'Webhook URL'];

export function ChannelsAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const channels = useResource(api.channels);
  const teams = useResource(api.teams);
  const editor = useEditor<ChannelView>(channels.reload);
  const relayUrl = location.origin;

  return (
    <AdminSection title="Channels" add={{ label: 'Connect channel', onAdd: () => editor.open('new') }} readOnly={readOnly} error={channels.error ?? editor.error}>
      {editor.editing && (
        <ChannelForm
          key={editor.entry?.id ?? 'new'}
          channel={editor.entry}
          teams={teams.data ?? []}
          onCreate={(body) => void editor.save(api.createChannel(body))}
          onUpdate={(body) => editor.entry && void editor.save(api.updateChannel(editor.entry.id, body))}
          onCancel={editor.cancel}
        />
      )}
      <AdminTable
        columns={COLUMNS}
        rows={channels.data}
        rowKey={(channel) => channel.id}
        cells={(channel) => (
          <>
            <td>
              {channel.name}
              {channel.handle ? <span class="context-detail"> {channel.handle}</span> : null}
            </td>
            <td>{NETWORK_FORMS[channel.kind].label}</td>
            <td>
              <span class={`badge channel-${channel.status}`}>{channel.status}</span>
              {channel.lastError && <span class="context-detail"> {channel.lastError}</span>}
            </td>
            <td>{channel.listen.length > 0 ? channel.listen.join(', ') : '—'}</td>
            <td>{channel.credentialsSet.length > 0 ? channel.credentialsSet.join(', ') : 'none'}</td>
            <td>{channel.webhookPath ? <code>{relayUrl + channel.webhookPath}</code> : '—'}</td>
          </>
        )}
        actions={
          readOnly
            ? undefined
            : (channel) => (
                <>
                  <button type="button" aria-label={`Edit ${channel.name}`} onClick={() => editor.open(channel)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`${channel.status === 'paused' ? 'Resume' : 'Pause'} ${channel.name}`}
                    onClick={() => void editor.run(api.updateChannel(channel.id, { paused: channel.status !== 'paused' }))}
                  >
                    {channel.status === 'paused' ? 'Resume' : 'Pause'}
                  </button>
                  <button type="button" aria-label={`Check ${channel.name} now`} onClick={() => void editor.run(api.checkChannel(channel.id))}>
                    Check now
                  </button>
                  <ConfirmButton
                    label={`Disconnect ${channel.name}`}
                    question={`Disconnect ${channel.name}? Its credentials are wiped; its conversations stay.`}
                    onConfirm={() => void editor.run(api.deleteChannel(channel.id))}
                  >
                    Disconnect
                  </ConfirmButton>
                </>
              )
        }
      />
      {channels.data?.length === 0 && <p class="context-detail">No channels yet. How to connect each network: docs/channels.md.</p>}
    </AdminSection>
  );
}
