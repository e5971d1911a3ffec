/**
 * Spike alerts (issue 6, item 5): rules that compare the volume of mentions and messages per
 * series (a site's web chat, a social channel, a tracked keyword) in a recent window with a
 * rolling baseline, the alerts they raise, and the frames that bring alerts to every console.
 * The arithmetic is in the relay (alerts/baseline.ts); docs/alerts.md explains it for admins.
 */
import { z } from 'zod';
import { idSchema, nameSchema, timestampSchema } from './primitives.js';

export const SPIKE_SEVERITIES = ['warning', 'critical'] as const;
export type SpikeSeverity = (typeof SPIKE_SEVERITIES)[number];

/** What a rule watches: every site and social channel, every tracked keyword, or both. */
export const SPIKE_WATCH = ['channels', 'keywords', 'all'] as const;
export type SpikeWatch = (typeof SPIKE_WATCH)[number];

/** A series is counted on its own: `site:<id>`, `channel:<id>` or `keyword:<term>`. */
export const SERIES_KINDS = ['site', 'channel', 'keyword'] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

/** One severity level: reached when the window holds `minCount` or more AND `multiplier` × the baseline or more. */
export const spikeLevelSchema = z.strictObject({
  severity: z.enum(SPIKE_SEVERITIES),
  multiplier: z.number().min(1).max(1000),
  minCount: z.number().int().min(1).max(1_000_000),
});
export type SpikeLevel = z.infer<typeof spikeLevelSchema>;

const MAX_SPAN_MINUTES = 7 * 24 * 60;

export const spikeRuleInputSchema = z
  .strictObject({
    name: nameSchema,
    enabled: z.boolean().default(true),
    watch: z.enum(SPIKE_WATCH).default('all'),
    /** The recent window compared with the baseline, in minutes. */
    windowMinutes: z.number().int().min(1).max(24 * 60),
    /** How many windows before the current one form the baseline (their mean). */
    baselineWindows: z.number().int().min(1).max(168).default(12),
    /** After an alert, the same or a lower severity for the same series stays quiet this long. */
    cooldownMinutes: z.number().int().min(0).max(MAX_SPAN_MINUTES),
    levels: z.array(spikeLevelSchema).min(1).max(SPIKE_SEVERITIES.length),
    /** A critical alert of this rule switches the workspace's crisis mode on. */
    crisisMode: z.boolean().default(false),
  })
  .refine((rule) => new Set(rule.levels.map((l) => l.severity)).size === rule.levels.length, {
    message: 'each severity appears once',
    path: ['levels'],
  })
  .refine(
    (rule) => {
      const warning = rule.levels.find((l) => l.severity === 'warning');
      const critical = rule.levels.find((l) => l.severity === 'critical');
      return !warning || !critical || (critical.multiplier >= warning.multiplier && critical.minCount >= warning.minCount);
    },
    { message: 'critical needs at least the multiplier and the minimum count of warning', path: ['levels'] },
  )
  .refine((rule) => rule.windowMinutes * (rule.baselineWindows + 1) <= MAX_SPAN_MINUTES, {
    message: `window × (baseline windows + 1) covers at most ${MAX_SPAN_MINUTES} minutes (seven days of counts are kept)`,
    path: ['baselineWindows'],
  });
export type SpikeRuleInput = z.input<typeof spikeRuleInputSchema>;
export type SpikeRuleSettings = z.output<typeof spikeRuleInputSchema>;

/** A rule as the admin API answers it. */
export const spikeRuleSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  enabled: z.boolean(),
  watch: z.enum(SPIKE_WATCH),
  windowMinutes: z.number().int(),
  baselineWindows: z.number().int(),
  cooldownMinutes: z.number().int(),
  levels: z.array(spikeLevelSchema),
  crisisMode: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type SpikeRule = z.infer<typeof spikeRuleSchema>;

export const spikeAlertSchema = z.strictObject({
  id: idSchema,
  ruleId: idSchema,
  ruleName: z.string(),
  series: z.strictObject({ kind: z.enum(SERIES_KINDS), id: z.string(), label: z.string() }),
  severity: z.enum(SPIKE_SEVERITIES),
  /** Mentions and messages in the window that raised it. */
  count: z.number().int().nonnegative(),
  /** The baseline's mean per window. */
  baseline: z.number().nonnegative(),
  windowMinutes: z.number().int().positive(),
  at: timestampSchema,
  /** True when this alert switched crisis mode on. */
  crisisMode: z.boolean(),
});
export type SpikeAlert = z.infer<typeof spikeAlertSchema>;

/** relay → agent: an alert just raised, for everyone connected in the workspace. */
export const agentAlertFrameSchema = z.strictObject({ type: z.literal('alert'), alert: spikeAlertSchema });

/** relay → agent, after `directory` on connect: the alerts of the last day, newest first. */
export const agentAlertsFrameSchema = z.strictObject({ type: z.literal('alerts'), alerts: z.array(spikeAlertSchema) });
