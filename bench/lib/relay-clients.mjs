/**
 * Minimal protocol v1 clients for the load generator: a visitor (hello → welcome, send → ack)
 * and an agent (hello with a session token → welcome, then events). Frames are classified by
 * their first bytes (`{"type":"a…`) so the generator spends its CPU on sending, not on parsing
 * frames it does not measure.
 */
import WebSocket from 'ws';

const TYPE_AT = '{"type":"'.length;
const A = 'a'.charCodeAt(0);
const E = 'e'.charCodeAt(0);
const V = 'v'.charCodeAt(0);
const R = 'r'.charCodeAt(0);
const W = 'w'.charCodeAt(0);
const TIMEOUT_MS = 20_000;

/** `sink.recorder` is the current phase's recorder; it changes between phases. */
export function connectVisitor(wsBase, siteKey, origin, sink) {
  return open(`${wsBase}/ws/visitor?site=${encodeURIComponent(siteKey)}`, origin, { type: 'hello', v: 1, siteKey }, (ws, data) => {
    const kind = data[TYPE_AT];
    if (kind === A) sink.recorder.onAck(JSON.parse(data).id);
    else if (kind === E && data[TYPE_AT + 1] === R) sink.recorder.onError(JSON.parse(data).code);
  }).then((ws) => ({
    ws,
    send(id, text) {
      ws.send(`{"type":"send","id":"${id}","text":"${text}"}`);
    },
    ping() {
      ws.send('{"type":"ping"}');
    },
  }));
}

export function connectAgent(wsBase, token, sink) {
  return open(`${wsBase}/ws/agent`, undefined, { type: 'hello', v: 1, token }, (ws, data) => {
    const kind = data[TYPE_AT];
    if (kind !== E) return;
    if (data[TYPE_AT + 1] === V) {
      const { event } = JSON.parse(data);
      if (event.kind === 'message' && event.author?.kind === 'visitor') sink.recorder.onDelivery(event.clientId);
    } else if (data[TYPE_AT + 1] === R) sink.recorder.onError(`agent:${JSON.parse(data).code}`);
  }).then((ws) => ({
    ws,
    ping() {
      ws.send('{"type":"ping"}');
    },
  }));
}

/** Opens a socket, says hello and resolves on `welcome`; rejects on an error frame or timeout. */
function open(url, origin, hello, onFrame) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin, perMessageDeflate: false });
    let welcomed = false;
    const timer = setTimeout(() => fail(new Error('no welcome in time')), TIMEOUT_MS);
    const fail = (error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    ws.on('open', () => ws.send(JSON.stringify(hello)));
    ws.on('error', (error) => (welcomed ? undefined : fail(error)));
    ws.on('close', (code) => (welcomed ? undefined : fail(new Error(`closed ${code} before welcome`))));
    ws.on('message', (data) => {
      if (welcomed) return onFrame(ws, data);
      if (data[TYPE_AT] === W) {
        welcomed = true;
        clearTimeout(timer);
        resolve(ws);
      } else fail(new Error(`hello refused: ${data.toString().slice(0, 200)}`));
    });
  });
}
