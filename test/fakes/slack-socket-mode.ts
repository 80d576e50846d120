/**
 * A fake of Slack's Socket Mode, on the fake Web API's port: apps.connections.open (answered by
 * FakeSlackApi) points the client at ws://…/socket-mode; this accepts the WebSocket, says `hello`,
 * and sends envelopes (`slash_commands`, `interactive`) the way Slack does. Each envelope resolves
 * with the client's acknowledgement `{envelope_id, payload}`.
 */
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeSlackApi } from './slack-api-server';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly acks = new Map<string, (ack: SocketAck) => void>();
  private socket?: WebSocket;
  private connectedWaiters: (() => void)[] = [];

  constructor(api: FakeSlackApi) {
    api.httpServer.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket-mode')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  async waitForConnection(timeoutMs = 10_000): Promise<void> {
    if (this.connected) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake Socket Mode: no client connected')), timeoutMs);
      this.connectedWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Sends an envelope and resolves with the client's ack. */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, timeoutMs = 5000): Promise<SocketAck> {
    const socket = this.socket;
    if (!socket) throw new Error('fake Socket Mode: no client connected');
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Socket Mode: no ack for ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
    });
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.socket = ws;
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      this.acks.get(ack.envelope_id)?.(ack);
      this.acks.delete(ack.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0APP' } }));
    for (const wake of this.connectedWaiters.splice(0)) wake();
  }
}
