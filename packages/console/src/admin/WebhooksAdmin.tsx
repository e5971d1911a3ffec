/**
 * Outbound webhooks (issue 6): where the workspace's spike alerts are POSTed, signed. The signing
 * secret is shown once, right after creation (the relay keeps it encrypted and never returns
 * it). Admins add and remove webhooks; leads see them.
 */
import { useState } from 'preact/hooks';
import type { AdminApi, CreatedOutboundWebhook } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useChanges } from './use-changes.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { AdminForm } from './AdminForm.js';

const INTRO = 'Each alert is POSTed as JSON, signed with HMAC-SHA256 (X-Eyelevel-Signature); see docs/alerts.md for checking it.';

export function WebhooksAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const webhooks = useResource(api.webhooks);
  const changes = useChanges(webhooks.reload);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<CreatedOutboundWebhook | null>(null);

  return (
    <AdminSection title="Outbound webhooks" intro={INTRO} error={webhooks.error ?? changes.error}>
      {created && (
        <div class="secret-notice" role="region" aria-label="Webhook secret">
          <p>
            <strong>Signing secret for {created.webhook.url}</strong> — copy it to the receiving system now. It is shown only this once.
          </p>
          <label>
            Signing secret
            <input readOnly value={created.secret} onFocus={(event) => event.currentTarget.select()} />
          </label>
          <button type="button" onClick={() => setCreated(null)}>
            I have stored the secret
          </button>
        </div>
      )}
      {!readOnly && (
        <AdminForm
          label="New webhook"
          inline
          onSubmit={() =>
            void changes.run(api.createWebhook({ url: url.trim(), description: description.trim() })).then((answer) => {
              if (answer) {
                setCreated(answer);
                setUrl('');
                setDescription('');
              }
            })
          }
        >
          <label>
            URL
            <input required type="url" value={url} placeholder="https://ops.example.com/hooks/eyelevel" onInput={(event) => setUrl(event.currentTarget.value)} />
          </label>
          <label>
            Description (optional)
            <input value={description} onInput={(event) => setDescription(event.currentTarget.value)} />
          </label>
          <button type="submit" class="primary">
            Add webhook
          </button>
        </AdminForm>
      )}
      <AdminTable
        columns={['URL', 'Last delivery']}
        rows={webhooks.data}
        rowKey={(hook) => hook.id}
        cells={(hook) => (
          <>
            <td>
              <code>{hook.url}</code>
              {hook.description && <span class="context-detail"> {hook.description}</span>}
            </td>
            <td>{hook.lastDelivery ? `${hook.lastDelivery.status}${hook.lastDelivery.error ? ` (${hook.lastDelivery.error})` : ''}` : 'none yet'}</td>
          </>
        )}
        actions={
          readOnly
            ? undefined
            : (hook) => (
                <ConfirmButton
                  label={`Remove ${hook.url}`}
                  question={`Remove the webhook ${hook.url}? Deliveries still waiting are dropped.`}
                  onConfirm={() => void changes.run(api.deleteWebhook(hook.id))}
                >
                  Remove
                </ConfirmButton>
              )
        }
      />
    </AdminSection>
  );
}
