/**
 * Creating workspaces, sites and agents with validated input; used by the CLI and the demo
 * seed (and later by the admin API), so all three enforce the same rules.
 */
import { newAgentSchema, newSiteSchema, newWorkspaceSchema, validate, type NewAgentInput } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import { RelayError } from '../errors.js';
import { hashPassword } from '../security/password.js';

function parse<T>(result: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new RelayError('BAD_REQUEST', result.message);
  return result.value;
}

export class TenantAdmin {
  constructor(private readonly storage: Storage) {}

  async createWorkspace(input: { name: string }) {
    const { name } = parse(validate(newWorkspaceSchema, input));
    return this.storage.tenants.createWorkspace(name);
  }

  async createSite(workspaceId: string, input: { name: string; allowedOrigins: string[] }) {
    const site = parse(validate(newSiteSchema, input));
    await this.requireWorkspace(workspaceId);
    return this.storage.tenants.createSite({ workspaceId, ...site });
  }

  async createAgent(workspaceId: string, input: NewAgentInput) {
    const agent = parse(validate(newAgentSchema, input));
    await this.requireWorkspace(workspaceId);
    return this.storage.tenants.createAgent({
      workspaceId,
      email: agent.email,
      passwordHash: await hashPassword(agent.password),
      name: agent.name,
      initials: agent.initials,
      role: agent.role,
      avatarUrl: agent.avatarUrl ?? null,
    });
  }

  private async requireWorkspace(workspaceId: string) {
    const workspace = await this.storage.tenants.getWorkspace(workspaceId);
    if (!workspace) throw new RelayError('NOT_FOUND', `no workspace ${workspaceId}`);
    return workspace;
  }
}
