/**
 * Spike alert rules (issue 6): how many mentions and messages in a recent window, compared with
 * the usual volume before it, make a warning or a critical alert, and how long the same alert
 * stays quiet after. docs/alerts.md explains the arithmetic; admins and leads change rules.
 */
import { useState } from 'preact/hooks';
import type { SpikeLevel, SpikeRuleInput, SpikeWatch } from '@eyelevel/shared';
import type { AdminApi, SpikeRule } from './admin-api.js';
import { useResource } from './use-resource.js';
import { useChanges } from './use-changes.js';
import { AdminSection } from './AdminSection.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { AdminForm } from './AdminForm.js';

const INTRO =
  'A level is reached when the window holds at least its minimum and at least its multiple of the usual volume (the mean of the baseline windows before it).';
const COLUMNS = ['Rule', 'Window', 'Levels', 'Cooldown'];
const WATCH_LABELS: Record<SpikeWatch, string> = { all: 'Channels and keywords', channels: 'Sites and social channels', keywords: 'Tracked keywords' };

interface Draft {
  name: string;
  watch: SpikeWatch;
  windowMinutes: string;
  baselineWindows: string;
  cooldownMinutes: string;
  warningMultiplier: string;
  warningMin: string;
  critical: boolean;
  criticalMultiplier: string;
  criticalMin: string;
  crisisMode: boolean;
  enabled: boolean;
}

const EMPTY: Draft = {
  name: '',
  watch: 'all',
  windowMinutes: '15',
  baselineWindows: '12',
  cooldownMinutes: '60',
  warningMultiplier: '3',
  warningMin: '20',
  critical: true,
  criticalMultiplier: '6',
  criticalMin: '50',
  crisisMode: false,
  enabled: true,
};

function toInput(draft: Draft): SpikeRuleInput {
  const levels: SpikeLevel[] = [{ severity: 'warning', multiplier: Number(draft.warningMultiplier), minCount: Number(draft.warningMin) }];
  if (draft.critical) levels.push({ severity: 'critical', multiplier: Number(draft.criticalMultiplier), minCount: Number(draft.criticalMin) });
  return {
    name: draft.name,
    enabled: draft.enabled,
    watch: draft.watch,
    windowMinutes: Number(draft.windowMinutes),
    baselineWindows: Number(draft.baselineWindows),
    cooldownMinutes: Number(draft.cooldownMinutes),
    levels,
    crisisMode: draft.critical && draft.crisisMode,
  };
}

function fromRule(rule: SpikeRule): Draft {
  const warning = rule.levels.find((level) => level.severity === 'warning');
  const critical = rule.levels.find((level) => level.severity === 'critical');
  return {
    name: rule.name,
    watch: rule.watch,
    windowMinutes: String(rule.windowMinutes),
    baselineWindows: String(rule.baselineWindows),
    cooldownMinutes: String(rule.cooldownMinutes),
    warningMultiplier: String(warning?.multiplier ?? EMPTY.warningMultiplier),
    warningMin: String(warning?.minCount ?? EMPTY.warningMin),
    critical: critical !== undefined,
    criticalMultiplier: String(critical?.multiplier ?? EMPTY.criticalMultiplier),
    criticalMin: String(critical?.minCount ?? EMPTY.criticalMin),
    crisisMode: rule.crisisMode,
    enabled: rule.enabled,
  };
}

export function describeLevels(rule: Pick<SpikeRule, 'levels'>): string {
  return rule.levels.map((level) => `${level.severity}: ×${level.multiplier}, at least ${level.minCount}`).join('; ');
}

export function SpikeRulesAdmin({ api }: { api: AdminApi }) {
  const rules = useResource(api.spikeRules);
  const changes = useChanges(rules.reload);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const number = (label: string, key: keyof Draft, min: number) => (
    <label>
      {label}
      <input type="number" required min={min} step="any" value={draft[key] as string} onInput={(event) => set({ [key]: event.currentTarget.value })} />
    </label>
  );

  return (
    <AdminSection title="Spike alert rules" intro={INTRO} error={rules.error ?? changes.error}>
      <AdminForm
        label={editing ? 'Edit spike rule' : 'New spike rule'}
        inline
        onSubmit={() => {
          const input = toInput(draft);
          void changes.run(editing ? api.updateSpikeRule(editing, input) : api.createSpikeRule(input)).then((saved) => {
            if (saved) {
              setDraft(EMPTY);
              setEditing(null);
            }
          });
        }}
      >
        <label>
          Rule name
          <input required value={draft.name} onInput={(event) => set({ name: event.currentTarget.value })} />
        </label>
        <label>
          Watches
          <select value={draft.watch} onChange={(event) => set({ watch: event.currentTarget.value as SpikeWatch })}>
            {(Object.keys(WATCH_LABELS) as SpikeWatch[]).map((value) => (
              <option key={value} value={value}>
                {WATCH_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        {number('Window (minutes)', 'windowMinutes', 1)}
        {number('Baseline (windows before)', 'baselineWindows', 1)}
        {number('Cooldown (minutes)', 'cooldownMinutes', 0)}
        {number('Warning: × usual', 'warningMultiplier', 1)}
        {number('Warning: at least', 'warningMin', 1)}
        <label class="admin-check">
          <input type="checkbox" checked={draft.critical} onChange={(event) => set({ critical: event.currentTarget.checked })} /> Critical level
        </label>
        {draft.critical && number('Critical: × usual', 'criticalMultiplier', 1)}
        {draft.critical && number('Critical: at least', 'criticalMin', 1)}
        {draft.critical && (
          <label class="admin-check">
            <input type="checkbox" checked={draft.crisisMode} onChange={(event) => set({ crisisMode: event.currentTarget.checked })} /> Critical switches crisis mode on
          </label>
        )}
        <label class="admin-check">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => set({ enabled: event.currentTarget.checked })} /> Enabled
        </label>
        <button type="submit" class="primary">
          {editing ? 'Save rule' : 'Add rule'}
        </button>
        {editing && (
          <button
            type="button"
            onClick={() => {
              setEditing(null);
              setDraft(EMPTY);
            }}
          >
            Cancel
          </button>
        )}
      </AdminForm>
      <AdminTable
        columns={COLUMNS}
        rows={rules.data}
        rowKey={(rule) => rule.id}
        cells={(rule) => (
          <>
            <td>
              {rule.name}
              {!rule.enabled && ' (off)'}
              <span class="context-detail"> {WATCH_LABELS[rule.watch]}</span>
            </td>
            <td>
              {rule.windowMinutes} min vs. {rule.baselineWindows} before
            </td>
            <td>
              {describeLevels(rule)}
              {rule.crisisMode && '; critical switches crisis mode on'}
            </td>
            <td>{rule.cooldownMinutes} min</td>
          </>
        )}
        actions={(rule) => (
          <>
            <button
              type="button"
              aria-label={`Edit ${rule.name}`}
              onClick={() => {
                setEditing(rule.id);
                setDraft(fromRule(rule));
              }}
            >
              Edit
            </button>
            <ConfirmButton
              label={`Delete ${rule.name}`}
              question={`Delete the rule ${rule.name}? Its past alerts stay.`}
              onConfirm={() => void changes.run(api.deleteSpikeRule(rule.id))}
            >
              Delete
            </ConfirmButton>
          </>
        )}
      />
    </AdminSection>
  );
}
