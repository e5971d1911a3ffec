/**
 * The baseline: a bare `ws` server that echoes every frame back to its sender, with the same
 * socket options as the relay's gateway (no compression, same max payload). It is the ceiling
 * for what Node + ws can do on this machine, so the relay's figures can be read as a ratio.
 */
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('error', () => ws.terminate());
});
wss.on('listening', () => console.log('ready'));
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
