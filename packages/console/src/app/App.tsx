/**
 * The console's top level: signed out it shows the login screen, signed in the workspace. It owns
 * the session (sessionStorage) and the controller's lifetime, so logging out or a revoked
 * session always tears down the socket and forgets the token together.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { LoginResponse } from '@eyelevel/shared';
import { LoginScreen } from '../auth/LoginScreen.js';
import { logout } from '../auth/auth-api.js';
import { clearSession, loadSession, saveSession } from '../auth/stored-session.js';
import { AgentSocket, type SessionEndReason } from '../connection/agent-socket.js';
import { agentSocketUrl } from '../connection/socket-url.js';
import { ConsoleController } from './console-controller.js';
import { ConsoleScreen } from './ConsoleScreen.js';
import { AdminApi } from '../admin/admin-api.js';

const END_MESSAGES: Record<SessionEndReason, string> = {
  unauthorized: 'Your session has expired. Please sign in again.',
  revoked: 'You were signed out (the session was ended elsewhere). Please sign in again.',
  'unsupported-version': 'This console is out of date. Reload the page.',
};

export function App({ storage }: { storage: Storage }) {
  const [session, setSession] = useState<LoginResponse | null>(() => loadSession(storage, Date.now()));
  const [endMessage, setEndMessage] = useState<string | null>(null);

  const signIn = useCallback(
    (next: LoginResponse) => {
      saveSession(storage, next);
      setEndMessage(null);
      setSession(next);
    },
    [storage],
  );

  const endSession = useCallback(
    (reason: SessionEndReason) => {
      clearSession(storage);
      setEndMessage(END_MESSAGES[reason]);
      setSession(null);
    },
    [storage],
  );

  const controller = useMemo(() => {
    if (!session) return null;
    return new ConsoleController({
      agent: session.agent,
      onSessionEnded: endSession,
      createSocket: (handlers) =>
        new AgentSocket({ url: agentSocketUrl(location), token: session.token, ...handlers }),
    });
  }, [session, endSession]);

  const admin = useMemo(() => (session ? new AdminApi(session.token) : null), [session]);

  useEffect(() => {
    if (!controller) return;
    controller.start();
    return () => controller.stop();
  }, [controller]);

  const signOut = useCallback(() => {
    if (!session) return;
    clearSession(storage);
    setSession(null);
    void logout(session.token);
  }, [session, storage]);

  if (!session || !controller) return <LoginScreen onSignedIn={signIn} notice={endMessage} />;
  return <ConsoleScreen controller={controller} onSignOut={signOut} admin={admin} />;
}
