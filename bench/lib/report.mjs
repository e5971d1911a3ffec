/**
 * Formats a benchmark's results as the Markdown table docs/benchmarks.md keeps, one run per
 * table, so a run's output can be pasted into the doc as is.
 */
import os from 'node:os';

export function formatReport({ options, relay, baseline, startedAt, loadAtStart }) {
  const lines = [];
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const ms = (value) => (value === null || value === undefined ? '–' : `${value.toFixed(2)} ms`);
  const rate = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;
  const pct = (share) => `${Math.round(share * 100)} %`;
  lines.push(`### Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  lines.push('');
  lines.push(
    `Machine: ${os.cpus().length} cores (\`nproc\` ${os.availableParallelism()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, Linux ${os.release()}; ` +
      `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} (other work on the machine skews latency).`,
  );
  lines.push(
    `Parameters: ${options.visitors.toLocaleString('en-US')} visitors, ${options.agents} agents in ${options.workspaces} workspaces, ` +
      `target ${rate(options.rate)} for ${options.duration} s, ramp steps of ${options.stepDuration} s, ` +
      `${options.generators} generator process(es)${options.quick ? ' (--quick)' : ''}.`,
  );
  lines.push('');
  lines.push('| | relay | bare-ws echo | relay / baseline |');
  lines.push('|---|---|---|---|');
  const row = (label, r, b, ratio = '') => lines.push(`| ${label} | ${r} | ${b} | ${ratio} |`);
  const none = '–';
  const both = (pick) => [pick(relay), baseline ? pick(baseline) : none];
  const ratio = (pick) => (baseline && pick(baseline) ? (pick(relay) / pick(baseline)).toFixed(2) : '');
  row('connected (visitors + agents)', ...both((s) => `${s.connectedVisitors} + ${s.connectedAgents}` + (s.connectFailures ? ` (${s.connectFailures} failed)` : '')));
  row('connect time', ...both((s) => `${s.connectSeconds.toFixed(1)} s`));
  row('server RSS idle → connected', ...both((s) => `${mb(s.rssIdle)} → ${mb(s.rssConnected)}`));
  row('RSS per connection', ...both((s) => kb(s.rssPerConnection)), ratio((s) => s.rssPerConnection));
  if (relay.rssWarm) row('RSS per connection with its conversation open', kb(relay.rssPerConnectionWarm), none);
  const t = (s) => s.target;
  row(`delivered at target ${rate(options.rate)}`, ...both((s) => rate(t(s).deliveredRate)), ratio((s) => t(s).deliveredRate));
  row('visitor → agent latency p50 / p99 / max', ...both((s) => `${ms(t(s).delivery.p50)} / ${ms(t(s).delivery.p99)} / ${ms(t(s).delivery.max)}`), ratio((s) => t(s).delivery.p99) + ' (p99)');
  row('ack latency p50 / p99', ...both((s) => `${ms(t(s).ack.p50)} / ${ms(t(s).ack.p99)}`));
  row('not delivered within 3 s of the last send / refused', ...both((s) => `${t(s).expectedDeliveries - t(s).delivered} / ${JSON.stringify(t(s).errors)}`));
  row('backlog still arriving after the target run', ...both((s) => `${(t(s).backlogSeconds ?? 0).toFixed(1)} s`));
  row('bytes written to disk per message, write syscalls per message', ...both((s) => `${kb(t(s).writeBytesPerMessage ?? 0)}, ${(t(s).writeCallsPerMessage ?? 0).toFixed(1)}`));
  row('server CPU at target (1 core = 100 %)', ...both((s) => pct(t(s).serverCpu)));
  row('generator CPU at target, per process', ...both((s) => t(s).generatorCpu.map(pct).join(', ')));
  if (relay.maxSustainable !== undefined) {
    const sat = (s) =>
      `${rate(s.maxSustainable)}${s.rampCapped ? ' (ramp cap reached)' : ''}${s.saturationGeneratorBound ? ' (generator-bound)' : ''}`;
    row('max sustainable delivered (ramp)', ...both(sat), ratio((s) => s.maxSustainable));
    row('peak delivered in any step', ...both((s) => rate(s.peakDelivered)), ratio((s) => s.peakDelivered));
    const last = (s) => s.steps.at(-1) ?? s.target;
    row('server CPU in the last step', ...both((s) => pct(last(s).serverCpu)));
    row('generator CPU in the last step', ...both((s) => last(s).generatorCpu.map(pct).join(', ')));
  }
  lines.push('');
  for (const s of [relay, baseline].filter(Boolean)) {
    if (!s.steps?.length) continue;
    lines.push(`Ramp (${s.mode}): ` + [s.target, ...s.steps].map((step) =>
      `${rate(step.offeredRate)} → ${rate(step.deliveredRate)} p99 ${ms(step.delivery.p99)}${step.sustainable ? '' : ' ✗'}`).join('; ') + '.');
    lines.push('');
  }
  return lines.join('\n');
}
