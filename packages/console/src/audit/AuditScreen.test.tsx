// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { AuditEntry, AuditPage, AuditQuery } from '@eyelevel/shared';
import { AuditScreen } from './AuditScreen.js';
import type { ApiResult } from '../admin/admin-api.js';
import { click, get, mount, type } from '../test-support/dom.js';
import { auditQuery, NO_FILTERS } from './audit-filters.js';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
}

const entry = (id: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: 1_700_000_000_000,
  actor: { id: 'lead_1', name: 'Lea Lind', initials: 'll', role: 'lead' },
  action: 'hide',
  target: { kind: 'message', id: 'conv1', seq: 3 },
  conversationId: 'conv1',
  reason: '<b>insult</b>',
  entrySeq: 4,
  ...overrides,
});

function screen(answer: (query: AuditQuery) => ApiResult<AuditPage>) {
  const queries: AuditQuery[] = [];
  const api = { audit: vi.fn(async (query: AuditQuery) => (queries.push(query), answer(query))) };
  const onOpen = vi.fn();
  const agents = [{ id: 'lead_1', name: 'Lea Lind', initials: 'll', avatarUrl: null, role: 'lead' as const, presence: 'online' as const, teamIds: [], capacity: 5 }];
  const mounted = mount(<AuditScreen api={api} agents={agents} onOpenConversation={onOpen} />);
  cleanup = mounted.unmount;
  return { container: mounted.container, queries, onOpen };
}

describe('the leads’ audit screen', () => {
  it('lists entries newest first as text, pages back, filters and opens a conversation', async () => {
    const { container, queries, onOpen } = screen((query) =>
      query.cursor ? { ok: true, value: { entries: [entry('a2', { action: 'block', target: { kind: 'visitor', id: 'v1', seq: null }, reason: 'threats' })], next: null } } : { ok: true, value: { entries: [entry('a1')], next: '1700000000000:a1' } },
    );
    await settle();
    expect(queries[0]).toEqual({ limit: 50 });
    const rows = () => [...container.querySelectorAll('tbody tr')];
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.textContent).toContain('Lea Lind (lead) hid message #3');
    // A reason is text, never markup.
    expect(get(container, '.audit-reason').textContent).toBe('<b>insult</b>');
    expect(container.querySelector('.audit-reason b')).toBeNull();

    click([...container.querySelectorAll('button')].find((b) => b.textContent === 'Older entries')!);
    await settle();
    expect(queries[1]).toEqual({ limit: 50, cursor: '1700000000000:a1' });
    expect(rows().map((row) => row.getAttribute('data-audit-id'))).toEqual(['a1', 'a2']);
    expect(rows()[1]!.textContent).toContain('blocked a visitor');

    const form = get(container, 'form[aria-label="Filter the audit log"]');
    const select = (label: string) => [...form.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label))!.querySelector('select, input') as HTMLInputElement;
    act(() => {
      (select('Who') as unknown as HTMLSelectElement).value = 'lead_1';
      select('Who').dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => {
      (select('Action') as unknown as HTMLSelectElement).value = 'block';
      select('Action').dispatchEvent(new Event('change', { bubbles: true }));
    });
    type(select('Reason contains'), 'threat');
    type(select('Conversation'), 'conv1');
    click([...form.querySelectorAll('button')].find((b) => b.textContent === 'Search')!);
    await settle();
    expect(queries[2]).toEqual({ limit: 50, actor: 'lead_1', action: 'block', q: 'threat', conversation: 'conv1' });

    click([...container.querySelectorAll('tbody button')][0]!);
    expect(onOpen).toHaveBeenCalledWith('conv1');
  });

  it('shows the relay’s refusal (an agent without the lead role)', async () => {
    const { container } = screen(() => ({ ok: false, message: 'only admins and leads can see this' }));
    await settle();
    expect(get(container, '[role="alert"]').textContent).toBe('only admins and leads can see this');
  });

  it('turns the time range into epoch milliseconds, the "to" minute included', () => {
    const from = new Date('2026-11-20T10:00').getTime();
    expect(auditQuery({ ...NO_FILTERS, from: '2026-11-20T10:00', to: '2026-11-20T10:00' }, null)).toEqual({ limit: 50, from, to: from + 59_999 });
    expect(auditQuery({ ...NO_FILTERS, from: 'nonsense' }, 'c')).toEqual({ limit: 50, cursor: 'c' });
  });
});
