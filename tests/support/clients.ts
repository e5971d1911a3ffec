/**
 * Protocol-speaking clients built on TestSocket: a visitor that says hello to a site and an
 * agent that logs in, so flow tests read like the conversation they check.
 */
import { PROTOCOL_VERSION } from '@eyelevel/shared';
import { TestSocket, type Frame } from './test-socket.js';
import { TEST_ORIGIN } from './relay-harness.js';

export interface VisitorHelloOptions {
  token?: string;
  lastSeq?: number;
  origin?: string;
  /** More hello fields (context, identity, profile, page). */
  hello?: Record<string, unknown>;
}

export async function connectVisitor(wsUrl: string, siteKey: string, options: VisitorHelloOptions = {}) {
  const socket = new TestSocket(`${wsUrl}/ws/visitor?site=${encodeURIComponent(siteKey)}`, {
    origin: options.origin ?? TEST_ORIGIN,
  });
  await socket.opened;
  socket.send({
    type: 'hello',
    v: PROTOCOL_VERSION,
    siteKey,
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.lastSeq !== undefined ? { lastSeq: options.lastSeq } : {}),
    ...options.hello,
  });
  const welcome = await socket.next((frame) => frame.type === 'welcome' || frame.type === 'error');
  return { socket, welcome };
}

export async function connectAgent(wsUrl: string, token: string) {
  const socket = new TestSocket(`${wsUrl}/ws/agent`);
  await socket.opened;
  socket.send({ type: 'hello', v: PROTOCOL_VERSION, token });
  const welcome = await socket.next((frame) => frame.type === 'welcome' || frame.type === 'error');
  return { socket, welcome };
}

/** The message events a socket has received, in arrival order, as [seq, text]. */
export function messagesOf(frames: Frame[]): Array<[number, string]> {
  return frames
    .filter((frame) => frame.type === 'event')
    .map((frame) => frame.event as { seq: number; kind: string; text?: string })
    .filter((event) => event.kind === 'message')
    .map((event) => [event.seq, event.text ?? '']);
}
