/**
 * A tiny Azure Resource Manager stand-in for the Defender alert state calls
 * (POST …/Microsoft.Security/locations/{loc}/alerts/{name}/{action}?api-version=…): records every
 * request and answers 204 No Content, or the status and ARM error body a test queues.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ArmRequest {
  method: string;
  path: string;
  apiVersion: string | null;
  authorization?: string;
}

export interface QueuedAnswer {
  status: number;
  body?: unknown;
}

export class ArmWriteBackServer {
  readonly requests: ArmRequest[] = [];
  private readonly queue: QueuedAnswer[] = [];
  private server?: http.Server;
  url = '';

  /** The next requests get these answers, in order; afterwards 204 again. */
  answerNext(...answers: QueuedAnswer[]): void {
    this.queue.push(...answers);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      req.resume();
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', path: u.pathname, apiVersion: u.searchParams.get('api-version'), authorization: req.headers.authorization });
        const valid = req.method === 'POST' && /\/providers\/Microsoft\.Security\/locations\/[^/]+\/alerts\/[^/]+\/(activate|inProgress|resolve|dismiss)$/.test(u.pathname);
        const answer = this.queue.shift() ?? (valid ? { status: 204 } : { status: 404, body: { error: { code: 'NotFound', message: 'no such operation' } } });
        res.writeHead(answer.status, { 'content-type': 'application/json', 'x-ms-request-id': `req-${this.requests.length}` });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
