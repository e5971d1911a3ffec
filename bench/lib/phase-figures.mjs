/**
 * Turns the generators' answers for one phase into the figures the report shows, and decides
 * whether the phase was sustainable: the generators sent on schedule, everything expected was
 * delivered within the drain window, nothing was refused, and p99 stayed under a bound.
 */
import { summarize } from './stats.mjs';

export const SUSTAINABLE_P99_MS = 100;

export function phaseFigures(answers, offeredRate, serverCpuShare) {
  const sum = (key) => answers.reduce((total, answer) => total + answer[key], 0);
  const longest = (key) => Math.max(...answers.map((answer) => answer[key]));
  const errors = {};
  for (const answer of answers) {
    for (const [code, count] of Object.entries(answer.errors)) errors[code] = (errors[code] ?? 0) + count;
  }
  const sent = sum('sent');
  const delivered = sum('delivered');
  const figures = {
    offeredRate,
    sent,
    sendRate: sent / longest('sendSeconds'),
    acked: sum('acked'),
    delivered,
    expectedDeliveries: sum('expectedDeliveries'),
    deliveredRate: delivered / longest('deliverySeconds'),
    delivery: summarize(concat(answers.map((answer) => answer.deliveryLatency))),
    ack: summarize(concat(answers.map((answer) => answer.ackLatency))),
    errors,
    serverCpu: serverCpuShare,
    generatorCpu: answers.map((answer) => answer.cpuShare),
    maxTickGapMs: longest('maxTickGapMs'),
  };
  figures.generatorBound = figures.sendRate < 0.95 * offeredRate;
  figures.sustainable =
    !figures.generatorBound &&
    figures.delivered >= figures.expectedDeliveries &&
    figures.acked >= sent &&
    Object.keys(errors).length === 0 &&
    (figures.delivery.p99 ?? Infinity) <= SUSTAINABLE_P99_MS;
  return figures;
}

function concat(arrays) {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const array of arrays) {
    out.set(array, at);
    at += array.length;
  }
  return out;
}
