// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { AdminScreen } from './AdminScreen.js';
import { AdminApi } from './admin-api.js';
import { choose as pick, click, get, mount, type } from '../test-support/dom.js';
import { button, fakeAdminRelay as fakeRelay, field as input, settle } from '../test-support/admin-relay.js';
import { agent } from '../test-support/fixtures.js';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const nora = {
  id: 'a1',
  email: 'nora@example.com',
  name: 'Nora Berg',
  initials: 'nb',
  avatarUrl: null,
  role: 'agent',
  capacity: 5,
  teamIds: ['t1'],
  active: true,
  presence: 'online',
  createdAt: 1,
};
const site = { id: 's1', publicKey: 'pk_abc', name: 'Shop', allowedOrigins: ['https://shop.example'], settings: {}, createdAt: 1 };

/** Picks an option of the select labelled `label`. */
const choose = (root: ParentNode, label: string, value: string) => pick(input(root, label) as unknown as HTMLSelectElement, value);

describe('admin screen', () => {
  it('lists agents with their teams, and shows the relay\'s refusal of a new agent', async () => {
    const relay = fakeRelay({
      'GET /agents': () => ({ status: 200, body: [nora] }),
      'GET /teams': () => ({ status: 200, body: [{ id: 't1', slug: 'support', name: 'Support' }] }),
      'POST /agents': () => ({ status: 409, body: { error: { code: 'CONFLICT', message: 'initials "nb" are taken in this workspace' } } }),
    });
    const { container, unmount } = mount(<AdminScreen api={relay.api} agent={{ ...agent, role: 'admin' }} />);
    cleanup = unmount;
    await settle();
    expect(get(container, 'table').textContent).toContain('Nora Berg');
    expect(get(container, 'table').textContent).toContain('Support');
    expect(relay.calls[0]?.auth).toBe('Bearer at_token');

    click(button(container, 'Add agent'));
    const form = get(container, 'form[aria-label="New agent"]');
    type(input(form, 'Name'), 'Nils');
    type(input(form, 'E-mail'), 'nils@example.com');
    type(input(form, 'Initials'), 'nb');
    type(input(form, 'Password'), 'a long enough password');
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(relay.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/agents',
      body: { name: 'Nils', email: 'nils@example.com', initials: 'nb', role: 'agent', capacity: 5, teamIds: [] },
    });
    expect(get(container, '[role="alert"]').textContent).toBe('initials "nb" are taken in this workspace');
  });

  it('shows a new site\'s secret and snippet once, and forgets them when told', async () => {
    const secret = 'sk_once_only';
    const relay = fakeRelay({
      'GET /sites': () => ({ status: 200, body: [site] }),
      'POST /sites': (body) => ({ status: 201, body: { site: { ...site, id: 's2', publicKey: 'pk_new', ...(body as object) }, identitySecret: secret } }),
    });
    const { container, unmount } = mount(<AdminScreen api={relay.api} agent={{ ...agent, role: 'admin' }} />);
    cleanup = unmount;
    click(button(container, 'Sites'));
    await settle();
    click(button(container, 'Add site'));
    const form = get(container, 'form[aria-label="New site"]');
    type(input(form, 'Site name'), 'Careers');
    type(input(form, 'Allowed origins'), 'https://jobs.example\n\n');
    type(input(form, 'Opening hours'), 'mon 09:00-17:00');
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    // Hours without a time zone are caught before anything is sent.
    expect(get(container, '[role="alert"]').textContent).toBe('Business hours need a time zone, e.g. Europe/Berlin');
    type(input(form, 'Time zone'), 'Europe/Berlin');
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(relay.calls.find((call) => call.method === 'POST')?.body).toEqual({
      name: 'Careers',
      allowedOrigins: ['https://jobs.example'],
      settings: { businessHours: { timeZone: 'Europe/Berlin', weekly: [{ day: 'mon', from: '09:00', to: '17:00' }] } },
    });
    const notice = get(container, '[aria-label="Site keys"]');
    expect((input(notice, 'Identity secret') as HTMLInputElement).value).toBe(secret);
    expect((input(notice, 'Embed snippet') as unknown as HTMLTextAreaElement).value).toContain('pk_new');
    click(button(notice, 'I have stored the secret'));
    expect(container.innerHTML).not.toContain(secret);
  });

  it('is read-only for leads', async () => {
    const relay = fakeRelay({
      'GET /agents': () => ({ status: 200, body: [nora] }),
      'GET /teams': () => ({ status: 200, body: [] }),
      'GET /canned-replies': () => ({ status: 200, body: [] }),
    });
    const { container, unmount } = mount(<AdminScreen api={relay.api} agent={{ ...agent, role: 'lead' }} />);
    cleanup = unmount;
    await settle();
    expect(container.textContent).toContain('Read-only: only admins can change these.');
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Add agent');
    expect(container.textContent).not.toContain('Deactivate');
    click(button(container, 'Canned replies'));
    await settle();
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Add canned reply');
  });

  it('turns a relay that cannot be reached or answers nonsense into a message', async () => {
    const down = new AdminApi('t', async () => {
      throw new TypeError('fetch failed');
    });
    expect(await down.agents()).toEqual({ ok: false, message: 'The relay cannot be reached. Check your connection and try again.' });
    const odd = new AdminApi('t', async () => new Response('{"unexpected":true}', { status: 200 }));
    expect(await odd.teams()).toEqual({ ok: false, message: 'The relay answered in a form this console does not understand.' });
    const broken = new AdminApi('t', async () => new Response('<html>', { status: 502 }));
    expect(await broken.sites()).toEqual({ ok: false, message: 'The relay answered HTTP 502.' });
  });
  it('lets a lead set a team\'s review policy and flag a trainee', async () => {
    const policies: unknown[] = [];
    const relay = fakeRelay({
      'GET /review-policies': () => ({ status: 200, body: policies }),
      'GET /channels': () => ({ status: 200, body: [] }),
      'GET /teams': () => ({ status: 200, body: [{ id: 't1', slug: 'social', name: 'Social care' }] }),
      'GET /sites': () => ({ status: 200, body: [site] }),
      'PUT /review-policies/team/t1': (body) => {
        policies.push({ scope: 'team', scopeId: 't1', rules: body, label: 'Social care' });
        return { status: 200, body: policies.at(-1) };
      },
      'GET /agents': () => ({ status: 200, body: [nora] }),
      'GET /trainees': () => ({ status: 200, body: [] }),
      'PUT /trainees/a1': () => ({ status: 200, body: { agentId: 'a1', inTraining: true, since: 5 } }),
    });
    const { container, unmount } = mount(<AdminScreen api={relay.api} agent={{ ...agent, role: 'lead' }} />);
    cleanup = unmount;
    click(button(container, 'Review'));
    await settle();
    expect(container.textContent).toContain('Leads can change review and alert rules.');
    const form = get(container, 'form[aria-label="Review policy"]');
    choose(form, 'Applies to', 'team');
    await settle();
    choose(form, 'Which', 't1');
    click(get(form, 'input[type="checkbox"]'));
    type(input(form, 'Replies containing'), 'refund\nlawyer');
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(relay.calls.find((call) => call.method === 'PUT')).toMatchObject({
      path: '/review-policies/team/t1',
      body: { all: true, trainees: false, keywords: ['refund', 'lawyer'], highReachAuthors: [] },
    });
    expect(get(container, 'table').textContent).toContain('Team: Social care');
    expect(get(container, 'table').textContent).toContain('every reply; replies containing refund, lawyer');

    click(get(container, 'input[aria-label="Nora Berg is in training"]'));
    await settle();
    expect(relay.calls.find((call) => call.path === '/trainees/a1')).toMatchObject({ method: 'PUT', body: { inTraining: true } });
  });

  it('adds a spike rule (lead) and a webhook whose secret shows once (admin only)', async () => {
    const secret = 'whsec_once_only';
    const answers = {
      'GET /spike-rules': () => ({ status: 200, body: [] }),
      'POST /spike-rules': (body: unknown) => ({ status: 201, body: { id: 'r1', createdAt: 1, updatedAt: 1, ...(body as object) } }),
      'GET /webhooks': () => ({ status: 200, body: [] }),
      'POST /webhooks': (body: unknown) => ({
        status: 201,
        body: { webhook: { id: 'h1', description: '', events: ['spike.alert'], createdAt: 1, lastDelivery: null, ...(body as object) }, secret },
      }),
    };
    const lead = fakeRelay(answers);
    const { container, unmount } = mount(<AdminScreen api={lead.api} agent={{ ...agent, role: 'lead' }} />);
    cleanup = unmount;
    click(button(container, 'Alerts'));
    await settle();
    expect(container.querySelector('form[aria-label="New webhook"]')).toBeNull();
    const form = get(container, 'form[aria-label="New spike rule"]');
    type(input(form, 'Rule name'), 'Shitstorm');
    type(input(form, 'Window (minutes)'), '5');
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(lead.calls.find((call) => call.method === 'POST')).toMatchObject({
      path: '/spike-rules',
      body: {
        name: 'Shitstorm',
        windowMinutes: 5,
        baselineWindows: 12,
        cooldownMinutes: 60,
        levels: [
          { severity: 'warning', multiplier: 3, minCount: 20 },
          { severity: 'critical', multiplier: 6, minCount: 50 },
        ],
        crisisMode: false,
        enabled: true,
      },
    });
    unmount();

    const admin = fakeRelay(answers);
    const second = mount(<AdminScreen api={admin.api} agent={{ ...agent, role: 'admin' }} />);
    cleanup = second.unmount;
    click(button(second.container, 'Alerts'));
    await settle();
    const hookForm = get(second.container, 'form[aria-label="New webhook"]');
    type(input(hookForm, 'URL'), 'https://ops.example/hooks');
    act(() => {
      hookForm.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(admin.calls.find((call) => call.path === '/webhooks' && call.method === 'POST')?.body).toEqual({ url: 'https://ops.example/hooks', description: '' });
    const notice = get(second.container, '[aria-label="Webhook secret"]');
    expect((input(notice, 'Signing secret') as HTMLInputElement).value).toBe(secret);
    click(button(notice, 'I have stored the secret'));
    expect(second.container.innerHTML).not.toContain(secret);
  });
});
