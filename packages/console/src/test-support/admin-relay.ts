/**
 * The relay's admin API played from a table of answers, for admin screen tests: records what
 * the console asked (method, path, body, authorization) and answers like the relay would. With
 * the helpers those tests share to find a labelled field or a button and to submit a form.
 */
import { act } from 'preact/test-utils';
import { AdminApi } from '../admin/admin-api.js';

export interface AdminCall {
  method: string;
  path: string;
  body: unknown;
  auth: string | null;
}

export type AdminAnswers = Record<string, (body: unknown) => { status: number; body: unknown }>;

export function fakeAdminRelay(answers: AdminAnswers) {
  const calls: AdminCall[] = [];
  const fetcher = async (input: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const path = input.replace('/api/admin', '');
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body, auth: new Headers(init?.headers).get('authorization') });
    const answer = answers[`${method} ${path}`]?.(body) ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route' } } };
    return new Response(answer.body === null ? null : JSON.stringify(answer.body), { status: answer.status });
  };
  return { calls, api: new AdminApi('at_token', fetcher) };
}

/** Lets pending fetches and their re-renders finish. */
export async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
}

/** The input, textarea or select of the label that starts with `label`. */
export function field(root: ParentNode, label: string): HTMLInputElement {
  const found = [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label));
  const control = found?.querySelector('input, textarea, select');
  if (!control) throw new Error(`no field "${label}"`);
  return control as HTMLInputElement;
}

export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

export function submit(form: Element): void {
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}
