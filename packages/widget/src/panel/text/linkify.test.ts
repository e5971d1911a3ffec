import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './linkify.js';

describe('linkify', () => {
  it('links http, https, mailto and www, leaving the sentence around them as text', () => {
    expect(linkify('See https://example.com/a?b=1, or mail mailto:help@example.com.')).toEqual([
      { text: 'See ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: ', or mail ' },
      { text: 'mailto:help@example.com', href: 'mailto:help@example.com' },
      { text: '.' },
    ]);
    expect(linkify('(www.example.com)')).toEqual([
      { text: '(' },
      { text: 'www.example.com', href: 'https://www.example.com/' },
      { text: ')' },
    ]);
  });

  it('never links javascript: or data: URLs', () => {
    expect(linkify('javascript:alert(1)')).toEqual([{ text: 'javascript:alert(1)' }]);
    expect(linkify('data:text/html,<script>alert(1)</script>')).toEqual([
      { text: 'data:text/html,<script>alert(1)</script>' },
    ]);
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });

  it('keeps markup as text', () => {
    const text = '<img src=x onerror=alert(1)>';
    expect(linkify(text)).toEqual([{ text }]);
  });

  it('keeps balanced parentheses inside a link', () => {
    const url = 'https://en.wikipedia.org/wiki/Eye_(disambiguation)';
    expect(linkify(url)).toEqual([{ text: url, href: url }]);
  });
});
