/**
 * The sign-in form. Errors are announced (role=alert) and the form stays filled in, so a typo in
 * the password costs one keystroke, not the whole form.
 */
import { useState } from 'preact/hooks';
import type { LoginResponse } from '@eyelevel/shared';
import { login } from './auth-api.js';

interface Props {
  onSignedIn: (session: LoginResponse) => void;
  /** Why the agent is here again (an expired or revoked session). */
  notice?: string | null;
}

export function LoginScreen({ onSignedIn, notice = null }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await login(email.trim(), password);
    setBusy(false);
    if (result.ok) onSignedIn(result.session);
    else setError(result.message);
  }

  return (
    <main class="login">
      <form class="login-form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">eyelevel console</h1>
        {notice && <p class="login-notice">{notice}</p>}
        <label for="login-email">E-mail</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        {error && (
          <p class="login-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
