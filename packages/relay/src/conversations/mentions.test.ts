import { describe, expect, it } from 'vitest';
import { mentionedInitials } from './mentions.js';

describe('mentionedInitials', () => {
  it('finds @initials at the start, after spaces and brackets, once each, lowercased', () => {
    expect(mentionedInitials('@AN can you check? cc @tk (@an)')).toEqual(['an', 'tk']);
  });
  it('ignores e-mail addresses and too long handles', () => {
    expect(mentionedInitials('mail anna@an.example or @toolongname')).toEqual([]);
  });
});
