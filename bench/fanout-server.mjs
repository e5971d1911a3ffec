/**
 * The protocol's floor: the cheapest server that sends what the relay sends for one visitor
 * message, with nothing else. It speaks just enough of protocol v1 for the bench's relay clients
 * (hello → welcome, ping → pong) and answers each `send` the way the relay does after its commit:
 * an `ack` and the message's `event` to the visitor's socket, and the `event` to every agent of
 * the workspace. No storage, no validation beyond JSON.parse, no bus, no cursors.
 *
 * It answers one question the echo cannot: how much of the bare-ws echo's throughput is left for
 * any relay that keeps protocol v1's frames on this machine, before a single byte is stored.
 * Site keys and agent tokens are made up by run.mjs (`fanoutGroups`); they name the workspace.
 */
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 64 * 1024 });
/** workspace → its agents' sockets */
const agentsOf = new Map();
let nextId = 0;

wss.on('connection', (ws, request) => {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  let visitor = null;
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'hello') {
      if (path === '/ws/agent') join(ws, workspaceOf(frame.token));
      else visitor = { workspace: workspaceOf(frame.siteKey), id: `v_${(nextId++).toString(36).padStart(21, '0')}`, conversationId: `c_${(nextId++).toString(36).padStart(21, '0')}`, seq: 0 };
      send(ws, { type: 'welcome', v: 1 });
    } else if (frame.type === 'ping') {
      send(ws, { type: 'pong', at: Date.now() });
    } else if (frame.type === 'send' && visitor) {
      deliver(ws, visitor, frame);
    }
  });
  ws.on('error', () => ws.terminate());
});

/** What the relay sends once a visitor's message is committed (ack first, like the relay). */
function deliver(ws, visitor, frame) {
  const at = Date.now();
  const event = {
    seq: ++visitor.seq,
    at,
    kind: 'message',
    author: { kind: 'visitor', id: visitor.id, name: null, initials: null, avatarUrl: null, role: null },
    text: frame.text,
    clientId: frame.id,
  };
  send(ws, { type: 'ack', id: frame.id, seq: event.seq, at, conversationId: visitor.conversationId });
  send(ws, { type: 'event', event });
  for (const agent of agentsOf.get(visitor.workspace) ?? []) send(agent, { type: 'event', conversationId: visitor.conversationId, event });
}

function join(ws, workspace) {
  const agents = agentsOf.get(workspace) ?? new Set();
  agentsOf.set(workspace, agents.add(ws));
  ws.on('close', () => agents.delete(ws));
}

function workspaceOf(keyOrToken) {
  return String(keyOrToken).split(':')[0];
}

/** Corked until the tick ends, like the relay's Connection.send, so a burst leaves in one write. */
function send(ws, frame) {
  const raw = ws._socket;
  if (raw && !raw.writableCorked) {
    raw.cork();
    process.nextTick(() => raw.uncork());
  }
  ws.send(JSON.stringify(frame));
}

wss.on('listening', () => console.log('ready'));
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
