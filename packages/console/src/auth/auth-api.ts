/**
 * Login and logout over the relay's HTTP API. Responses are validated with the shared schemas,
 * and every failure becomes a message an agent can act on rather than a thrown fetch error.
 */
import {
  httpErrorSchema,
  loginResponseSchema,
  validate,
  type LoginResponse,
} from '@eyelevel/shared';

export type LoginResult = { ok: true; session: LoginResponse } | { ok: false; message: string };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export async function login(
  email: string,
  password: string,
  fetcher: Fetch = fetch,
): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetcher('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, message: 'The relay cannot be reached. Check your connection and try again.' };
  }
  const body = await readJson(response);
  if (response.ok) {
    const parsed = validate(loginResponseSchema, body);
    if (parsed.ok) return { ok: true, session: parsed.value };
    return { ok: false, message: 'The relay answered in a form this console does not understand.' };
  }
  const error = validate(httpErrorSchema, body);
  if (error.ok && error.value.error.code === 'UNAUTHORIZED') {
    return { ok: false, message: 'Wrong e-mail or password.' };
  }
  if (error.ok) return { ok: false, message: error.value.error.message };
  return { ok: false, message: `Login failed (HTTP ${response.status}).` };
}

/** Revoke the session on the relay. Best effort: the console forgets the token either way. */
export async function logout(token: string, fetcher: Fetch = fetch): Promise<void> {
  try {
    await fetcher('/api/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    // Offline: the token still expires on its own, and it is gone from this tab.
  }
}
