/**
 * One express app for every HTTP route on PORT: the local web channel, Slack's /slack/events,
 * Teams' /api/messages, the alert webhook, health (src/adapters/observability/health-routes.ts).
 * Adapters mount their routes on `app`.
 *
 * No global body parser on purpose: Bolt and the Agents SDK read their own bodies, and Slack's
 * signature check needs the raw bytes. Each route parses what it needs (`jsonBody()` below).
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express, { type Express, type RequestHandler } from 'express';

export interface HttpHost {
  app: Express;
  /** Starts listening; resolves with the bound address (port 0 = a free port). */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, ends open connections (SSE streams included) and resolves when closed. */
  close(): Promise<void>;
  /** The listening server, once `listen` resolved (Socket-level needs, e.g. tests). */
  server(): http.Server | undefined;
}

/** JSON body parsing for one route; small limit by default (clicks and commands are tiny). */
export function jsonBody(limit = '100kb'): RequestHandler {
  return express.json({ limit });
}

export function createHttpHost(): HttpHost {
  const app = express();
  app.disable('x-powered-by');
  let server: http.Server | undefined;

  return {
    app,
    server: () => server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const s = http.createServer(app);
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          server = s;
          resolve(s.address() as AddressInfo);
        });
      });
    },
    close() {
      const s = server;
      server = undefined;
      if (!s) return Promise.resolve();
      return new Promise((resolve, reject) => {
        s.close((err) => (err ? reject(err) : resolve()));
        // Long-lived streams (SSE) would keep close() waiting forever.
        s.closeAllConnections();
      });
    },
  };
}
