// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageText } from './MessageText.js';
import { mount } from '../test-support/dom.js';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function show(text: string): HTMLElement {
  const { container, unmount } = mount(<MessageText text={text} />);
  cleanup = unmount;
  return container;
}

describe('MessageText', () => {
  it('renders markup in a message as the characters it is, executing nothing', () => {
    const alert = vi.fn();
    (globalThis as Record<string, unknown>).pwned = alert;
    const text = '<img src=x onerror="pwned()"><script>pwned()</script><b>bold</b>';
    const container = show(text);
    expect(container.textContent).toBe(text);
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(alert).not.toHaveBeenCalled();
  });

  it('links http, https and mailto, opening them safely in a new tab', () => {
    const container = show('docs: https://example.com/help and mailto:team@example.com');
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/help', 'mailto:team@example.com']);
    for (const link of links) {
      expect(link.getAttribute('rel')).toContain('noopener');
      expect(link.getAttribute('target')).toBe('_blank');
    }
    expect(container.textContent).toBe('docs: https://example.com/help and mailto:team@example.com');
  });

  it('keeps javascript: and data: URLs as plain text', () => {
    const container = show('click javascript:alert(1) or data:text/html;base64,PHNjcmlwdD4=');
    expect(container.querySelector('a')).toBeNull();
  });

  it('keeps line breaks as text for the stylesheet to show', () => {
    const container = show('line one\nline two');
    expect(container.textContent).toBe('line one\nline two');
    expect(container.querySelector('br')).toBeNull();
  });
});
