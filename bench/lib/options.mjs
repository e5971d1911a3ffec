/**
 * Benchmark options from argv (`--visitors 10000`) or env (`BENCH_VISITORS=10000`). Defaults
 * are the targets; `--quick` shrinks everything to a few-second smoke run.
 */
const DEFAULTS = {
  visitors: 10_000,
  agents: 10,
  workspaces: 0, // 0 = one workspace per agent, so each message reaches exactly one agent
  rate: 5_000,
  duration: 30, // seconds at the target rate
  stepDuration: 5, // seconds per saturation step
  maxRate: 80_000, // the saturation ramp stops here even if nothing failed
  generators: 2,
  connectConcurrency: 200,
  saturation: true,
  baseline: true,
  floor: true,
  relay: true,
  profile: false,
  out: '',
};

const QUICK = {
  visitors: 500,
  agents: 2,
  rate: 500,
  duration: 3,
  stepDuration: 1.5,
  maxRate: 8_000,
  generators: 1,
};

const BOOLEAN = new Set(['saturation', 'baseline', 'floor', 'relay', 'profile', 'quick']);

export function parseOptions(argv = process.argv.slice(2), env = process.env) {
  const given = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('BENCH_')) continue;
    given[camel(key.slice(6).toLowerCase().replaceAll('_', '-'))] = value;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    let name = arg.slice(2);
    if (name.startsWith('no-') && BOOLEAN.has(camel(name.slice(3)))) {
      given[camel(name.slice(3))] = 'false';
      continue;
    }
    name = camel(name);
    if (BOOLEAN.has(name)) given[name] = 'true';
    else given[name] = argv[++i];
  }
  const quick = given.quick === 'true' || given.quick === '1';
  const options = { ...DEFAULTS, ...(quick ? QUICK : {}), quick };
  for (const [name, raw] of Object.entries(given)) {
    if (name === 'quick') continue;
    if (!(name in DEFAULTS)) throw new Error(`unknown option --${name}`);
    const current = DEFAULTS[name];
    if (typeof current === 'boolean') options[name] = raw === 'true' || raw === '1';
    else if (typeof current === 'number') {
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number`);
      options[name] = value;
    } else options[name] = String(raw);
  }
  if (options.workspaces === 0) options.workspaces = Math.max(1, options.agents);
  if (options.agents < 1) throw new Error('--agents must be at least 1');
  if (options.visitors < options.workspaces) throw new Error('--visitors must be at least --workspaces');
  options.generators = Math.max(1, Math.min(options.generators, options.workspaces));
  return options;
}

export const HELP = `usage: pnpm bench [-- options]   (or node bench/run.mjs after a build)

  --visitors N          visitor sockets (${DEFAULTS.visitors})
  --agents M            agent sockets (${DEFAULTS.agents})
  --workspaces W        workspaces the visitors and agents are spread over (default: one per agent)
  --rate R              visitor messages/s in the target run (${DEFAULTS.rate})
  --duration S          seconds of the target run (${DEFAULTS.duration})
  --step-duration S     seconds per step of the saturation ramp (${DEFAULTS.stepDuration})
  --max-rate R          highest rate the ramp tries (${DEFAULTS.maxRate})
  --generators G        load-generator processes (${DEFAULTS.generators})
  --no-saturation       skip the saturation ramp
  --no-baseline         skip the bare-ws echo baseline
  --no-floor            skip the protocol's floor (the relay's frames with no storage)
  --no-relay            skip the relay (baseline only, to check the generator and machine)
  --profile             run the relay under node --cpu-prof (profile written to the run folder)
  --out FILE            also write the results as JSON
  --quick               a few-second smoke run (${QUICK.visitors} visitors, ${QUICK.rate} msg/s)

Every option can also come from the environment: BENCH_VISITORS=2000, BENCH_QUICK=1, ...`;

function camel(name) {
  return name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}
