import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './linkify.js';

describe('linkify', () => {
  it('turns http, https and mailto into links and keeps the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1 or mail mailto:help@example.com now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' or mail ' },
      { kind: 'link', text: 'mailto:help@example.com', href: 'mailto:help@example.com' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('never links other schemes', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'file:///etc/passwd']) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('http://')).toBeNull();
  });

  it('leaves sentence punctuation outside the link but keeps parens the URL opened', () => {
    expect(linkify('Go to http://example.com.')).toEqual([
      { kind: 'text', text: 'Go to ' },
      { kind: 'link', text: 'http://example.com', href: 'http://example.com/' },
      { kind: 'text', text: '.' },
    ]);
    const wiki = 'https://en.wikipedia.org/wiki/Eye_(disambiguation)';
    expect(linkify(`(${wiki})`)).toEqual([
      { kind: 'text', text: '(' },
      { kind: 'link', text: wiki, href: wiki },
      { kind: 'text', text: ')' },
    ]);
  });

  it('does not let a quote or angle bracket extend a link into markup', () => {
    const segments = linkify('https://example.com"><script>x</script>');
    expect(segments[0]).toEqual({ kind: 'link', text: 'https://example.com', href: 'https://example.com/' });
    expect(segments.slice(1)).toEqual([{ kind: 'text', text: '"><script>x</script>' }]);
  });
});
