import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { collectProcessMetrics, metricsRegistry } from './metrics.js';

export interface MetricsServer {
  /** `http://host:port`; the metrics are at `${url}/metrics`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `/metrics` on its own port, so the GraphQL port never exposes it and a network policy can
 * open it to Prometheus only. With a bearer token configured, a scrape must present it.
 */
export async function startMetricsServer(config: MetricsConfig, logger: Logger): Promise<MetricsServer> {
  collectProcessMetrics();
  const expected = config.bearerToken === null ? null : digest(`Bearer ${config.bearerToken}`);
  const server = createServer((request, response) => {
    serve(request, response, expected).catch((error: unknown) => {
      logger.error({ err: error }, 'metrics scrape failed');
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('metrics unavailable\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  expected: Buffer | null,
): Promise<void> {
  const path = request.url?.split('?')[0];
  if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
    return;
  }
  if (expected !== null && !timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
    response
      .writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer realm="metrics"' })
      .end('Unauthorized\n');
    return;
  }
  const body = await metricsRegistry.metrics();
  response.writeHead(200, { 'Content-Type': metricsRegistry.contentType });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Compared as digests: equal lengths for timingSafeEqual, whatever a client sends. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
