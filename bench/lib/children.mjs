/**
 * Every child process the benchmark starts is registered here and killed when the benchmark
 * ends, normally or not, so no relay or generator outlives a run.
 */
const children = new Set();

export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killAll(signal = 'SIGKILL') {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

/** Sends SIGTERM and waits up to `ms` for the exit, then SIGKILL. */
export async function stop(child, ms = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

for (const event of ['exit', 'SIGINT', 'SIGTERM']) {
  process.on(event, () => {
    killAll();
    if (event !== 'exit') process.exit(130);
  });
}
process.on('uncaughtException', (error) => {
  console.error(error);
  killAll();
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  console.error(error);
  killAll();
  process.exit(1);
});
