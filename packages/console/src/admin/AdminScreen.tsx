/**
 * The workspace's administration: agents, teams, sites, social channels (issue 5), canned
 * replies, service settings, and (issue 6) review policies, trainees, spike rules and webhooks.
 * Admins change everything; leads change review and alert rules and see the rest read-only (the
 * relay enforces the same). Each tab is its own small screen over the admin REST API.
 */
import { useState } from 'preact/hooks';
import type { AgentProfile } from '@eyelevel/shared';
import type { AdminApi } from './admin-api.js';
import { AgentsAdmin } from './AgentsAdmin.js';
import { TeamsAdmin } from './TeamsAdmin.js';
import { SitesAdmin } from './SitesAdmin.js';
import { CannedRepliesAdmin } from './CannedRepliesAdmin.js';
import { SettingsAdmin } from './SettingsAdmin.js';
import { ReviewPoliciesAdmin } from './ReviewPoliciesAdmin.js';
import { TraineesAdmin } from './TraineesAdmin.js';
import { SpikeRulesAdmin } from './SpikeRulesAdmin.js';
import { WebhooksAdmin } from './WebhooksAdmin.js';
import { ChannelsAdmin } from './ChannelsAdmin.js';

const TABS = [
  { id: 'agents', label: 'Agents' },
  { id: 'teams', label: 'Teams' },
  { id: 'sites', label: 'Sites' },
  { id: 'channels', label: 'Channels' },
  { id: 'canned', label: 'Canned replies' },
  { id: 'settings', label: 'Settings' },
  { id: 'review', label: 'Review' },
  { id: 'alerts', label: 'Alerts' },
] as const;
/** What leads run, and so may change (issue 6); the relay enforces the same. */
const LEAD_TABS: readonly Tab[] = ['review', 'alerts'];
type Tab = (typeof TABS)[number]['id'];

export function AdminScreen({ api, agent }: { api: AdminApi; agent: AgentProfile }) {
  const [tab, setTab] = useState<Tab>('agents');
  const readOnly = agent.role !== 'admin' && !(agent.role === 'lead' && LEAD_TABS.includes(tab));
  return (
    <section class="admin" aria-labelledby="admin-title">
      <h2 id="admin-title" class="visually-hidden">
        Administration
      </h2>
      <div class="admin-tabs" role="tablist" aria-label="Administration">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`admin-tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls="admin-panel"
            onClick={() => setTab(item.id)}
          >
            {item.label}
          </button>
        ))}
        {readOnly && <span class="context-detail">Read-only: only admins can change these.</span>}
        {agent.role === 'lead' && LEAD_TABS.includes(tab) && <span class="context-detail">Leads can change review and alert rules.</span>}
      </div>
      <div class="admin-panel" id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'agents' && <AgentsAdmin api={api} readOnly={readOnly} selfId={agent.id} />}
        {tab === 'teams' && <TeamsAdmin api={api} readOnly={readOnly} />}
        {tab === 'sites' && <SitesAdmin api={api} readOnly={readOnly} />}
        {tab === 'channels' && <ChannelsAdmin api={api} readOnly={readOnly} />}
        {tab === 'canned' && <CannedRepliesAdmin api={api} readOnly={readOnly} />}
        {tab === 'settings' && <SettingsAdmin api={api} readOnly={readOnly} />}
        {tab === 'review' && (
          <>
            <ReviewPoliciesAdmin api={api} />
            <TraineesAdmin api={api} />
          </>
        )}
        {tab === 'alerts' && (
          <>
            <SpikeRulesAdmin api={api} />
            <WebhooksAdmin api={api} readOnly={agent.role !== 'admin'} />
          </>
        )}
      </div>
    </section>
  );
}
