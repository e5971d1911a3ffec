/**
 * A site's identity secret, shown the one time the relay hands it out (creation, rotation), with
 * the embed snippet for the site. The secret belongs on the site's server (it signs user ids);
 * the snippet goes in its pages.
 */
import { renderSnippet } from '@eyelevel/shared';
import type { SiteSecretResponse } from './admin-api.js';

export function SecretNotice({ created, relayUrl, onDone }: { created: SiteSecretResponse; relayUrl: string; onDone: () => void }) {
  const snippet = renderSnippet({ relayUrl, siteKey: created.site.publicKey });
  return (
    <div class="secret-notice" role="region" aria-label="Site keys">
      <p>
        <strong>Identity secret for {created.site.name}</strong> — copy it to your server now. It is shown only this once; if it is
        lost, rotate it.
      </p>
      <label>
        Identity secret
        <input readOnly value={created.identitySecret} onFocus={(event) => event.currentTarget.select()} />
      </label>
      <label>
        Public site key
        <input readOnly value={created.site.publicKey} onFocus={(event) => event.currentTarget.select()} />
      </label>
      <label>
        Embed snippet (paste before &lt;/body&gt; on {created.site.allowedOrigins.join(', ')})
        <textarea readOnly rows={4} value={snippet} onFocus={(event) => event.currentTarget.select()} />
      </label>
      <button type="button" onClick={onDone}>
        I have stored the secret
      </button>
    </div>
  );
}
