/**
 * Sites: where the widget may be embedded (exact origins), with its settings, public key and
 * snippet. Creating a site or rotating its identity secret shows the secret once; the relay never
 * sends it again.
 */
import { useState } from 'preact/hooks';
import type { AdminApi, AdminSite, SiteSecretResponse } from './admin-api.js';
import { change, useResource } from './use-resource.js';
import { FormError } from './FormError.js';
import { SiteForm, type SiteFormValues } from './SiteForm.js';
import { SecretNotice } from './SecretNotice.js';

export function SitesAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const sites = useResource(api.sites);
  const [editing, setEditing] = useState<AdminSite | 'new' | null>(null);
  const [secret, setSecret] = useState<SiteSecretResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const relayUrl = location.origin;

  async function save(values: SiteFormValues) {
    if (editing === 'new') {
      const created = await change(api.createSite(values), setError, sites.reload);
      if (created) {
        setEditing(null);
        setSecret(created);
      }
    } else if (editing) {
      const saved = await change(api.updateSite(editing.id, values), setError, sites.reload);
      if (saved) setEditing(null);
    }
  }

  return (
    <div class="admin-section">
      <div class="admin-head">
        <h3>Sites</h3>
        {!readOnly && (
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            Add site
          </button>
        )}
      </div>
      <FormError message={sites.error ?? error} />
      {secret && <SecretNotice created={secret} relayUrl={relayUrl} onDone={() => setSecret(null)} />}
      {editing && (
        <SiteForm
          site={editing === 'new' ? null : editing}
          onSave={(values) => void save(values)}
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
            <th scope="col">Public key</th>
            <th scope="col">Allowed origins</th>
            <th scope="col">Pre-chat</th>
            <th scope="col">Hours</th>
            {!readOnly && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {(sites.data ?? []).map((site) => (
            <tr key={site.id}>
              <td>{site.name}</td>
              <td>
                <code>{site.publicKey}</code>
              </td>
              <td>{site.allowedOrigins.join(', ')}</td>
              <td>{site.settings.prechat ? site.settings.prechat.fields.join(', ') || 'consent only' : '—'}</td>
              <td>{site.settings.businessHours ? site.settings.businessHours.timeZone : 'always open'}</td>
              {!readOnly && (
                <td class="admin-actions">
                  <button type="button" aria-label={`Edit ${site.name}`} onClick={() => setEditing(site)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`Rotate the identity secret of ${site.name}`}
                    onClick={() => {
                      if (!confirm(`Rotate the identity secret of ${site.name}? The current one stops working at once.`)) return;
                      void change(api.rotateSecret(site.id), setError, sites.reload).then((rotated) => rotated && setSecret(rotated));
                    }}
                  >
                    Rotate secret
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
