/**
 * Formats a benchmark's results as the Markdown table docs/benchmarks.md keeps, one run per
 * table, so a run's output can be pasted into the doc as is.
 */
import os from 'node:os';

export function formatReport({ options, relay, floor = null, baseline, startedAt, loadAtStart }) {
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
  // Columns: the relay, the protocol's floor when it ran, the echo when it ran; then each
  // server's figure over the echo's.
  const servers = [relay, floor, baseline].filter(Boolean);
  const names = { relay: 'relay', floor: 'protocol floor (no storage)', echo: 'bare-ws echo' };
  const over = baseline ? servers.filter((s) => s !== baseline) : [];
  lines.push(`| | ${servers.map((s) => names[s.mode]).join(' | ')} |${over.map((s) => ` ${s.mode} / echo |`).join('')}`);
  lines.push(`|---|${servers.map(() => '---|').join('')}${over.map(() => '---|').join('')}`);
  const none = '–';
  const row = (label, pick, ratioOf = null, suffix = '') => {
    const ratios = over.map((s) => (ratioOf && ratioOf(baseline) ? (ratioOf(s) / ratioOf(baseline)).toFixed(2) + suffix : ''));
    lines.push(`| ${label} | ${servers.map(pick).join(' | ')} |${ratios.map((r) => ` ${r} |`).join('')}`);
  };
  row('connected (visitors + agents)', (s) => `${s.connectedVisitors} + ${s.connectedAgents}` + (s.connectFailures ? ` (${s.connectFailures} failed)` : ''));
  row('connect time', (s) => `${s.connectSeconds.toFixed(1)} s`);
  row('server RSS idle → connected', (s) => `${mb(s.rssIdle)} → ${mb(s.rssConnected)}`);
  row('RSS per connection', (s) => kb(s.rssPerConnection), (s) => s.rssPerConnection);
  if (relay.rssWarm) row('RSS per connection with its conversation open', (s) => (s.rssWarm ? kb(s.rssPerConnectionWarm) : none));
  const t = (s) => s.target;
  row(`delivered at target ${rate(options.rate)}`, (s) => rate(t(s).deliveredRate), (s) => t(s).deliveredRate);
  row('visitor → agent latency p50 / p99 / max', (s) => `${ms(t(s).delivery.p50)} / ${ms(t(s).delivery.p99)} / ${ms(t(s).delivery.max)}`, (s) => t(s).delivery.p99, ' (p99)');
  row('ack latency p50 / p99', (s) => `${ms(t(s).ack.p50)} / ${ms(t(s).ack.p99)}`);
  row('not delivered within 3 s of the last send / refused', (s) => `${t(s).expectedDeliveries - t(s).delivered} / ${JSON.stringify(t(s).errors)}`);
  row('backlog still arriving after the target run', (s) => `${(t(s).backlogSeconds ?? 0).toFixed(1)} s`);
  row('bytes written to disk per message, write syscalls per message', (s) => `${kb(t(s).writeBytesPerMessage ?? 0)}, ${(t(s).writeCallsPerMessage ?? 0).toFixed(1)}`);
  row('server CPU at target (1 core = 100 %)', (s) => pct(t(s).serverCpu), (s) => t(s).serverCpu);
  row('generator CPU at target, per process', (s) => t(s).generatorCpu.map(pct).join(', '));
  if (relay.maxSustainable !== undefined) {
    const sat = (s) =>
      `${rate(s.maxSustainable)}${s.rampCapped ? ' (ramp cap reached)' : ''}${s.saturationGeneratorBound ? ' (generator-bound)' : ''}`;
    row('max sustainable delivered (ramp)', sat, (s) => s.maxSustainable);
    row('peak delivered in any step', (s) => rate(s.peakDelivered), (s) => s.peakDelivered);
    const last = (s) => s.steps.at(-1) ?? s.target;
    row('server CPU in the last step', (s) => pct(last(s).serverCpu));
    row('generator CPU in the last step', (s) => last(s).generatorCpu.map(pct).join(', '));
  }
  lines.push('');
  for (const s of servers) {
    if (!s.steps?.length) continue;
    lines.push(`Ramp (${s.mode}): ` + [s.target, ...s.steps].map((step) =>
      `${rate(step.offeredRate)} → ${rate(step.deliveredRate)} p99 ${ms(step.delivery.p99)}${step.sustainable ? '' : ' ✗'}`).join('; ') + '.');
    lines.push('');
  }
  return lines.join('\n');
}
