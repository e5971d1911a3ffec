// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { takeContinueToken } from './continue-link.js';

const TOKEN = 'v1.eyJpIjoiYSJ9.c2ln_-';

beforeEach(() => history.replaceState(null, '', '/'));

describe('takeContinueToken', () => {
  it('reads the token from the fragment and removes it from the address bar', () => {
    history.replaceState({ kept: true }, '', `/help?lang=de#eyelevel-continue=${TOKEN}`);
    const before = history.length;
    expect(takeContinueToken()).toBe(TOKEN);
    expect(location.hash).toBe('');
    expect(location.pathname + location.search).toBe('/help?lang=de');
    expect(location.href).not.toContain(TOKEN);
    // Replaced, not pushed: no history entry keeps the token, and the page's state survives.
    expect(history.length).toBe(before);
    expect(history.state).toEqual({ kept: true });
  });

  it('keeps the rest of the fragment', () => {
    history.replaceState(null, '', `/faq#returns&eyelevel-continue=${TOKEN}`);
    expect(takeContinueToken()).toBe(TOKEN);
    expect(location.hash).toBe('#returns');
  });

  it('finds nothing without the parameter and leaves the URL alone', () => {
    history.replaceState(null, '', '/faq#returns');
    expect(takeContinueToken()).toBeUndefined();
    expect(location.hash).toBe('#returns');
  });

  it('strips a malformed token but does not send it', () => {
    history.replaceState(null, '', '/#eyelevel-continue=<script>');
    expect(takeContinueToken()).toBeUndefined();
    expect(location.hash).toBe('');
  });
});
