/**
 * The WebSocket gateway (data path step ③). Visitor upgrades are checked before the handshake:
 * the site must exist and the page's Origin must be on its exact-match allowlist, so a refused
 * page never gets a socket. Frames over the size limit are refused by ws itself (close 1009)
 * without being buffered whole.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES, ERROR_CODES, LIMITS, type ErrorCode } from '@eyelevel/shared';
import type { GatewayContext } from './gateway-context.js';
import { VisitorConnection } from './visitor-connection.js';
import { AgentConnection } from './agent-connection.js';
import type { Connection } from './connection.js';

export const VISITOR_PATH = '/ws/visitor';
export const AGENT_PATH = '/ws/agent';

export class Gateway {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxFrameBytes,
    // Compression costs CPU and memory per socket for small chat frames; leave it off.
    perMessageDeflate: false,
  });
  private readonly connections = new Set<Connection<{ type: string }>>();
  private readonly idleSweep: NodeJS.Timeout;
  private accepting = true;

  constructor(private readonly ctx: GatewayContext) {
    this.idleSweep = setInterval(() => this.closeIdle(), 15_000);
    this.idleSweep.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  /** Handles an HTTP upgrade request; wire it to the server's 'upgrade' event. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (!this.accepting) return reject(socket, 'UNAVAILABLE', 'the relay is shutting down');
    const url = new URL(request.url ?? '/', 'http://relay.invalid');
    if (url.pathname === AGENT_PATH) {
      this.wss.handleUpgrade(request, socket, head, (ws) => this.track(new AgentConnection(ws, this.ctx), ws));
      return;
    }
    if (url.pathname !== VISITOR_PATH) return reject(socket, 'NOT_FOUND', 'no such endpoint');
    void this.upgradeVisitor(request, socket, head, url.searchParams.get('site'));
  }

  /** Ends every session running on the given agent session token hash. */
  revokeAgentSession(tokenHash: string): void {
    for (const connection of this.connections) {
      if (connection instanceof AgentConnection) connection.revokeIfSession(tokenHash);
    }
  }

  /** Stops accepting and closes every socket with 1012 so clients reconnect elsewhere and resume. */
  closeAll(): void {
    this.accepting = false;
    clearInterval(this.idleSweep);
    for (const connection of this.connections) connection.close(CLOSE_CODES.SERVICE_RESTART, 'relay restarting');
    this.wss.close();
  }

  private async upgradeVisitor(request: IncomingMessage, socket: Duplex, head: Buffer, siteKey: string | null) {
    if (!siteKey || siteKey.length > 100) return reject(socket, 'UNKNOWN_SITE', 'the site parameter is missing');
    let site;
    try {
      site = await this.ctx.storage.tenants.findSiteByPublicKey(siteKey);
    } catch (error) {
      this.ctx.log.error({ err: error }, 'site lookup failed');
      return reject(socket, 'UNAVAILABLE', 'storage unavailable');
    }
    if (!site) return reject(socket, 'UNKNOWN_SITE', 'no site has this key');
    const origin = request.headers.origin;
    if (!origin || !site.allowedOrigins.includes(origin)) {
      return reject(socket, 'ORIGIN_NOT_ALLOWED', `origin ${origin ?? '(none)'} is not allowed for this site`);
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.track(new VisitorConnection(ws, site, this.ctx), ws));
  }

  private track(connection: Connection<{ type: string }>, ws: WebSocket): void {
    this.connections.add(connection);
    ws.on('close', () => this.connections.delete(connection));
  }

  private closeIdle(): void {
    const cutoff = Date.now() - LIMITS.idleTimeoutSeconds * 1000;
    for (const connection of this.connections) {
      if (connection.lastFrameAt < cutoff) connection.close(CLOSE_CODES.IDLE, 'no heartbeat');
    }
  }
}

/** Answers a refused upgrade with a plain HTTP error and a JSON body, then closes. */
function reject(socket: Duplex, code: ErrorCode, message: string): void {
  const status = ERROR_CODES[code].http;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
