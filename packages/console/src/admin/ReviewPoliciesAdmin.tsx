/**
 * Review policies (issue 6): per scope — the whole workspace, a social channel, a team, or a
 * site's web chat — which replies wait for a colleague: all, those of trainees, those containing
 * keywords, those to high-reach authors. Setting a scope replaces its rules; removing it means
 * nothing is caught there. Admins and leads change these.
 */
import { useState } from 'preact/hooks';
import type { ReviewRules, ReviewScope } from '@eyelevel/shared';
import type { AdminApi, ReviewPolicyView } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useChanges } from './use-changes.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';
import { AdminForm } from './AdminForm.js';

const INTRO = 'A reply caught by any policy that applies waits as a draft until a colleague approves it. Web chat is reviewed only where its site has a policy.';
const SCOPE_LABELS: Record<ReviewScope, string> = { workspace: 'Whole workspace', channel: 'Social channel', team: 'Team', site: 'Site (web chat)' };

/** One term or handle per line (or comma), blanks dropped. */
const lines = (text: string) => text.split(/[\n,]/).map((line) => line.trim()).filter((line) => line !== '');

export function describeRules(rules: ReviewRules): string {
  const parts = [
    rules.all && 'every reply',
    rules.trainees && 'replies by trainees',
    rules.keywords.length > 0 && `replies containing ${rules.keywords.join(', ')}`,
    rules.highReachAuthors.length > 0 && `replies to ${rules.highReachAuthors.join(', ')}`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length === 0 ? 'nothing' : parts.join('; ');
}

export function ReviewPoliciesAdmin({ api }: { api: AdminApi }) {
  const policies = useResource(api.reviewPolicies);
  const channels = useResource(api.channels);
  const teams = useResource(api.teams);
  const sites = useResource(api.sites);
  const changes = useChanges(policies.reload);
  const [scope, setScope] = useState<ReviewScope>('workspace');
  const [scopeId, setScopeId] = useState('');
  const [all, setAll] = useState(false);
  const [trainees, setTrainees] = useState(false);
  const [keywords, setKeywords] = useState('');
  const [authors, setAuthors] = useState('');

  const targets: Array<{ id: string; name: string }> =
    scope === 'channel' ? (channels.data ?? []) : scope === 'team' ? (teams.data ?? []) : scope === 'site' ? (sites.data ?? []) : [];

  const edit = (policy: ReviewPolicyView) => {
    setScope(policy.scope);
    setScopeId(policy.scopeId ?? '');
    setAll(policy.rules.all);
    setTrainees(policy.rules.trainees);
    setKeywords(policy.rules.keywords.join('\n'));
    setAuthors(policy.rules.highReachAuthors.join('\n'));
  };

  return (
    <AdminSection title="Review policies" intro={INTRO} error={policies.error ?? changes.error}>
      <AdminForm
        label="Review policy"
        onSubmit={() => {
          const rules: ReviewRules = { all, trainees, keywords: lines(keywords), highReachAuthors: lines(authors) };
          void changes.run(api.setReviewPolicy(scope, scope === 'workspace' ? null : scopeId, rules));
        }}
      >
        <label>
          Applies to
          <select
            value={scope}
            onChange={(event) => {
              setScope(event.currentTarget.value as ReviewScope);
              setScopeId('');
            }}
          >
            {(Object.keys(SCOPE_LABELS) as ReviewScope[]).map((value) => (
              <option key={value} value={value}>
                {SCOPE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        {scope !== 'workspace' && (
          <label>
            Which
            <select required value={scopeId} onChange={(event) => setScopeId(event.currentTarget.value)}>
              <option value="">Choose…</option>
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  {target.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="admin-check">
          <input type="checkbox" checked={all} onChange={(event) => setAll(event.currentTarget.checked)} /> Every reply
        </label>
        <label class="admin-check">
          <input type="checkbox" checked={trainees} onChange={(event) => setTrainees(event.currentTarget.checked)} /> Replies by agents in training
        </label>
        <label>
          Replies containing (one per line)
          <textarea rows={3} value={keywords} onInput={(event) => setKeywords(event.currentTarget.value)} />
        </label>
        <label>
          Replies to these authors (handles, one per line)
          <textarea rows={3} value={authors} placeholder="@bigname" onInput={(event) => setAuthors(event.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          Save policy
        </button>
      </AdminForm>
      <AdminTable
        columns={['Scope', 'Reviewed']}
        rows={policies.data}
        rowKey={(policy) => `${policy.scope}:${policy.scopeId ?? ''}`}
        cells={(policy) => (
          <>
            <td>
              {SCOPE_LABELS[policy.scope]}
              {policy.scope !== 'workspace' && `: ${policy.label}`}
            </td>
            <td>{describeRules(policy.rules)}</td>
          </>
        )}
        actions={(policy) => (
          <>
            <button type="button" aria-label={`Edit the policy for ${policy.label}`} onClick={() => edit(policy)}>
              Edit
            </button>
            <button
              type="button"
              aria-label={`Remove the policy for ${policy.label}`}
              onClick={() => void changes.run(api.deleteReviewPolicy(policy.scope, policy.scopeId))}
            >
              Remove
            </button>
          </>
        )}
      />
    </AdminSection>
  );
}
