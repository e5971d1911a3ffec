/**
 * Issue 2: agent sessions are real — a bad token gets nothing, logout revokes the session and
 * closes the consoles running on it, /readyz reports storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent } from '../support/clients.js';

let harness: RelayHarness;

beforeAll(async () => {
  harness = await startRelay();
});
afterAll(async () => {
  await harness.close();
});

describe('agent sessions', () => {
  it('refuses a forged token on the agent socket', async () => {
    const agent = await connectAgent(harness.wsUrl, 'at_forged');
    expect(agent.welcome).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
    expect(await agent.socket.closedPromise).toBe(4001);
  });

  it('revokes a session on logout and closes its sockets', async () => {
    const token = await harness.login(harness.tenant.agentEmail);
    const me = await fetch(`${harness.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: harness.tenant.agentEmail, initials: 'ab' });

    const agent = await connectAgent(harness.wsUrl, token);
    expect(agent.welcome.type).toBe('welcome');
    const logout = await fetch(`${harness.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    expect(await agent.socket.closedPromise).toBe(4011);

    const after = await fetch(`${harness.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    const again = await connectAgent(harness.wsUrl, token);
    expect(again.welcome).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
  });

  it('stores only a hash of agent session tokens', async () => {
    const token = await harness.login(harness.tenant.agentEmail);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${harness.dataDir}/eyelevel.sqlite`, { readonly: true });
    const rows = db.prepare('select token_hash from agent_sessions').all() as Array<{ token_hash: string }>;
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(token.slice(3));
  });
});

describe('health', () => {
  it('reports liveness and readiness as JSON', async () => {
    const health = await fetch(`${harness.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${harness.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', storage: 'ok' });
  });
});
