// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { click, get, press, type } from '../test-support/dom.js';
import { consoleEnv, directoryFrame } from '../test-support/console-env.js';
import { agent, otherAgentAuthor, summary } from '../test-support/fixtures.js';

let env: ReturnType<typeof consoleEnv> | null = null;
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] }));
afterEach(() => {
  env?.cleanup();
  env = null;
  vi.useRealTimers();
});

const button = (root: ParentNode, name: string) => {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};

function select(element: HTMLSelectElement, value: string) {
  act(() => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const waiting = summary('conv1', {
  lastSeq: 2,
  updatedAt: 2000,
  waitingSince: 2000,
  visitor: { id: 'v1', name: 'Kim', email: 'kim@example.com' },
  lastMessage: { text: 'Is the job still open?', at: 2000, authorKind: 'visitor' },
  page: { url: 'https://jobs.example/backend', title: 'Backend engineer' },
  verified: true,
  identity: { id: 'user-42', name: 'Kim', email: 'kim@example.com', verifiedBy: 'hash' },
  job: { id: 'J-42', title: 'Backend engineer' },
});

function open(id = 'conv1') {
  click(get(env!.container, `#queue-option-${id}`));
}

describe('conversation actions', () => {
  it('claims an unassigned case, and transfers it to a team with a note', () => {
    env = consoleEnv();
    env.connect([waiting]);
    open();
    click(button(env.container, 'Claim'));
    expect(env.sent('claim')).toEqual([{ type: 'claim', conversationId: 'conv1', id: 'c1' }]);
    expect(button(env.container, 'Claiming…').disabled).toBe(true);
    env.deliver({ type: 'ack', id: 'c1', seq: 3, at: 3000, conversationId: 'conv1' });
    expect(env.container.textContent).not.toContain('Claiming…');

    click(button(env.container, 'Transfer…'));
    const form = get(env.container, 'form[aria-label="Transfer"]');
    select(get<HTMLSelectElement>(form, 'select'), 't_jobs');
    type(get<HTMLTextAreaElement>(form, 'textarea'), 'Applicant for J-42');
    click(button(form, 'Transfer'));
    expect(env.sent('transfer')).toEqual([
      { type: 'transfer', conversationId: 'conv1', id: 'c2', to: { teamId: 't_jobs' }, note: 'Applicant for J-42' },
    ]);
    expect(env.container.querySelector('form[aria-label="Transfer"]')).toBeNull();
  });

  it('transfers to a colleague, listed with their presence', () => {
    env = consoleEnv();
    env.connect([summary('conv1', { assignee: { kind: 'agent', id: agent.id, name: agent.name, initials: 'an', avatarUrl: null, role: 'agent' } })]);
    open();
    click(button(env.container, 'Transfer…'));
    const form = get(env.container, 'form[aria-label="Transfer"]');
    click(get(form, 'input[type="radio"]:not(:checked)'));
    const colleague = get<HTMLSelectElement>(form, 'select');
    // Herself and the current assignee are not offered.
    expect([...colleague.options].map((o) => o.textContent)).toEqual(['Ben Ortiz (bo) — away']);
    click(button(form, 'Transfer'));
    expect(env.sent('transfer')[0]).toMatchObject({ to: { agentId: 'agent_2' } });
  });

  it('escalates with a reason, snoozes, sets pending and priority, and shows a refusal', () => {
    env = consoleEnv();
    env.connect([waiting]);
    open();
    click(button(env.container, 'Escalate…'));
    const escalate = get(env.container, 'form[aria-label="Escalate"]');
    expect(button(escalate, 'Escalate').disabled).toBe(true);
    type(get<HTMLTextAreaElement>(escalate, 'textarea'), 'Salary question');
    click(button(escalate, 'Escalate'));
    expect(env.sent('escalate')).toEqual([{ type: 'escalate', conversationId: 'conv1', id: 'c1', reason: 'Salary question' }]);

    click(button(env.container, 'Snooze…'));
    click(button(get(env.container, 'form[aria-label="Snooze"]'), 'In 1 hour'));
    const snooze = env.sent('status')[0]!;
    expect(snooze).toMatchObject({ type: 'status', status: 'snoozed' });
    expect(snooze.snoozedUntil as number).toBeGreaterThan(Date.now());

    select(get<HTMLSelectElement>(env.container, '.priority-control select'), 'urgent');
    expect(env.sent('priority')).toEqual([{ type: 'priority', conversationId: 'conv1', id: 'c3', priority: 'urgent' }]);
    env.deliver({ type: 'error', code: 'FORBIDDEN', message: 'only the assignee or a lead can change this', ref: 'c3' });
    expect(get(env.container, '[role="alert"]').textContent).toContain('Could not priority: only the assignee or a lead');
  });

  it('explains why someone else\'s case cannot be answered, and still takes a private note with a mention', () => {
    env = consoleEnv();
    env.connect([summary('conv1', { assignee: otherAgentAuthor, lastSeq: 1 })]);
    open();
    expect(env.container.textContent).toContain('Assigned to Ben Ortiz (^bo)');
    const reason = 'Assigned to Ben Ortiz. Only Ben Ortiz or a lead can reply while it is assigned; you can still add a private note.';
    expect(get(env.container, '.composer-blocked').textContent).toBe(reason);
    expect(get<HTMLInputElement>(env.container, '.composer-tabs input').disabled).toBe(true);
    expect(button(env.container, 'Transfer…').disabled).toBe(true);
    expect(button(env.container, 'Resolve').disabled).toBe(true);
    expect(env.container.textContent).not.toContain('Claim');

    const textarea = get<HTMLTextAreaElement>(env.container, 'textarea');
    expect(get(env.container, `label[for="${textarea.id}"]`).textContent).toBe('Private note');
    type(textarea, 'Can you call her back, @b');
    const list = get(env.container, '[role="listbox"][aria-label="Colleagues"]');
    expect(list.textContent).toContain('@bo');
    press(textarea, 'Enter');
    expect(textarea.value).toBe('Can you call her back, @bo ');
    expect(env.sent('note')).toEqual([]);
    press(textarea, 'Enter');
    expect(env.sent('note')).toEqual([{ type: 'note', conversationId: 'conv1', id: 'c1', text: 'Can you call her back, @bo ' }]);
    // Notes never tell the visitor that someone is typing.
    expect(env.sent('typing')).toEqual([]);
  });

  it('lets a lead answer and take over someone else\'s case', () => {
    env = consoleEnv({ ...agent, role: 'lead' });
    env.connect([summary('conv1', { assignee: otherAgentAuthor })]);
    open();
    expect(env.container.querySelector('.composer-blocked')).toBeNull();
    click(button(env.container, 'Take over'));
    expect(env.sent('claim')).toHaveLength(1);
  });

  it('inserts a canned reply with / and fills in the variables', () => {
    env = consoleEnv();
    env.connect(
      [waiting],
      directoryFrame({
        cannedReplies: [
          { id: 'r1', teamId: null, shortcut: 'hello', title: 'Greeting', body: 'Hi {visitor.name}, {agent.name} here (^{agent.initials}).', updatedAt: 0 },
          { id: 'r2', teamId: 't_jobs', shortcut: 'jobs', title: 'Jobs only', body: 'x', updatedAt: 0 },
        ],
      }),
    );
    open();
    const textarea = get<HTMLTextAreaElement>(env.container, 'textarea');
    type(textarea, '/');
    const list = get(env.container, '[role="listbox"][aria-label="Canned replies"]');
    // The conversation has no team: only replies for every team are offered.
    expect([...list.querySelectorAll('[role="option"]')].map((o) => o.textContent)).toEqual(['/hello Greeting']);
    press(textarea, 'Enter');
    expect(textarea.value).toBe('Hi Kim, Ana Nowak here (^an).');
    expect(env.sent('send')).toEqual([]);
  });
});

describe('who else is here, and the visitor\'s context', () => {
  it('shows colleagues viewing the conversation, and the visitor\'s identity, page, job and history', () => {
    env = consoleEnv();
    env.connect([waiting, summary('old', { status: 'resolved', createdAt: 500, visitor: waiting.visitor })]);
    open();
    expect(env.sent('viewing')).toEqual([{ type: 'viewing', conversationId: 'conv1' }]);
    expect(env.sent('history')).toEqual([{ type: 'history', conversationId: 'conv1' }]);
    env.deliver({ type: 'viewing', conversationId: 'conv1', author: otherAgentAuthor, on: true });
    expect(get(env.container, '.collision').textContent).toBe('Ben Ortiz is also viewing this conversation');

    const context = get(env.container, '[aria-label="Visitor context"]');
    expect(context.textContent).toContain('verified by the site (signature)');
    expect(context.textContent).toContain('user user-42');
    expect(context.textContent).toContain('Backend engineer (J-42)');
    expect(get<HTMLAnchorElement>(context, 'a').href).toBe('https://jobs.example/backend');
    expect(context.textContent).toContain('Loading…');
    env.deliver({ type: 'history', conversationId: 'conv1', conversations: [summary('old', { status: 'resolved', createdAt: 500 })] });
    click(get(context, '.history button'));
    expect(get(env.container, 'h2').textContent).toBe('Visitor');
    expect(env.sent('viewing').at(-1)).toEqual({ type: 'viewing', conversationId: 'old' });
  });
});

describe('queue filters, presence and mentions', () => {
  it('filters the one queue by assignee, team, priority and status', () => {
    env = consoleEnv();
    const mine = { kind: 'agent' as const, id: agent.id, name: agent.name, initials: 'an', avatarUrl: null, role: 'agent' as const };
    env.connect([
      summary('a', { assignee: mine, teamId: 't_support' }),
      summary('b', { teamId: 't_jobs', priority: 'urgent' }),
      summary('c', { status: 'snoozed', snoozedUntil: 99_999 }),
      summary('d', { status: 'resolved' }),
    ]);
    const count = () => get(env!.container, '.queue-count').textContent;
    expect(count()).toBe('3 conversations');
    const selects = [...env.container.querySelectorAll<HTMLSelectElement>('.queue-filters select')];
    const [status, assignee, team, , priority] = selects;
    select(assignee!, 'me');
    expect(count()).toBe('1 conversation');
    select(assignee!, 'unassigned');
    select(team!, 't_jobs');
    expect(count()).toBe('1 conversation');
    select(team!, 'any');
    select(priority!, 'urgent');
    expect(get(env.container, '[role="option"]').getAttribute('data-conversation-id')).toBe('b');
    click(button(env.container, 'Reset'));
    select(status!, 'snoozed');
    expect(count()).toBe('1 conversation');
    select(status!, 'resolved');
    expect(get(env.container, '[role="option"]').getAttribute('data-conversation-id')).toBe('d');
  });

  it('switches presence and lists mentions that open their conversation', () => {
    env = consoleEnv();
    env.connect([summary('a', { visitor: { id: 'v', name: 'Kim', email: null } })]);
    select(get<HTMLSelectElement>(env.container, 'select[aria-label="Presence"]'), 'away');
    expect(env.sent('presence')).toEqual([{ type: 'presence', status: 'away' }]);
    env.deliver({ type: 'notification', kind: 'mention', conversationId: 'a', seq: 2, from: otherAgentAuthor });
    const toggle = button(env.container, 'Mentions (1)');
    click(toggle);
    click(button(env.container, 'Ben Ortiz mentioned you in the conversation with Kim'));
    expect(get(env.container, 'h2').textContent).toBe('Kim');
    expect(button(env.container, 'Mentions').textContent).toBe('Mentions');
  });
});

describe('callback tasks', () => {
  it('lists the visitor\'s callback request with number and time, takes it and records the outcome', () => {
    env = consoleEnv();
    env.connect([summary('conv1', { lastSeq: 2, openCallbacks: 1, visitor: { id: 'v1', name: 'Kim', email: null } })]);
    expect(get(env.container, '#queue-option-conv1').textContent).toContain('callback');
    open();
    env.deliver({
      type: 'events',
      conversationId: 'conv1',
      events: [
        { kind: 'status', seq: 1, at: 1000, author: { kind: 'system', id: null, name: null, initials: null, avatarUrl: null, role: null }, change: 'opened', status: 'open', assignee: null },
        { kind: 'callback', seq: 2, at: 1001, author: { kind: 'visitor', id: 'v1', name: 'Kim', initials: null, avatarUrl: null, role: null }, phone: '+49 30 1234567', preferredTime: 'after 5 pm', note: '<b>urgent</b>', clientId: 'cb1' },
      ],
      more: false,
    });
    const panel = get(env.container, '[aria-label="Callback requests"]');
    expect(panel.textContent).toContain('+49 30 1234567 · after 5 pm');
    expect(panel.textContent).toContain('“<b>urgent</b>”');
    expect(panel.querySelector('b')).toBeNull();
    expect(get<HTMLAnchorElement>(panel, 'a').getAttribute('href')).toBe('tel:+49301234567');
    click(button(panel, 'Take callback'));
    expect(env.sent('callback_take')).toEqual([{ type: 'callback_take', conversationId: 'conv1', id: 'c1', requestSeq: 2 }]);
    env.deliver({ type: 'ack', id: 'c1', seq: 3, at: 3000, conversationId: 'conv1' });
    env.deliver({
      type: 'event',
      conversationId: 'conv1',
      event: { kind: 'status', seq: 3, at: 3000, author: { kind: 'agent', id: agent.id, name: agent.name, initials: 'an', avatarUrl: null, role: 'agent' }, change: 'callback_taken', status: 'open', assignee: null, callback: { requestSeq: 2, outcome: null } },
    });
    expect(get(env.container, '[aria-label="Callback requests"]').textContent).toContain('Taken by Ana Nowak');
    click(button(env.container, 'Record outcome…'));
    const form = get(env.container, 'form[aria-label="Callback outcome"]');
    act(() => {
      const outcome = get<HTMLSelectElement>(form, 'select');
      outcome.value = 'voicemail';
      outcome.dispatchEvent(new Event('change', { bubbles: true }));
    });
    type(get<HTMLTextAreaElement>(form, 'textarea'), 'will try again tomorrow');
    click(button(form, 'Save outcome'));
    expect(env.sent('callback_done')).toEqual([
      { type: 'callback_done', conversationId: 'conv1', id: 'c2', requestSeq: 2, outcome: 'voicemail', note: 'will try again tomorrow' },
    ]);
  });
});

describe('text stays text', () => {
  it('renders markup in notes, transfer notes, escalation reasons and callback details as characters', () => {
    env = consoleEnv();
    env.connect([summary('conv1', { lastSeq: 4 })]);
    open();
    const payload = '<img src=x onerror="window.__pwned=1">';
    env.deliver({
      type: 'events',
      conversationId: 'conv1',
      events: [
        { kind: 'note', seq: 1, at: 1001, author: otherAgentAuthor, text: payload, mentions: [], clientId: null },
        { kind: 'status', seq: 2, at: 1002, author: otherAgentAuthor, change: 'transferred', status: 'open', assignee: null, team: { id: 't', name: payload }, note: payload },
        { kind: 'status', seq: 3, at: 1003, author: otherAgentAuthor, change: 'escalated', status: 'open', assignee: null, note: payload },
        { kind: 'callback', seq: 4, at: 1004, author: { kind: 'visitor', id: 'v', name: payload, initials: null, avatarUrl: null, role: null }, phone: '+49 30 1234567', preferredTime: payload, note: payload, clientId: 'x' },
      ],
      more: false,
    });
    const log = get(env.container, 'ol[aria-label="Messages"]');
    expect(log.textContent?.split(payload).length).toBeGreaterThan(3);
    expect(env.container.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
