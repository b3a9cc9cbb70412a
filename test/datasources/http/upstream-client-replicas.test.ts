import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker } from '../../../src/datasources/http/circuit-breaker.js';
import { RedisRateGate } from '../../../src/datasources/http/rate-gate-redis.js';
import { createUpstreamScheduler, UpstreamClient } from '../../../src/datasources/http/upstream-client.js';
import { upstreamErrorFromResponse } from '../../../src/datasources/oneatlas/errors.js';
import { createLogger } from '../../../src/logger.js';
import { testRedisForFile } from '../../support/redis.js';

/**
 * Two replicas' order-API clients sharing one Redis rate gate, against an upstream that counts the
 * calls it is serving: however long a call stays open (a slow journal write before its socket opens, a
 * file streamed for longer than the hold bound, a timeout above it), the other replica waits for it.
 * The lease is the hold bound itself here (no margin), so a lease that were not renewed would end
 * during each of these calls.
 */

const HOLD_MS = 1_000;

/** Each call says how it is answered: JSON after `delay` ms, or with `stream=1` a body streamed for `delay` ms. */
let server: Server;
let baseUrl: string;
let serving = 0;
let mostServedAtOnce = 0;
let callsReceived = 0;
/** Resolves when the upstream next receives a call. */
let received: () => void = () => undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    callsReceived += 1;
    serving += 1;
    mostServedAtOnce = Math.max(mostServedAtOnce, serving);
    // Served until the answer is complete or the client closes the socket.
    response.on('close', () => {
      serving -= 1;
    });
    received();
    const query = new URL(request.url ?? '/', 'http://upstream').searchParams;
    const delayMs = Number(query.get('delay') ?? '0');
    if (query.get('stream') === '1') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      const chunks = setInterval(() => response.write('%PDF'), 100);
      setTimeout(() => {
        clearInterval(chunks);
        response.end('%%EOF');
      }, delayMs);
      return;
    }
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const redis = testRedisForFile('upstream-client-replicas');

/** Resolves when the upstream receives its next call. */
function nextReceived(): Promise<void> {
  return new Promise((resolve) => {
    received = resolve;
  });
}

/** One replica's order-API client, its turns taken from the Redis budget every replica shares. */
function replica(credentialId: string, timeoutMs = HOLD_MS): UpstreamClient {
  const gate = new RedisRateGate({
    redis: redis.store().client,
    credentialId,
    api: 'order',
    maxRps: 20,
    concurrency: 1,
    holdMs: HOLD_MS,
    leaseMarginMs: 0,
  });
  return new UpstreamClient({
    upstream: 'order',
    baseUrl,
    tokens: { getToken: async () => 'token', invalidate: () => undefined },
    readFailure: upstreamErrorFromResponse,
    timeoutMs,
    holdMs: HOLD_MS,
    logger: createLogger('silent'),
    scheduler: createUpstreamScheduler({
      upstream: 'order',
      maxRps: 20,
      maxQueue: 10,
      maxWaitMs: 30_000,
      gate,
    }),
    breaker: new CircuitBreaker({ failureThreshold: 100, cooldownMs: 1_000 }),
    retry: { attempts: 1, baseMs: 1, capMs: 1 },
  });
}

describe("two replicas' order-API calls, one at a time for as long as each stays open", () => {
  let credentialId = 0;
  /** Two replicas of one credential, of their own for each test. */
  const pair = (timeoutMs?: number): [UpstreamClient, UpstreamClient] => {
    credentialId += 1;
    return [
      replica(`credential-${credentialId}`, timeoutMs),
      replica(`credential-${credentialId}`, timeoutMs),
    ];
  };

  beforeEach(() => {
    mostServedAtOnce = 0;
    callsReceived = 0;
  });

  // A caller may stop waiting before its call's socket closes: the next test starts once it has.
  afterEach(async () => {
    await vi.waitFor(() => expect(serving).toBe(0), { timeout: 5 * HOLD_MS });
  });

  it('while a file streams for longer than the hold bound (the quotation PDF, FILE_TIMEOUT_SECONDS)', async () => {
    const [first, second] = pair();
    const pdfReceived = nextReceived();
    let bytes = 0;
    const pdf = first.request({
      method: 'GET',
      path: '/quotations/Q1/export',
      query: { stream: '1', delay: 2 * HOLD_MS },
      binary: {
        maxBytes: 1_000_000,
        timeoutMs: 5 * HOLD_MS,
        sink: { start: () => undefined, write: (chunk) => (bytes += chunk.byteLength) },
      },
    });
    await pdfReceived;
    const read = second.request({ method: 'GET', path: '/taskings', query: { delay: 10 } });

    await Promise.all([pdf, read]);
    expect(callsReceived).toBe(2);
    expect(bytes).toBeGreaterThan(0);
    expect(mostServedAtOnce).toBe(1);
  });

  it('while the order journal is slow to record the send, before the socket opens', async () => {
    const [first, second] = pair();
    let tookTurn: () => void = () => undefined;
    const turnTaken = new Promise<void>((resolve) => {
      tookTurn = resolve;
    });
    const order = first.request({
      method: 'POST',
      path: '/orders',
      body: {},
      query: { delay: HOLD_MS / 2 },
      onDispatch: () => {
        tookTurn();
        return new Promise((resolve) => setTimeout(resolve, 1.5 * HOLD_MS));
      },
    });
    await turnTaken;
    const read = second.request({ method: 'GET', path: '/taskings', query: { delay: 0.8 * HOLD_MS } });

    // The order's caller stops waiting at its timeout, counted from its turn: the journal took most of it.
    await Promise.allSettled([order, read]);
    await vi.waitFor(() => expect(callsReceived).toBe(2), { timeout: 5 * HOLD_MS });
    expect(mostServedAtOnce).toBe(1);
  });

  it('while a call waits for its answer past a hold bound set below the timeout', async () => {
    const [first, second] = pair(3 * HOLD_MS);
    const slowReceived = nextReceived();
    const slow = first.request({ method: 'POST', path: '/orders', body: {}, query: { delay: 2 * HOLD_MS } });
    await slowReceived;
    const read = second.request({ method: 'GET', path: '/taskings', query: { delay: 10 } });

    await Promise.all([slow, read]);
    expect(callsReceived).toBe(2);
    expect(mostServedAtOnce).toBe(1);
  });
});
