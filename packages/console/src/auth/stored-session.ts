/**
 * The agent's session token, kept in sessionStorage: it survives a reload of the tab but not the
 * tab itself, and is not shared with other tabs or sent with every request like a cookie. What
 * is read back is validated, because storage is just text anyone with devtools can edit.
 */
import { loginResponseSchema, validate, type LoginResponse } from '@eyelevel/shared';

const KEY = 'eyelevel.console.session';

export function loadSession(storage: Storage, now: number): LoginResponse | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(KEY) ?? 'null');
  } catch {
    raw = null;
  }
  if (raw === null) return null;
  const parsed = validate(loginResponseSchema, raw);
  if (!parsed.ok || parsed.value.expiresAt <= now) {
    storage.removeItem(KEY);
    return null;
  }
  return parsed.value;
}

export function saveSession(storage: Storage, session: LoginResponse): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(KEY);
}
