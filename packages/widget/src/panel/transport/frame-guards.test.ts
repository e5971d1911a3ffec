import { describe, expect, it } from 'vitest';
import { readServerFrame } from './frame-guards.js';

const author = { kind: 'agent', id: 'a1', name: 'Anna', initials: 'an', avatarUrl: null, role: 'agent' };

describe('readServerFrame', () => {
  it('accepts well-formed relay frames', () => {
    const welcome = {
      type: 'welcome', v: 1, token: null, visitorId: 'v1', conversationId: null,
      lastSeq: 0, agentReadSeq: 0, site: { name: 'Shop' },
    };
    expect(readServerFrame(JSON.stringify(welcome))).toEqual(welcome);
    const event = { type: 'event', event: { kind: 'message', seq: 1, at: 5, author, text: 'hi', clientId: null } };
    expect(readServerFrame(JSON.stringify(event))).toEqual(event);
  });

  it('keeps agents-only and future entry kinds as bare seqs', () => {
    const internal = { type: 'event', event: { kind: 'internal', seq: 3, at: 5, author } };
    expect(readServerFrame(JSON.stringify(internal))).toEqual(internal);
    const future = { type: 'event', event: { kind: 'poll', seq: 4, at: 6, author, question: '?' } };
    expect(readServerFrame(JSON.stringify(future))).toEqual(future);
  });

  it('refuses garbage instead of rendering it', () => {
    expect(readServerFrame('not json')).toBeNull();
    expect(readServerFrame(new ArrayBuffer(4))).toBeNull();
    expect(readServerFrame('{"type":"event","event":{"kind":"message","seq":0,"at":1,"text":"x"}}')).toBeNull();
    expect(readServerFrame(JSON.stringify({ type: 'event', event: { kind: 'message', seq: 1, at: 1, author, text: 5, clientId: null } }))).toBeNull();
    expect(readServerFrame('{"type":"surprise"}')).toBeNull();
    expect(readServerFrame('[1,2]')).toBeNull();
  });
});
