/**
 * Who may use the admin API: a signed-in agent (bearer session token, as for `/api/auth/me`)
 * with role admin; leads may read (agents, teams, sites, canned replies, settings) but change
 * only what a lead runs (review policies, trainees, spike rules). Every handler then works inside `c.var.agent.workspaceId` only.
 */
import type { MiddlewareHandler } from 'hono';
import type { Storage } from '../../storage/storage.js';
import type { Agent } from '../../storage/records.js';
import { RelayError } from '../../errors.js';
import { hashToken } from '../../security/tokens.js';
import { bearerToken } from '../json-body.js';

export interface AdminEnv {
  Variables: { agent: Agent };
}

/** `leadsMayChange`: paths leads may also change (review and alerting are what leads run). */
export function adminAuth(storage: Storage, leadsMayChange: (path: string) => boolean = () => false): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    const agent = token ? await storage.sessions.findAgentBySession(hashToken(token), Date.now()) : null;
    if (!agent) throw new RelayError('UNAUTHORIZED', 'sign in first: missing, expired or revoked session');
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (agent.role !== 'admin' && !(agent.role === 'lead' && (reading || leadsMayChange(c.req.path)))) {
      throw new RelayError('FORBIDDEN', reading ? 'only admins and leads can see this' : 'only admins can change this');
    }
    c.set('agent', agent);
    await next();
  };
}
