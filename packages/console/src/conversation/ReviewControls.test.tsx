// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Author, DraftEvent, ReviewEvent } from '@eyelevel/shared';
import { click, get, type } from '../test-support/dom.js';
import { consoleEnv } from '../test-support/console-env.js';
import { agent, agentAuthor, message, otherAgentAuthor, summary } from '../test-support/fixtures.js';

let env: ReturnType<typeof consoleEnv> | null = null;
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] }));
afterEach(() => {
  env?.cleanup();
  env = null;
  vi.useRealTimers();
});

const buttonIn = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) ?? null;
const button = (root: ParentNode, name: string) => {
  const found = buttonIn(root, name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};

const draft = (seq: number, text: string, author: Author = otherAgentAuthor): DraftEvent => ({ kind: 'draft', seq, at: 1000 + seq, author, text, clientId: `d${seq}` });
const review = (seq: number, draftSeq: number, decision: ReviewEvent['decision']): ReviewEvent => ({
  kind: 'review', seq, at: 1000 + seq, author: agentAuthor, decision, draftSeq, text: null, note: null, clientId: null,
});

/** Ana (the console's agent) opens conv1, whose log ends with a draft by `author`. */
function openWithDraft(author: Author = otherAgentAuthor, text = 'We are sorry, <b>refund</b> on its way') {
  env = consoleEnv();
  env.connect([summary('conv1', { lastSeq: 2 }), summary('conv2', { lastSeq: 1, updatedAt: 900 })]);
  click(get(env.container, '#queue-option-conv1'));
  env.deliver({ type: 'events', conversationId: 'conv1', events: [message(1, 'Where is my refund?'), draft(2, text, author)], more: false });
  return get(env.container, 'li.log-draft');
}

describe('reviewing a draft', () => {
  it('offers a reviewer Approve, Edit & approve and Reject, and approves with the frame’s exact fields', () => {
    const entry = openWithDraft();
    const group = get(entry, '[role="group"]');
    expect(group.getAttribute('aria-label')).toBe('Review draft #2');
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Approve', 'Edit & approve…', 'Reject…', 'Escalate…']);
    // The draft's text is text, not markup.
    expect(entry.textContent).toContain('<b>refund</b>');
    expect(entry.querySelector('b')).toBeNull();

    click(button(entry, 'Approve'));
    expect(env!.sent('review')).toEqual([{ type: 'review', conversationId: 'conv1', id: 'c1', draftSeq: 2, decision: 'approve' }]);
    expect(get(env!.container, 'li.log-draft').textContent).toContain('Sending your decision…');
    env!.deliver({ type: 'ack', id: 'c1', seq: 3, at: 3000, conversationId: 'conv1' });
    env!.deliver({ type: 'event', conversationId: 'conv1', event: { ...review(3, 2, 'approved'), clientId: 'c1' } });
    expect(buttonIn(env!.container, 'Approve')).toBeNull();
    expect(env!.container.textContent).toContain('Ana Nowak approved the draft #2');
  });

  it('hides the buttons from the draft’s author and says why', () => {
    const entry = openWithDraft(agentAuthor);
    expect(entry.querySelector('button')).toBeNull();
    expect(get(entry, '.review-blocked').textContent).toContain('its author cannot approve it');
  });

  it('hides them from an expert, whose own answers are reviewed', () => {
    env = consoleEnv({ ...agent, role: 'expert' });
    env.connect([summary('conv1', { lastSeq: 1 })]);
    click(get(env.container, '#queue-option-conv1'));
    env.deliver({ type: 'events', conversationId: 'conv1', events: [draft(1, 'Hello')], more: false });
    expect(get(env.container, 'li.log-draft').querySelector('button')).toBeNull();
    expect(get(env.container, '.review-blocked').textContent).toContain('experts do not review');
  });

  it('requires a note to reject, and shows a conflict in the notice list', () => {
    const entry = openWithDraft();
    click(button(entry, 'Reject…'));
    const form = get(env!.container, 'form[aria-label="Reject draft #2"]');
    const textarea = get<HTMLTextAreaElement>(form, 'textarea');
    expect(get(form, 'label').textContent).toContain('Note for the author (required)');
    expect(button(form, 'Reject').disabled).toBe(true);
    type(textarea, '   ');
    expect(button(form, 'Reject').disabled).toBe(true);
    expect(env!.sent('review')).toEqual([]);
    type(textarea, ' Please do not promise a date ');
    click(button(form, 'Reject'));
    expect(env!.sent('review')).toEqual([
      { type: 'review', conversationId: 'conv1', id: 'c1', draftSeq: 2, decision: 'reject', note: 'Please do not promise a date' },
    ]);

    // Another reviewer was faster: the refusal is a notice, and the draft's controls come back.
    env!.deliver({ type: 'error', code: 'CONFLICT', message: 'this draft was approved already', ref: 'c1' });
    const notice = get(env!.container, '.notices [role="alert"]');
    expect(notice.textContent).toContain('Could not review the draft: this draft was approved already');
    expect(buttonIn(get(env!.container, 'li.log-draft'), 'Approve')).not.toBeNull();
  });

  it('opens the text for editing and sends the edit as `text`; unchanged text is a plain approval', () => {
    const entry = openWithDraft(otherAgentAuthor, 'Refund is on its way');
    click(button(entry, 'Edit & approve…'));
    const form = get(env!.container, 'form[aria-label="Edit and approve draft #2"]');
    const textarea = get<HTMLTextAreaElement>(form, 'textarea');
    expect(textarea.value).toBe('Refund is on its way');
    type(textarea, 'Your refund was sent today.');
    click(button(form, 'Approve edited reply'));
    expect(env!.sent('review')).toEqual([
      { type: 'review', conversationId: 'conv1', id: 'c1', draftSeq: 2, decision: 'approve', text: 'Your refund was sent today.' },
    ]);
    // The edit is a decision, not a reply of Ana's: nothing "Sending…" appears in the log.
    expect(env!.container.querySelector('[data-client-id="c1"]')).toBeNull();

    env!.deliver({ type: 'error', code: 'CONFLICT', message: 'superseded', ref: 'c1' });
    click(button(get(env!.container, 'li.log-draft'), 'Edit & approve…'));
    click(button(get(env!.container, 'form[aria-label="Edit and approve draft #2"]'), 'Approve edited reply'));
    expect(env!.sent('review')[1]).toEqual({ type: 'review', conversationId: 'conv1', id: 'c2', draftSeq: 2, decision: 'approve' });
  });

  it('clears the author’s “Sending…” once their reply comes back as a draft', () => {
    openWithDraft();
    const textarea = get<HTMLTextAreaElement>(env!.container, '.composer textarea');
    type(textarea, 'Thanks for waiting');
    click(button(env!.container, 'Send'));
    const [send] = env!.sent('send');
    env!.deliver({ type: 'ack', id: send!.id, seq: 3, at: 3000, conversationId: 'conv1' });
    env!.deliver({ type: 'event', conversationId: 'conv1', event: { ...draft(3, 'Thanks for waiting', agentAuthor), clientId: send!.id } });
    expect(env!.container.querySelector(`[data-client-id="${String(send!.id)}"]`)).toBeNull();
    expect(env!.container.querySelectorAll('li.log-draft')).toHaveLength(2);
  });
});

describe('the lead tier and the author’s answer to a supersede', () => {
  it('a colleague escalates with a reason; the draft then says it needs a lead and offers Ana nothing to click', () => {
    const entry = openWithDraft();
    click(button(entry, 'Escalate…'));
    const form = get(env!.container, 'form[aria-label="Escalate draft #2"]');
    type(get<HTMLTextAreaElement>(form, 'textarea'), ' Legal should see this ');
    click(button(form, 'Escalate to a lead'));
    expect(env!.sent('review')).toEqual([{ type: 'review', conversationId: 'conv1', id: 'c1', draftSeq: 2, decision: 'escalate', note: 'Legal should see this' }]);
    env!.deliver({ type: 'ack', id: 'c1', seq: 3, at: 3000, conversationId: 'conv1' });
    env!.deliver({ type: 'event', conversationId: 'conv1', event: { ...review(3, 2, 'escalated'), note: 'Legal should see this' } });
    const draftEntry = get(env!.container, 'li.log-draft');
    expect(draftEntry.textContent).toContain('Needs a lead’s approval');
    expect(draftEntry.textContent).toContain('only a lead or an admin');
    expect(buttonIn(draftEntry, 'Approve')).toBeNull();
    expect(env!.container.textContent).toContain('escalated the draft #2 to a lead: “Legal should see this”');
  });

  it('in crisis mode a public draft needs a lead, and everyone sees the banner', () => {
    env = consoleEnv();
    env.connect([summary('conv1', { lastSeq: 2, channel: 'mastodon' })]);
    expect(env.container.querySelector('.crisis-banner')).toBeNull();
    env.deliver({ type: 'review_settings', crisis: { on: true, since: 5000, by: otherAgentAuthor }, holdingStatement: 'We are on it.', draftExpiryMinutes: 1440 });
    expect(get(env.container, '.crisis-banner').textContent).toContain('Crisis mode is on');
    // Ana is no lead: no switch for her.
    expect(buttonIn(env.container, 'End crisis mode')).toBeNull();
    click(get(env.container, '#queue-option-conv1'));
    env.deliver({ type: 'events', conversationId: 'conv1', events: [message(1, 'Your app broke'), draft(2, 'Sorry!')], more: false });
    expect(get(env.container, 'li.log-draft').textContent).toContain('Needs a lead’s approval');
    click(button(env.container, 'Use holding statement'));
    expect(get<HTMLTextAreaElement>(env.container, '.composer textarea').value).toBe('We are on it.');
  });

  it('asks the author of a superseded draft whether to send it anyway, and sends the answer', () => {
    const entry = openWithDraft(agentAuthor);
    env!.deliver({ type: 'event', conversationId: 'conv1', event: { ...review(3, 2, 'superseded'), author: { kind: 'system', id: null, name: null, initials: null, avatarUrl: null, role: null } } });
    const prompt = get(entry, '[role="group"][aria-label="Superseded draft #2"]');
    click(button(prompt, 'Send anyway'));
    expect(env!.sent('draft_resend')).toEqual([{ type: 'draft_resend', conversationId: 'conv1', id: 'c1', draftSeq: 2, action: 'resend' }]);
    env!.deliver({ type: 'ack', id: 'c1', seq: 5, at: 5000, conversationId: 'conv1' });
    env!.deliver({ type: 'event', conversationId: 'conv1', event: review(4, 2, 'resent') });
    expect(env!.container.querySelector('[aria-label="Superseded draft #2"]')).toBeNull();
  });
});

describe('the “Needs review” queue filter', () => {
  it('uses the queue row’s pending drafts for conversations whose logs are not loaded', () => {
    env = consoleEnv();
    env.connect([summary('conv1', { lastSeq: 2, pendingDrafts: 1, pendingLeadDrafts: 1 }), summary('conv2', { lastSeq: 1, updatedAt: 900, pendingDrafts: 0 })]);
    click(get(env.container, 'label.queue-filter-check:last-of-type input'));
    const rows = () => [...env!.container.querySelectorAll('[id^="queue-option-"]')].map((row) => row.id);
    expect(rows()).toEqual(['queue-option-conv1']);
    expect(get(env.container, '#queue-option-conv1').textContent).toContain('lead review');
    env.deliver({ type: 'conversation', conversation: summary('conv1', { lastSeq: 3, pendingDrafts: 0, pendingLeadDrafts: 0 }) });
    expect(rows()).toEqual([]);
  });

  it('keeps the conversations with a pending draft, until it is decided', () => {
    openWithDraft();
    click(get(env!.container, 'label.queue-filter-check:last-of-type input'));
    const rows = () => [...env!.container.querySelectorAll('[id^="queue-option-"]')].map((row) => row.id);
    expect(rows()).toEqual(['queue-option-conv1']);
    env!.deliver({ type: 'event', conversationId: 'conv1', event: review(3, 2, 'rejected') });
    expect(rows()).toEqual([]);
  });
});
