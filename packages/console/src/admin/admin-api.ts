/**
 * The console's client for the relay's admin REST API (`/api/admin`). Every answer is validated
 * with the shared schemas before a screen sees it, and every failure becomes one message an
 * admin can act on (the relay's own words for 4xx), never a thrown fetch error.
 */
import {
  adminAgentSchema,
  adminSiteSchema,
  cannedReplySchema,
  channelViewSchema,
  auditPageSchema,
  type AuditPage,
  type AuditQuery,
  createdOutboundWebhookSchema,
  httpErrorSchema,
  outboundWebhookSchema,
  reviewPolicyViewSchema,
  spikeRuleSchema,
  traineeSchema,
  trainingAnswerSchema,
  siteSecretResponseSchema,
  teamSchema,
  validate,
  workspaceSettingsSchema,
  type ParseResult,
  type AdminAgent,
  type AdminSite,
  type CannedReply,
  type CannedReplyInput,
  type ChannelView,
  type NewChannelInput,
  type UpdateChannel,
  type CreateAgentRequest,
  type CreateSiteRequest,
  type SiteSecretResponse,
  type TeamEntry,
  type UpdateAgentRequest,
  type UpdateSiteRequest,
  type WorkspaceSettings,
  type CreatedOutboundWebhook,
  type NewOutboundWebhook,
  type OutboundWebhook,
  type ReviewPolicyView,
  type ReviewRules,
  type ReviewScope,
  type SpikeRule,
  type SpikeRuleInput,
  type Trainee,
} from '@eyelevel/shared';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; message: string };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
type Parser<T> = (raw: unknown) => ParseResult<T>;

/** A parser for one of the shared schemas (the console does not depend on zod itself). */
const parser =
  <S extends Parameters<typeof validate>[0]>(schema: S): Parser<ReturnType<S['parse']>> =>
  (raw) => validate(schema, raw) as ParseResult<ReturnType<S['parse']>>;

export class AdminApi {
  constructor(
    private readonly token: string,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  workspace = () => this.call('GET', '/workspace', parser(workspaceSettingsSchema));
  updateWorkspace = (body: { name?: string; firstResponseTargetMinutes?: number }) =>
    this.call('PATCH', '/workspace', parser(workspaceSettingsSchema), body);

  agents = () => this.call('GET', '/agents', parser(adminAgentSchema.array()));
  createAgent = (body: CreateAgentRequest) => this.call('POST', '/agents', parser(adminAgentSchema), body);
  updateAgent = (id: string, body: UpdateAgentRequest) => this.call('PATCH', `/agents/${encodeURIComponent(id)}`, parser(adminAgentSchema), body);

  teams = () => this.call('GET', '/teams', parser(teamSchema.array()));
  createTeam = (body: { name: string; slug?: string }) => this.call('POST', '/teams', parser(teamSchema), body);
  renameTeam = (id: string, name: string) => this.call('PATCH', `/teams/${encodeURIComponent(id)}`, parser(teamSchema), { name });
  deleteTeam = (id: string) => this.call('DELETE', `/teams/${encodeURIComponent(id)}`, null);

  sites = () => this.call('GET', '/sites', parser(adminSiteSchema.array()));
  createSite = (body: CreateSiteRequest) => this.call('POST', '/sites', parser(siteSecretResponseSchema), body);
  updateSite = (id: string, body: UpdateSiteRequest) => this.call('PATCH', `/sites/${encodeURIComponent(id)}`, parser(adminSiteSchema), body);
  rotateSecret = (id: string) =>
    this.call('POST', `/sites/${encodeURIComponent(id)}/rotate-secret`, parser(siteSecretResponseSchema));

  cannedReplies = () => this.call('GET', '/canned-replies', parser(cannedReplySchema.array()));
  createCannedReply = (body: CannedReplyInput) => this.call('POST', '/canned-replies', parser(cannedReplySchema), body);
  updateCannedReply = (id: string, body: Partial<CannedReplyInput>) =>
    this.call('PATCH', `/canned-replies/${encodeURIComponent(id)}`, parser(cannedReplySchema), body);
  deleteCannedReply = (id: string) => this.call('DELETE', `/canned-replies/${encodeURIComponent(id)}`, null);

  // Social channels (issue 5): credentials go in, never come back (`credentialsSet` names them).
  channels = () => this.call('GET', '/channels', parser(channelViewSchema.array()));
  createChannel = (body: NewChannelInput) => this.call('POST', '/channels', parser(channelViewSchema), body);
  updateChannel = (id: string, body: UpdateChannel) => this.call('PATCH', `/channels/${encodeURIComponent(id)}`, parser(channelViewSchema), body);
  checkChannel = (id: string) => this.call('POST', `/channels/${encodeURIComponent(id)}/poll`, parser(channelViewSchema));
  deleteChannel = (id: string) => this.call('DELETE', `/channels/${encodeURIComponent(id)}`, null);

  /** The append-only audit log (issue 6), newest first; leads and admins. */
  audit = (query: AuditQuery): Promise<ApiResult<AuditPage>> => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
    const search = params.toString();
    return this.call('GET', `/audit${search ? `?${search}` : ''}`, parser(auditPageSchema));
  };

  // Four-eyes review (issue 6): admins and leads change these.
  reviewPolicies = () => this.call('GET', '/review-policies', parser(reviewPolicyViewSchema.array()));
  setReviewPolicy = (scope: ReviewScope, scopeId: string | null, rules: ReviewRules) =>
    this.call('PUT', policyPath(scope, scopeId), parser(reviewPolicyViewSchema), rules);
  deleteReviewPolicy = (scope: ReviewScope, scopeId: string | null) => this.call('DELETE', policyPath(scope, scopeId), null);
  trainees = () => this.call('GET', '/trainees', parser(traineeSchema.array()));
  setTraining = (agentId: string, inTraining: boolean) =>
    this.call('PUT', `/trainees/${encodeURIComponent(agentId)}`, parser(trainingAnswerSchema), { inTraining });

  // Spike alerts (issue 6): rules for admins and leads, webhooks for admins.
  spikeRules = () => this.call('GET', '/spike-rules', parser(spikeRuleSchema.array()));
  createSpikeRule = (body: SpikeRuleInput) => this.call('POST', '/spike-rules', parser(spikeRuleSchema), body);
  updateSpikeRule = (id: string, body: SpikeRuleInput) => this.call('PUT', `/spike-rules/${encodeURIComponent(id)}`, parser(spikeRuleSchema), body);
  deleteSpikeRule = (id: string) => this.call('DELETE', `/spike-rules/${encodeURIComponent(id)}`, null);
  webhooks = () => this.call('GET', '/webhooks', parser(outboundWebhookSchema.array()));
  createWebhook = (body: NewOutboundWebhook) => this.call('POST', '/webhooks', parser(createdOutboundWebhookSchema), body);
  deleteWebhook = (id: string) => this.call('DELETE', `/webhooks/${encodeURIComponent(id)}`, null);

  private call<T>(method: string, path: string, parse: Parser<T>, body?: unknown): Promise<ApiResult<T>>;
  private call(method: string, path: string, parse: null, body?: unknown): Promise<ApiResult<null>>;
  private async call<T>(method: string, path: string, parse: Parser<T> | null, body?: unknown): Promise<ApiResult<T | null>> {
    let response: Response;
    try {
      response = await this.fetcher(`/api/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      return { ok: false, message: 'The relay cannot be reached. Check your connection and try again.' };
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const error = validate(httpErrorSchema, json);
      return { ok: false, message: error.ok ? error.value.error.message : `The relay answered HTTP ${response.status}.` };
    }
    if (parse === null) return { ok: true, value: null };
    const parsed = parse(json);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: 'The relay answered in a form this console does not understand.' };
  }
}

const policyPath = (scope: ReviewScope, scopeId: string | null) =>
  scope === 'workspace' ? '/review-policies/workspace' : `/review-policies/${scope}/${encodeURIComponent(scopeId ?? '')}`;

export type { AdminAgent, AdminSite, CannedReply, SiteSecretResponse, TeamEntry, WorkspaceSettings };
export type { ChannelView, CreatedOutboundWebhook, OutboundWebhook, ReviewPolicyView, SpikeRule, Trainee };
