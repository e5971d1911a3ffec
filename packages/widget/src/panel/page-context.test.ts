// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { helloExtras } from './page-context.js';
import { detectLocale } from '../i18n/detect-locale.js';
import { de, panelLanguage, panelStrings } from '../i18n/strings.js';

describe('helloExtras', () => {
  it('reports the page and a valid profile', () => {
    document.title = 'Checkout';
    const extras = helloExtras('de', { id: 'u1', name: '  Dana  ', email: 'dana@example.com' });
    expect(extras.page?.title).toBe('Checkout');
    expect(extras.profile).toEqual({ name: 'Dana', email: 'dana@example.com' });
  });

  it('leaves out what the relay would refuse rather than losing the whole hello', () => {
    expect(helloExtras('en', { id: 'u1', email: 'not an e-mail' })).not.toHaveProperty('profile');
    expect(helloExtras('en', { id: 'u1', name: 'x'.repeat(200) }).profile?.name).toHaveLength(80);
    document.title = 't'.repeat(500);
    expect(helloExtras('en', undefined).page?.title).toHaveLength(300);
  });
});

describe('detectLocale', () => {
  it('prefers the option, then the page language, and keeps only the language part', () => {
    document.documentElement.lang = 'de-AT';
    expect(detectLocale()).toBe('de');
    expect(detectLocale('EN-gb')).toBe('en');
  });
});

describe('panel strings', () => {
  it('speak German for de and fall back to English (and say so in lang) for languages without strings', () => {
    expect(panelStrings('de')).toBe(de);
    expect(panelLanguage('fr')).toBe('en');
    expect(panelStrings('fr').send).toBe('Send');
  });
});
