import { describe, expect, it } from 'vitest';
import { renderSnippet, SNIPPET_STUB } from './snippet.js';

describe('renderSnippet', () => {
  it('prints the documented snippet', () => {
    expect(renderSnippet({ relayUrl: 'https://chat.example.com/', siteKey: 'pk_demo' })).toBe(
      `<script>${SNIPPET_STUB}</script>\n` +
        '<script async src="https://chat.example.com/widget/loader.js" data-site-key="pk_demo"></script>',
    );
  });

  it('puts the nonce on both tags so a strict CSP runs them', () => {
    const html = renderSnippet({ relayUrl: 'http://127.0.0.1:8787', siteKey: 'k', nonce: 'r4nd0m+/=' });
    expect(html.match(/ nonce="r4nd0m\+\/="/g)).toHaveLength(2);
  });

  it('escapes the site key into the attribute instead of breaking out of it', () => {
    const html = renderSnippet({ relayUrl: 'https://x.test', siteKey: '"><img src=x onerror=alert(1)>' });
    expect(html).toContain('data-site-key="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).not.toContain('<img');
  });

  it('refuses relay URLs that are not http(s) and nonces that are not base64', () => {
    expect(() => renderSnippet({ relayUrl: 'javascript:alert(1)', siteKey: 'k' })).toThrow();
    expect(() => renderSnippet({ relayUrl: 'https://x.test" onload="x', siteKey: 'k' })).toThrow();
    expect(() => renderSnippet({ relayUrl: 'https://x.test', siteKey: 'k', nonce: 'a" b' })).toThrow();
  });

  it('the stub queues calls made before the loader arrives', () => {
    const global = globalThis as { eyelevel?: ((...args: unknown[]) => void) & { q?: IArguments[] } };
    try {
      // The stub is plain browser JavaScript; `window` is `globalThis` here.
      new Function(SNIPPET_STUB.replaceAll('window.', 'globalThis.'))();
      global.eyelevel!('open');
      global.eyelevel!('on', 'ready', 1);
      expect(global.eyelevel!.q!.map((args) => Array.from(args))).toEqual([['open'], ['on', 'ready', 1]]);
    } finally {
      delete global.eyelevel;
    }
  });
});
