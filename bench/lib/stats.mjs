/** Percentiles over raw latency samples (milliseconds); exact, since runs are small enough to sort. */
export function summarize(samples) {
  if (samples.length === 0) return { count: 0, p50: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}
