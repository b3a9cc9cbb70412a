import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { TokenProvider } from '../../src/datasources/auth/token-provider.js';
import { CircuitBreaker } from '../../src/datasources/http/circuit-breaker.js';
import { createUpstreamScheduler, UpstreamClient } from '../../src/datasources/http/upstream-client.js';
import { upstreamErrorFromResponse } from '../../src/datasources/oneatlas/errors.js';
import { UpstreamError } from '../../src/datasources/upstream-errors.js';
import { createLogger, type Logger } from '../../src/logger.js';

/** What the stub received, for assertions. */
export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StubReply {
  status?: number;
  /** A string is sent verbatim (to test non-JSON bodies); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering, to provoke client timeouts. */
  delayMs?: number;
}

export type StubHandler = (request: StubRequest) => StubReply | Promise<StubReply>;

/**
 * A scripted HTTP upstream on 127.0.0.1 and an ephemeral port. Each route answers with a handler
 * or a list of replies used in turn (the last one repeats); an unscripted route answers 599 so a
 * test that forgot one fails loudly.
 */
export class StubUpstream {
  readonly requests: StubRequest[] = [];
  private readonly routes = new Map<string, StubHandler>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<StubUpstream> {
    let stub: StubUpstream | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const request: StubRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        void stub?.answer(request, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    stub = new StubUpstream(server, `http://127.0.0.1:${port}`);
    return stub;
  }

  /** Scripts `METHOD path`: a handler, one reply, or replies used in order with the last repeating. */
  on(method: string, path: string, reply: StubHandler | StubReply | readonly StubReply[]): void {
    if (typeof reply === 'function') {
      this.routes.set(`${method} ${path}`, reply);
      return;
    }
    const queue = Array.isArray(reply) ? [...reply] : [reply];
    this.routes.set(`${method} ${path}`, () => (queue.length > 1 ? queue.shift() : queue[0]) ?? {});
  }

  count(method: string, path: string): number {
    return this.requests.filter((request) => request.method === method && request.path === path).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: StubRequest, res: ServerResponse): Promise<void> {
    this.requests.push(request);
    const handler = this.routes.get(`${request.method} ${request.path}`);
    const reply = handler
      ? await handler(request)
      : { status: 599, body: { message: 'no stub reply scripted' } };
    if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    // The client may have given up (timeout) while we waited.
    if (res.destroyed) return;
    const text =
      typeof reply.body === 'string'
        ? reply.body
        : reply.body === undefined
          ? ''
          : JSON.stringify(reply.body);
    const contentType = typeof reply.body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(reply.status ?? 200, { 'Content-Type': contentType, ...reply.headers });
    res.end(text);
  }
}

/** A URL on which nothing listens: a port the OS just handed out and took back. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A logger at trace level whose JSON lines are kept in `lines`, to check what reaches the logs. */
export function captureLogger(): {
  logger: Logger;
  lines: string[];
  entries: () => Record<string, unknown>[];
} {
  const lines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => lines.push(line) });
  return {
    logger,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A token endpoint's 200, as the OneAtlas auth realm answers it. */
export function grantedToken(token: string, expiresIn = 3600): StubReply {
  return {
    body: { access_token: token, expires_in: expiresIn, refresh_expires_in: 0, token_type: 'Bearer' },
  };
}

/** The UpstreamError a promise rejects with (the test fails if it resolves or rejects otherwise). */
export async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

export interface StubClientOptions {
  logger: Logger;
  apiKey: string;
  /** Default: the stub's `/api/v1/`. */
  baseUrl?: string;
  timeoutMs?: number;
}

/**
 * An order-API client of the stub, its tokens from the stub's `/token`. Pacing, retries and the
 * breaker have their own tests; here they stay out of the way.
 */
export function stubOrderClient(stub: StubUpstream, options: StubClientOptions): UpstreamClient {
  const tokens = new TokenProvider({
    authUrl: `${stub.url}/token`,
    apiKey: options.apiKey,
    timeoutMs: 2_000,
    logger: options.logger,
  });
  return new UpstreamClient({
    upstream: 'order',
    baseUrl: options.baseUrl ?? `${stub.url}/api/v1/`,
    readFailure: upstreamErrorFromResponse,
    tokens,
    timeoutMs: options.timeoutMs ?? 2_000,
    holdMs: 2_000,
    logger: options.logger,
    scheduler: createUpstreamScheduler({
      upstream: 'order',
      maxRps: 100_000,
      maxQueue: 1_000,
      maxWaitMs: 5_000,
    }),
    breaker: new CircuitBreaker({ failureThreshold: 1_000, cooldownMs: 1_000 }),
    retry: { attempts: 1, baseMs: 1, capMs: 1 },
  });
}
