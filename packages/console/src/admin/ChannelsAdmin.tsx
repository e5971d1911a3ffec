/**
 * Social channels (issue 5): which networks the workspace answers on, whether each works (its
 * status and the network's last error, as text), what it listens for, which credentials are set
 * (names only: the relay never sends values back) and the webhook URL to register with the
 * network. Admins connect, edit, pause, check and disconnect channels here.
 */
import { useState } from 'preact/hooks';
import type { NewChannelInput, UpdateChannel } from '@eyelevel/shared';
import type { AdminApi, ChannelView } from './admin-api.js';
import { change, useResource } from './use-resource.js';
import { FormError } from './FormError.js';
import { ChannelForm } from './ChannelForm.js';
import { NETWORK_FORMS } from './channel-fields.js';

export function ChannelsAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const channels = useResource(api.channels);
  const teams = useResource(api.teams);
  const [editing, setEditing] = useState<ChannelView | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const relayUrl = location.origin;

  async function create(body: NewChannelInput) {
    if (await change(api.createChannel(body), setError, channels.reload)) setEditing(null);
  }
  async function update(id: string, body: UpdateChannel) {
    if (await change(api.updateChannel(id, body), setError, channels.reload)) setEditing(null);
  }

  return (
    <div class="admin-section">
      <div class="admin-head">
        <h3>Channels</h3>
        {!readOnly && (
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            Connect channel
          </button>
        )}
      </div>
      <FormError message={channels.error ?? error} />
      {editing && (
        <ChannelForm
          key={editing === 'new' ? 'new' : editing.id}
          channel={editing === 'new' ? null : editing}
          teams={teams.data ?? []}
          onCreate={(body) => void create(body)}
          onUpdate={(body) => editing !== 'new' && void update(editing.id, body)}
          onCancel={() => {
            setEditing(null);
            setError(null);
          }}
        />
      )}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Network</th>
            <th scope="col">Status</th>
            <th scope="col">Listening</th>
            <th scope="col">Credentials set</th>
            <th scope="col">Webhook URL</th>
            {!readOnly && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {(channels.data ?? []).map((channel) => (
            <tr key={channel.id}>
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
              {!readOnly && (
                <td class="admin-actions">
                  <button type="button" aria-label={`Edit ${channel.name}`} onClick={() => setEditing(channel)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`${channel.status === 'paused' ? 'Resume' : 'Pause'} ${channel.name}`}
                    onClick={() => void change(api.updateChannel(channel.id, { paused: channel.status !== 'paused' }), setError, channels.reload)}
                  >
                    {channel.status === 'paused' ? 'Resume' : 'Pause'}
                  </button>
                  <button type="button" aria-label={`Check ${channel.name} now`} onClick={() => void change(api.checkChannel(channel.id), setError, channels.reload)}>
                    Check now
                  </button>
                  <button
                    type="button"
                    aria-label={`Disconnect ${channel.name}`}
                    onClick={() => {
                      if (confirm(`Disconnect ${channel.name}? Its credentials are wiped; its conversations stay.`)) {
                        void change(api.deleteChannel(channel.id), setError, channels.reload);
                      }
                    }}
                  >
                    Disconnect
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {channels.data?.length === 0 && <p class="context-detail">No channels yet. How to connect each network: docs/channels.md.</p>}
    </div>
  );
}
