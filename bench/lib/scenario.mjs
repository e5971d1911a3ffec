/**
 * One server under load, start to finish: connect N visitors and M agents, measure RSS per
 * connection, (relay only) warm up one conversation per visitor, hold the target rate, then
 * ramp the rate until a step is no longer sustainable. The same scenario drives the relay and
 * the bare-ws baseline, which is what makes their figures comparable.
 */
import { GeneratorPool } from './generator-pool.mjs';
import { phaseFigures } from './phase-figures.mjs';
import { rssOf, cpuMeter, ioMeter } from './proc-stats.mjs';

const RAMP_FACTOR = 1.4;
/** Steps from a sustainable rate back up towards a target that was not. */
const REFINE_FACTOR = 1.2;
/** How long a phase's backlog may take to arrive before the next phase starts anyway. */
const QUIESCE_MS = 90_000;

export async function runScenario({ mode, pid, wsBase, origin, groups, options, log }) {
  const pool = new GeneratorPool(options.generators);
  try {
    const result = { mode, generators: options.generators };
    result.rssIdle = rssOf(pid);
    const connected = await pool.all((g) => ({
      cmd: 'connect',
      mode,
      wsBase,
      origin,
      groups: groups.filter((group) => group.index % options.generators === g).map((group) => ({
        siteKey: group.siteKey,
        agentTokens: group.agents.map((agent) => agent.token ?? ''),
        visitors: group.visitors,
      })),
      concurrency: Math.ceil(options.connectConcurrency / options.generators),
    }));
    result.connectedVisitors = connected.reduce((n, c) => n + c.visitors, 0);
    result.connectedAgents = connected.reduce((n, c) => n + c.agents, 0);
    result.connectFailures = connected.reduce((n, c) => n + c.failed, 0);
    result.connectSeconds = Math.max(...connected.map((c) => c.ms)) / 1000;
    const firstError = connected.find((c) => c.firstError)?.firstError;
    log(`${mode}: ${result.connectedVisitors} visitors + ${result.connectedAgents} agents connected in ${result.connectSeconds.toFixed(1)} s` +
      (result.connectFailures ? ` (${result.connectFailures} failed: ${firstError})` : ''));
    await settle();
    result.rssConnected = rssOf(pid);
    const connections = result.connectedVisitors + result.connectedAgents;
    result.rssPerConnection = (result.rssConnected - result.rssIdle) / connections;

    if (mode === 'relay') {
      const warm = await pool.all(() => ({ cmd: 'warmup', concurrency: 100 }));
      result.warmupSeconds = Math.max(...warm.map((w) => w.ms)) / 1000;
      log(`relay: warm-up opened ${warm.reduce((n, w) => n + w.acked, 0)} conversations in ${result.warmupSeconds.toFixed(1)} s`);
      await settle();
      result.rssWarm = rssOf(pid);
      result.rssPerConnectionWarm = (result.rssWarm - result.rssIdle) / connections;
    }

    let phaseNumber = 0;
    const runPhase = async (rate, seconds) => {
      const phase = `p${++phaseNumber}`;
      const cpu = cpuMeter(pid);
      const ioStart = ioMeter(pid);
      const answers = await pool.all(() => ({
        cmd: 'run',
        phase,
        rate: rate / options.generators,
        durationMs: seconds * 1000,
      }));
      const io = ioStart;
      const figures = phaseFigures(answers, rate, cpu());
      const quiet = await pool.all(() => ({ cmd: 'quiesce', timeoutMs: QUIESCE_MS }));
      Object.assign(figures, io(figures.sent));
      figures.backlogSeconds = Math.max(...quiet.map((q) => q.ms)) / 1000;
      figures.backlogCleared = quiet.every((q) => q.complete);
      log(`${mode}: ${rate.toFixed(0)}/s for ${seconds}s → delivered ${figures.deliveredRate.toFixed(0)}/s, ` +
        `p50 ${fmt(figures.delivery.p50)} p99 ${fmt(figures.delivery.p99)} ms, server cpu ${(figures.serverCpu * 100).toFixed(0)}%, ` +
        `generators ${figures.generatorCpu.map((c) => (c * 100).toFixed(0) + '%').join('/')}` +
        `${figures.sustainable ? '' : ' (not sustainable)'}, ${(figures.writeBytesPerMessage / 1024).toFixed(1)} KiB written/msg` +
        `${figures.backlogSeconds > 0.5 ? `, backlog took ${figures.backlogSeconds.toFixed(1)} s to arrive` : ''}`);
      await settle();
      return figures;
    };

    result.target = await runPhase(options.rate, options.duration);
    result.rssAfterRun = rssOf(pid);

    if (options.saturation) {
      const maxRate = Math.min(options.maxRate, 9 * options.visitors); // stay under 10 frames/s per visitor
      result.steps = [];
      if (result.target.sustainable) {
        for (const rate of rampRates(options.rate, maxRate)) {
          const step = await runPhase(rate, options.stepDuration);
          result.steps.push(step);
          if (!step.sustainable) break;
        }
      } else {
        let sustainable = null;
        for (let rate = options.rate / 2, tries = 0; tries < 4; rate /= 2, tries++) {
          const step = await runPhase(rate, options.stepDuration);
          result.steps.push(step);
          if (step.sustainable) {
            sustainable = rate;
            break;
          }
        }
        // The edge lies between that rate and the failed target: climb to it in smaller steps.
        for (let rate = (sustainable ?? Infinity) * REFINE_FACTOR; rate < options.rate; rate *= REFINE_FACTOR) {
          const step = await runPhase(Math.round(rate), options.stepDuration);
          result.steps.push(step);
          if (!step.sustainable) break;
        }
      }
      const all = [result.target, ...result.steps];
      const passing = all.filter((step) => step.sustainable);
      result.maxSustainable = passing.length ? Math.max(...passing.map((step) => step.deliveredRate)) : 0;
      result.peakDelivered = Math.max(...all.map((step) => step.deliveredRate));
      result.saturationGeneratorBound = all.some((step) => step.generatorBound);
      result.rampCapped = passing.length === all.length;
    }
    return result;
  } finally {
    await pool.close();
  }
}

/** Rates above the target, growing by RAMP_FACTOR, ending exactly at the cap. */
function rampRates(start, cap) {
  const rates = [];
  for (let rate = start * RAMP_FACTOR; rate < cap; rate *= RAMP_FACTOR) rates.push(Math.round(rate));
  if (start < cap) rates.push(cap);
  return rates;
}

function settle() {
  return new Promise((resolve) => setTimeout(resolve, 1000));
}

function fmt(value) {
  return value === null ? '–' : value.toFixed(1);
}
