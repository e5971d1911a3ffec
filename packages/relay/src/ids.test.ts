/** Ids are pasted into shells and URLs by operators; none may look like a command-line option. */
import { describe, expect, it } from 'vitest';
import { newId, newSitePublicKey } from './ids.js';

describe('ids', () => {
  it('are letters and digits only, so no id starts with a dash', () => {
    for (let i = 0; i < 2000; i++) expect(newId()).toMatch(/^[A-Za-z0-9]{21}$/);
  });

  it('site keys keep their prefix', () => {
    expect(newSitePublicKey()).toMatch(/^pk_[A-Za-z0-9]{24}$/);
  });
});
