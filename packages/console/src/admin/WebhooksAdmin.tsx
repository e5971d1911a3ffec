/**
 * Outbound webhooks (issue 6): where the workspace's spike alerts are POSTed, signed. The signing
 * secret is shown once, right after creation (the relay keeps it encrypted and never returns
 * it). Admins add and remove webhooks; leads see them.
 */
import { useState } from 'preact/hooks';
import type { AdminApi, CreatedOutboundWebhook } from './admin-api.js';
import { change, useResource } from './use-resource.js';
import { FormError } from './FormError.js';

export function WebhooksAdmin({ api, readOnly }: { api: AdminApi; readOnly: boolean }) {
  const webhooks = useResource(api.webhooks);
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<CreatedOutboundWebhook | null>(null);

  return (
    <div class="admin-section">
      <h3>Outbound webhooks</h3>
      <p class="context-detail">Each alert is POSTed as JSON, signed with HMAC-SHA256 (X-Eyelevel-Signature); see docs/alerts.md for checking it.</p>
      <FormError message={webhooks.error ?? error} />
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
        <form
          class="admin-form admin-inline"
          aria-label="New webhook"
          onSubmit={(event) => {
            event.preventDefault();
            void change(api.createWebhook({ url: url.trim(), description: description.trim() }), setError, webhooks.reload).then((answer) => {
              if (answer) {
                setCreated(answer);
                setUrl('');
                setDescription('');
              }
            });
          }}
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
        </form>
      )}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Last delivery</th>
            {!readOnly && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {(webhooks.data ?? []).map((hook) => (
            <tr key={hook.id}>
              <td>
                <code>{hook.url}</code>
                {hook.description && <span class="context-detail"> {hook.description}</span>}
              </td>
              <td>{hook.lastDelivery ? `${hook.lastDelivery.status}${hook.lastDelivery.error ? ` (${hook.lastDelivery.error})` : ''}` : 'none yet'}</td>
              {!readOnly && (
                <td class="admin-actions">
                  <button
                    type="button"
                    aria-label={`Remove ${hook.url}`}
                    onClick={() => {
                      if (confirm(`Remove the webhook ${hook.url}? Deliveries still waiting are dropped.`)) void change(api.deleteWebhook(hook.id), setError, webhooks.reload);
                    }}
                  >
                    Remove
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
