/**
 * Clients for the bare-ws echo baseline, shaped like the relay clients so the generator drives
 * both the same way: a visitor's frame (same bytes as a relay `send`) comes back from the echo
 * server and counts as both its ack and its delivery; "agents" are idle sockets that only make
 * the connection count match.
 */
import WebSocket from 'ws';

const TIMEOUT_MS = 20_000;

export function connectVisitor(wsBase, _siteKey, _origin, sink) {
  return open(`${wsBase}/visitor`, (data) => {
    const { id } = JSON.parse(data);
    sink.recorder.onAck(id);
    sink.recorder.onDelivery(id);
  }).then((ws) => ({
    ws,
    send(id, text) {
      ws.send(`{"type":"send","id":"${id}","text":"${text}"}`);
    },
    ping() {},
  }));
}

export function connectAgent(wsBase, _token, _sink) {
  return open(`${wsBase}/agent`, () => undefined).then((ws) => ({ ws, ping() {} }));
}

function open(url, onFrame) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no open in time'));
    }, TIMEOUT_MS);
    ws.on('open', () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on('message', onFrame);
  });
}
