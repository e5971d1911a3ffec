// @vitest-environment happy-dom
/**
 * Moderation in the open conversation (issue 6): hide, delete and warn on a message, warn and
 * block on the conversation, a lead's decision on an escalation, each with the reason the relay
 * requires and in the exact frame it expects; the log entries that come back mark the message.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentProfile, ModerationEvent } from '@eyelevel/shared';
import { click, get, type } from '../test-support/dom.js';
import { consoleEnv } from '../test-support/console-env.js';
import { agent, agentAuthor, message, statusEvent, summary } from '../test-support/fixtures.js';

let env: ReturnType<typeof consoleEnv> | null = null;
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] }));
afterEach(() => {
  env?.cleanup();
  env = null;
  vi.useRealTimers();
});

const button = (root: ParentNode, name: string) => {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}" in ${root.textContent}`);
  return found;
};
const field = (root: ParentNode, label: string) => {
  const found = [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label));
  const control = found?.querySelector('textarea, input, select');
  if (!control) throw new Error(`no field "${label}"`);
  return control as HTMLTextAreaElement;
};
const mod = (seq: number, action: ModerationEvent['action'], targetSeq: number | null, note: string): ModerationEvent => ({
  kind: 'moderation', seq, at: 1000 + seq, author: agentAuthor, action, targetSeq, note, clientId: null,
});

function open(profile: AgentProfile = agent, overrides = {}) {
  env = consoleEnv(profile);
  env.connect([summary('conv1', { lastSeq: 1, visitor: { id: 'v1', name: 'Vera', email: null }, ...overrides })]);
  click(get(env.container, '#queue-option-conv1'));
  env.deliver({ type: 'events', conversationId: 'conv1', events: [message(1, 'You are all idiots')], more: false });
  return env;
}

describe('moderating a message', () => {
  it('hides a message only with a reason, then marks it hidden for agents with who and why', () => {
    const { container, sent, deliver } = open();
    const bubble = get(container, 'li.log-message[data-seq="1"]');
    const group = get(bubble, '[role="group"]');
    expect(group.getAttribute('aria-label')).toBe('Moderate message #1');
    // Deleting is for leads: offered, disabled, with the reason.
    const del = button(group, 'Delete…');
    expect(del.disabled).toBe(true);
    expect(del.title).toBe('only leads and admins delete');

    click(button(group, 'Hide…'));
    const form = get(bubble, 'form[aria-label="Hide message #1"]');
    expect(button(form, 'Hide').disabled).toBe(true);
    type(field(form, 'Reason'), 'insult');
    click(button(form, 'Hide'));
    expect(sent('moderate')).toEqual([{ type: 'moderate', conversationId: 'conv1', id: 'c1', action: 'hide', targetSeq: 1, reason: 'insult' }]);

    deliver({ type: 'ack', id: 'c1', seq: 2, at: 2000, conversationId: 'conv1' });
    deliver({ type: 'event', conversationId: 'conv1', event: mod(2, 'hidden', 1, 'insult') });
    const marked = get(container, 'li.log-message[data-seq="1"]');
    expect(marked.classList.contains('is-hidden')).toBe(true);
    expect(get(marked, '.moderation-mark').textContent).toBe('Hidden by Ana Nowak: insult (visitors no longer see it)');
    // The text stays readable for agents, and the entry can be unhidden.
    expect(marked.textContent).toContain('You are all idiots');
    expect(button(get(marked, '[role="group"]'), 'Unhide…')).toBeTruthy();
    expect(container.textContent).toContain('Ana Nowak hid message #1: insult');
  });

  it('lets a lead delete, and warns about a message from a template with its reason', () => {
    const { container, sent, deliver } = open({ ...agent, role: 'lead' });
    const bubble = get(container, 'li.log-message[data-seq="1"]');
    click(button(get(bubble, '[role="group"]'), 'Delete…'));
    type(field(bubble, 'Reason'), 'defamatory');
    click(button(bubble, 'Delete'));
    expect(sent('moderate')[0]).toMatchObject({ action: 'delete', targetSeq: 1, reason: 'defamatory' });
    expect(get(bubble, '[role="status"]').textContent).toBe('Moderating…');
    deliver({ type: 'ack', id: 'c1', seq: 2, at: 2000, conversationId: 'conv1' });
    deliver({ type: 'event', conversationId: 'conv1', event: mod(2, 'deleted', 1, 'defamatory') });
    expect(get(bubble, '.moderation-mark').textContent).toBe('Deleted by Ana Nowak: defamatory (visitors no longer see it)');
    // Nothing undoes a delete; a warning is still possible.
    expect([...get(bubble, '[role="group"]').querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Warn…']);

    click(button(get(bubble, '[role="group"]'), 'Warn…'));
    const warn = get(bubble, 'form[aria-label="Warn"]');
    expect(field(warn, 'Message').value).toMatch(/^Hi Vera, we are glad to help/);
    type(field(warn, 'Reason'), 'rude');
    click(button(warn, 'Send warning'));
    expect(sent('warn')).toEqual([{ type: 'warn', conversationId: 'conv1', id: 'c2', template: 'tone', reason: 'rude', targetSeq: 1 }]);
  });
});

describe('moderating the conversation', () => {
  it('blocks with a reason and shows the block until an unblock arrives; sends an edited warning', () => {
    const { container, sent, deliver } = open();
    const bar = get(container, '[role="toolbar"][aria-label="Moderation"]');
    click(button(bar, 'Block…'));
    const form = get(container, 'form[aria-label="Block"]');
    type(field(form, 'Reason'), 'threats');
    click(button(form, 'Block'));
    expect(sent('block')).toEqual([{ type: 'block', conversationId: 'conv1', id: 'c1', reason: 'threats' }]);
    deliver({ type: 'event', conversationId: 'conv1', event: mod(2, 'blocked', null, 'threats') });
    expect(get(container, '.badge.is-blocked').textContent).toBe('blocked: new messages are held');
    expect(button(bar, 'Unblock…')).toBeTruthy();

    click(button(bar, 'Warn…'));
    const warn = get(container, 'form[aria-label="Warn"]');
    type(field(warn, 'Message'), 'Please stop.');
    type(field(warn, 'Reason'), 'last chance');
    click(button(warn, 'Send warning'));
    expect(sent('warn')).toEqual([{ type: 'warn', conversationId: 'conv1', id: 'c2', template: 'tone', text: 'Please stop.', reason: 'last chance' }]);
  });

  it('shows the relay’s refusal beside the moderation buttons', () => {
    const { container, deliver } = open();
    click(button(get(container, '[role="toolbar"][aria-label="Moderation"]'), 'Block…'));
    type(field(get(container, 'form[aria-label="Block"]'), 'Reason'), 'again');
    click(button(get(container, 'form[aria-label="Block"]'), 'Block'));
    deliver({ type: 'error', code: 'CONFLICT', message: 'this person is already blocked', ref: 'c1' });
    expect(get(container, '.moderation-bar [role="alert"]').textContent).toContain('this person is already blocked');
  });

  it('offers a lead the decision on a waiting escalation and shows how long it took', () => {
    const { container, sent, deliver } = open({ ...agent, role: 'lead' }, { escalatedAt: 60_000 });
    expect(container.querySelector('.escalation-line')?.textContent).toMatch(/waiting for a lead’s decision/);
    click(button(container, 'Decide escalation…'));
    const form = get(container, 'form[aria-label="Decide escalation"]');
    type(field(form, 'Decision'), 'Refund, legal informed');
    click(get(form, 'input[type="checkbox"]'));
    click(button(form, 'Decide'));
    expect(sent('decide')).toEqual([{ type: 'decide', conversationId: 'conv1', id: 'c1', note: 'Refund, legal informed', resolve: true }]);
    deliver({
      type: 'event',
      conversationId: 'conv1',
      event: statusEvent(2, { at: 300_000, change: 'decided', status: 'open', note: 'Refund, legal informed', decisionMs: 240_000, author: { ...agentAuthor, role: 'lead' } }),
    });
    expect(get(container, '.escalation-line').textContent).toBe('Escalation decided after 4 min.');
    expect(container.textContent).toContain('Ana Nowak decided the escalation after 4 min: Refund, legal informed');
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Decide escalation…')).toBe(false);
  });

  it('does not offer agents the decision', () => {
    const { container } = open(agent, { escalatedAt: 60_000 });
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Decide escalation…')).toBe(false);
  });
});
