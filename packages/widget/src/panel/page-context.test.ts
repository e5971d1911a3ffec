// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { helloExtras } from './page-context.js';
import { detectLocale } from '../i18n/detect-locale.js';
import { de, panelLanguage, panelStrings } from '../i18n/strings.js';

const HASH = 'a'.repeat(64);

describe('helloExtras', () => {
  it('reports the page, the identity with its proof, and the careers context', () => {
    document.title = 'Checkout';
    const extras = helloExtras('de', { id: 'u1', name: '  Dana  ', email: 'dana@example.com', hash: HASH }, {
      team: 'recruiting',
      jobId: 'BE-7',
      jobTitle: ' Backend engineer ',
    });
    expect(extras.page?.title).toBe('Checkout');
    expect(extras.identity).toEqual({ id: 'u1', name: 'Dana', email: 'dana@example.com', hash: HASH });
    expect(extras.context).toEqual({ team: 'recruiting', jobId: 'BE-7', jobTitle: 'Backend engineer' });
  });

  it('leaves out what the relay would refuse rather than losing the whole hello', () => {
    expect(helloExtras('en', { id: 'u1', email: 'not an e-mail', hash: 'xyz', jwt: 'a.b' }).identity).toEqual({ id: 'u1' });
    expect(helloExtras('en', { id: 'u1', name: 'x'.repeat(200) }).identity?.name).toHaveLength(80);
    expect(helloExtras('en', { id: '' })).not.toHaveProperty('identity');
    expect(helloExtras('en', undefined, { team: 'no spaces allowed' })).not.toHaveProperty('context');
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
