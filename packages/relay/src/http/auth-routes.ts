/**
 * Agent login, logout and "who am I". Sessions are opaque tokens stored hashed and revocable;
 * logging out also closes the consoles running on that session.
 */
import { Hono } from 'hono';
import { loginRequestSchema, type LoginResponse } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import { toProfile } from '../tenants/agent-profile.js';
import { RelayError } from '../errors.js';
import { hashToken, newToken } from '../security/tokens.js';
import { verifyAgainstDummy, verifyPassword } from '../security/password.js';
import { bearerToken, readJson } from './json-body.js';
import { LoginThrottle } from './login-throttle.js';

export const AGENT_SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface AuthDeps {
  storage: Storage;
  /** Closes live sockets of a revoked session. */
  onSessionRevoked: (tokenHash: string) => void;
}

export function authRoutes({ storage, onSessionRevoked }: AuthDeps): Hono {
  const app = new Hono();
  const throttle = new LoginThrottle();

  app.post('/login', async (c) => {
    const { email, password } = await readJson(c, loginRequestSchema);
    const key = email.toLowerCase();
    if (throttle.isBlocked(key)) throw new RelayError('RATE_LIMITED', 'too many failed logins; try again later');
    const agent = await storage.tenants.findAgentByEmail(key);
    const valid = agent ? await verifyPassword(password, agent.passwordHash) : await verifyAgainstDummy(password);
    if (!agent || !valid) {
      throttle.recordFailure(key);
      throw new RelayError('UNAUTHORIZED', 'wrong e-mail or password');
    }
    throttle.recordSuccess(key);
    const token = newToken('at');
    const expiresAt = Date.now() + AGENT_SESSION_TTL_MS;
    await storage.sessions.createAgentSession({
      agentId: agent.id,
      workspaceId: agent.workspaceId,
      tokenHash: hashToken(token),
      expiresAt,
    });
    const body: LoginResponse = { token, agent: toProfile(agent), expiresAt };
    return c.json(body);
  });

  app.post('/logout', async (c) => {
    const token = bearerToken(c);
    if (!token) throw new RelayError('UNAUTHORIZED', 'missing bearer token');
    const tokenHash = hashToken(token);
    await storage.sessions.revokeAgentSession(tokenHash, Date.now());
    onSessionRevoked(tokenHash);
    return c.body(null, 204);
  });

  app.get('/me', async (c) => {
    const token = bearerToken(c);
    const agent = token ? await storage.sessions.findAgentBySession(hashToken(token), Date.now()) : null;
    if (!agent) throw new RelayError('UNAUTHORIZED', 'session unknown, expired or revoked');
    return c.json(toProfile(agent));
  });

  return app;
}
