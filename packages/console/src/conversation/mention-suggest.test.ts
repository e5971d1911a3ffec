import { describe, expect, it } from 'vitest';
import type { DirectoryAgent } from '@eyelevel/shared';
import { insertMention, mentionAt, mentionCandidates } from './mention-suggest.js';

const colleague = (id: string, name: string, initials: string): DirectoryAgent => ({
  id,
  name,
  initials,
  avatarUrl: null,
  role: 'agent',
  presence: 'online',
  teamIds: [],
  capacity: 5,
});

describe('@mentions', () => {
  it('finds the @word at the caret, offers colleagues by initials or name, and inserts initials', () => {
    const agents = [colleague('1', 'Ana Nowak', 'an'), colleague('2', 'Ben Ortiz', 'bo'), colleague('3', 'Bea Nagel', 'bn')];
    expect(mentionAt('please @b', 9)).toEqual({ prefix: 'b', start: 7 });
    expect(mentionAt('mail@b', 6)).toBeNull();
    expect(mentionCandidates(agents, 'b', '1').map((a) => a.initials)).toEqual(['bn', 'bo']);
    expect(mentionCandidates(agents, 'nag', '1').map((a) => a.initials)).toEqual(['bn']);
    expect(mentionCandidates(agents, '', '1').map((a) => a.initials)).toEqual(['bn', 'bo']);
    expect(insertMention('please @b check', { prefix: 'b', start: 7 }, 'bo')).toEqual({ text: 'please @bo  check', caret: 11 });
  });
});
