/**
 * Counts and latency samples of one load phase inside a generator. Message ids carry the phase
 * and the send time (µs on this process's monotonic clock), so a late arrival from an earlier
 * phase is never counted in a later one and no per-message map is needed.
 */
export function messageId(phase, counter, sentAtMs) {
  return `w-${Date.now().toString(36)}-${phase}.${counter}.${Math.round(sentAtMs * 1000)}`;
}

/** The send time (ms) if `id` belongs to `phase`, else null. */
export function sentAtOf(id, phase) {
  if (typeof id !== 'string' || !id.includes(`-${phase}.`)) return null;
  return Number(id.slice(id.lastIndexOf('.') + 1)) / 1000;
}

export class PhaseRecorder {
  constructor(phase, expectedSamples) {
    this.phase = phase;
    this.sent = 0;
    this.acked = 0;
    this.delivered = 0;
    this.expectedDeliveries = 0;
    this.errors = {};
    this.ackLatency = new Float64Array(Math.max(16, expectedSamples));
    this.deliveryLatency = new Float64Array(Math.max(16, expectedSamples));
    this.lastDeliveryAt = 0;
  }

  onAck(id) {
    const sentAt = sentAtOf(id, this.phase);
    if (sentAt === null) return;
    const now = performance.now();
    this.ackLatency = push(this.ackLatency, this.acked, now - sentAt);
    this.acked++;
  }

  onDelivery(id) {
    const sentAt = sentAtOf(id, this.phase);
    if (sentAt === null) return;
    const now = performance.now();
    this.deliveryLatency = push(this.deliveryLatency, this.delivered, now - sentAt);
    this.delivered++;
    this.lastDeliveryAt = now;
  }

  onError(code) {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  get complete() {
    return this.acked >= this.sent && this.delivered >= this.expectedDeliveries;
  }
}

function push(array, index, value) {
  let target = array;
  if (index >= array.length) {
    target = new Float64Array(array.length * 2);
    target.set(array);
  }
  target[index] = value;
  return target;
}
