/**
 * The copy-paste embed snippet, as one pure function, so the README, the relay's `/demo` page,
 * the console's "install" screen and the examples all print exactly the same HTML.
 *
 * Two tags: an inline stub that queues `eyelevel(...)` calls made before the loader arrives,
 * and the async loader itself. Both carry the page's CSP nonce when one is given, which is all a
 * strict policy (`script-src 'nonce-…' 'strict-dynamic'`) needs: the loader's lazy chunks
 * inherit the trust through `import()`.
 */
export interface SnippetOptions {
  /** Base URL of the relay, e.g. `https://chat.example.com` (the loader is `/widget/loader.js`). */
  relayUrl: string;
  /** The site's public key. */
  siteKey: string;
  /** The page's CSP nonce, if it has a Content-Security-Policy with nonces. */
  nonce?: string;
}

const HTTP_URL = /^https?:\/\/[^\s"'<>`]+$/i;
/** Base64 or base64url, what CSP nonces are made of. */
const NONCE = /^[A-Za-z0-9+/_=-]+$/;

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The queue stub: stores each call's arguments until the loader replays them. */
export const SNIPPET_STUB =
  'window.eyelevel=window.eyelevel||function(){(eyelevel.q=eyelevel.q||[]).push(arguments)};';

export function renderSnippet({ relayUrl, siteKey, nonce }: SnippetOptions): string {
  if (!HTTP_URL.test(relayUrl)) throw new Error('relayUrl must be an absolute http(s) URL');
  if (!siteKey) throw new Error('siteKey is required');
  if (nonce !== undefined && !NONCE.test(nonce)) throw new Error('nonce must be base64');
  const base = relayUrl.replace(/\/+$/, '');
  const nonceAttr = nonce ? ` nonce="${nonce}"` : '';
  return (
    `<script${nonceAttr}>${SNIPPET_STUB}</script>\n` +
    `<script async src="${escapeAttribute(`${base}/widget/loader.js`)}" ` +
    `data-site-key="${escapeAttribute(siteKey)}"${nonceAttr}></script>`
  );
}
