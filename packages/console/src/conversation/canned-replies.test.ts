import { describe, expect, it } from 'vitest';
import type { CannedReply } from '@eyelevel/shared';
import { cannedCandidates, expandCanned, insertCanned, slashAt } from './canned-replies.js';

const reply = (shortcut: string, teamId: string | null, title = shortcut, body = `${shortcut} body`): CannedReply => ({
  id: shortcut,
  teamId,
  shortcut,
  title,
  body,
  updatedAt: 0,
});

describe('canned replies', () => {
  it('fills in the variables, and leaves no hole for an unknown visitor name', () => {
    const values = { visitorName: 'Kim', visitorEmail: 'kim@example.com', agentName: 'Ana Nowak', agentInitials: 'an' };
    expect(expandCanned('Hi {visitor.name}, {agent.name} here. ^{agent.initials}', values)).toBe('Hi Kim, Ana Nowak here. ^an');
    expect(expandCanned('Hi {visitor.name}, we mail {visitor.email}', { ...values, visitorName: null })).toBe(
      'Hi, we mail kim@example.com',
    );
    expect(expandCanned('Hi { visitor.name }! {order.id} stays', values)).toBe('Hi Kim! {order.id} stays');
    // Variables are text: a name that looks like markup stays characters.
    expect(expandCanned('Hi {visitor.name}', { ...values, visitorName: '<b>x</b>' })).toBe('Hi <b>x</b>');
  });

  it('offers replies for /shortcut at the start of a line, from the conversation team and every team', () => {
    const replies = [reply('thanks', null), reply('tracking', 't1', 'Where is my parcel'), reply('salary', 't2')];
    expect(slashAt('/tr', 3)).toEqual({ prefix: 'tr', start: 0 });
    expect(slashAt('Hello\n/th', 9)).toEqual({ prefix: 'th', start: 6 });
    expect(slashAt('a/b', 3)).toBeNull();
    expect(cannedCandidates(replies, '', 't1').map((r) => r.shortcut)).toEqual(['thanks', 'tracking']);
    expect(cannedCandidates(replies, 'parcel', 't1').map((r) => r.shortcut)).toEqual(['tracking']);
    // Another team's reply is not offered, even when its shortcut matches.
    expect(cannedCandidates(replies, 'sal', null).map((r) => r.shortcut)).toEqual([]);
    expect(insertCanned('Hello\n/th', { prefix: 'th', start: 6 }, 'Thank you!')).toEqual({ text: 'Hello\nThank you!', caret: 16 });
  });
});
