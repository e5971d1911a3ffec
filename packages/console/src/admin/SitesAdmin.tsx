/**
 * Sites: where the widget may be embedded (exact origins), with its settings, public key and
 * snippet. Creating a site or rotating its identity secret shows the secret once; the relay never
 * sends it again.
 */
import { useState } from 'preact/hooks';
import type { AdminApi, AdminSite, SiteSecretResponse } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useEditor } from './use-editor.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { SiteForm, type SiteFormValues } from './SiteForm.js';
import { SecretNotice } from './SecretNotice.js';

const COLUMNS = ['Name', 'Public key', 'Allowed origins', 'Pre-chat', 'Hours'];

export function SitesAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const sites = useResource(api.sites);
  const editor = useEditor<AdminSite>(sites.reload);
  const [secret, setSecret] = useState<SiteSecretResponse | null>(null);
  const relayUrl = location.origin;

  async function save(values: SiteFormValues) {
    if (editor.editing === 'new') {
      const created = await editor.save(api.createSite(values));
      if (created) setSecret(created);
    } else if (editor.editing) {
      await editor.save(api.updateSite(editor.editing.id, values));
    }
  }

  return (
    <AdminSection title="Sites" add={{ label: 'Add site', onAdd: () => editor.open('new') }} readOnly={readOnly} error={sites.error ?? editor.error}>
      {secret && <SecretNotice created={secret} relayUrl={relayUrl} onDone={() => setSecret(null)} />}
      {editor.editing && <SiteForm site={editor.entry} onSave={(values) => void save(values)} onCancel={editor.cancel} />}
      <AdminTable
        columns={COLUMNS}
        rows={sites.data}
        rowKey={(site) => site.id}
        cells={(site) => (
          <>
            <td>{site.name}</td>
            <td>
              <code>{site.publicKey}</code>
            </td>
            <td>{site.allowedOrigins.join(', ')}</td>
            <td>{site.settings.prechat ? site.settings.prechat.fields.join(', ') || 'consent only' : '—'}</td>
            <td>{site.settings.businessHours ? site.settings.businessHours.timeZone : 'always open'}</td>
          </>
        )}
        actions={
          readOnly
            ? undefined
            : (site) => (
                <>
                  <button type="button" aria-label={`Edit ${site.name}`} onClick={() => editor.open(site)}>
                    Edit
                  </button>
                  <ConfirmButton
                    label={`Rotate the identity secret of ${site.name}`}
                    question={`Rotate the identity secret of ${site.name}? The current one stops working at once.`}
                    onConfirm={() => void editor.run(api.rotateSecret(site.id)).then((rotated) => rotated && setSecret(rotated))}
                  >
                    Rotate secret
                  </ConfirmButton>
                </>
              )
        }
      />
    </AdminSection>
  );
}
