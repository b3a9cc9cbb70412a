import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenProvider } from '../../../src/datasources/auth/token-provider.js';
import { CircuitBreaker } from '../../../src/datasources/http/circuit-breaker.js';
import {
  createUpstreamScheduler,
  UpstreamClient,
  type UpstreamRequest,
} from '../../../src/datasources/http/upstream-client.js';
import { upstreamErrorFromResponse } from '../../../src/datasources/oneatlas/errors.js';
import { contractsFromWire } from '../../../src/datasources/oneatlas/wire/catalogue.mapping.js';
import { checkedAnswer } from '../../../src/datasources/oneatlas/wire/shape.js';
import { captureLogger, type StubReply, StubUpstream } from '../../support/stub-upstream.js';

/** Retries, the circuit breaker and 429 pauses of the HTTP client, against a scripted upstream. */

const TOKEN_PATH = '/token';
const granted: StubReply = { body: { access_token: 'tok-A', expires_in: 3600 } };
const CONTRACTS: UpstreamRequest = { method: 'GET', path: '/contracts' };
const down: StubReply = { status: 503, body: { code: 'UNEXPECTED_SERVER_ERROR' } };

describe('UpstreamClient safety', () => {
  let stub: StubUpstream;
  let now: number;
  const logs = captureLogger();

  beforeEach(async () => {
    stub = await StubUpstream.start();
    stub.on('POST', TOKEN_PATH, granted);
    now = Date.now();
  });

  afterEach(async () => {
    await stub.close();
  });

  function client(options: { retryAttempts?: number; failureThreshold?: number } = {}): UpstreamClient {
    return new UpstreamClient({
      upstream: 'order',
      baseUrl: `${stub.url}/api/v1`,
      readFailure: upstreamErrorFromResponse,
      tokens: new TokenProvider({
        authUrl: `${stub.url}${TOKEN_PATH}`,
        apiKey: 'k',
        timeoutMs: 2_000,
        logger: logs.logger,
      }),
      timeoutMs: 2_000,
      holdMs: 2_000,
      logger: logs.logger,
      scheduler: createUpstreamScheduler({
        upstream: 'order',
        maxRps: 1_000,
        maxQueue: 100,
        maxWaitMs: 5_000,
      }),
      breaker: new CircuitBreaker({
        failureThreshold: options.failureThreshold ?? 1_000,
        cooldownMs: 10_000,
        now: () => now,
      }),
      retry: { attempts: options.retryAttempts ?? 3, baseMs: 1, capMs: 5 },
    });
  }

  it('retries a read after a 503 and a dropped answer, and succeeds', async () => {
    stub.on('GET', '/api/v1/contracts', [
      down,
      { status: 502, body: '<html>bad gateway</html>' },
      { body: { contracts: [] } },
    ]);
    await expect(client().request(CONTRACTS)).resolves.toEqual({ contracts: [] });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(3);
  });

  it('gives up after the configured number of tries', async () => {
    stub.on('GET', '/api/v1/contracts', down);
    await expect(client({ retryAttempts: 2 }).request(CONTRACTS)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(2);
  });

  it('retries a read-like POST marked repeatable, never a POST that is not', async () => {
    stub.on('POST', '/api/v1/prices', [down, { status: 201, body: { totalAmount: 690 } }]);
    await expect(
      client().request({ method: 'POST', path: '/prices', body: {}, repeatable: true }),
    ).resolves.toEqual({ totalAmount: 690 });
    stub.on('POST', '/api/v1/orders', [down, { status: 201, body: { salesOrderId: 'SAL1' } }]);
    await expect(client().request({ method: 'POST', path: '/orders', body: {} })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(stub.count('POST', '/api/v1/orders')).toBe(1);
  });

  it('never retries a 4xx, nor the 500 that means "no pass" on attempts', async () => {
    stub.on('GET', '/api/v1/contracts', { status: 400, body: { errorCode: 'E1', message: 'no' } });
    await expect(client().request(CONTRACTS)).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(1);

    stub.on('POST', '/api/v1/attempts', {
      status: 500,
      body: { errors: [{ code: 'ERR_NO_SENSOR_AVAILABLE', locator: 'UNKNOWN' }] },
    });
    await expect(
      client().request({ method: 'POST', path: '/attempts', body: {}, repeatable: true }),
    ).rejects.toMatchObject({ upstreamCode: 'ERR_NO_SENSOR_AVAILABLE' });
    expect(stub.count('POST', '/api/v1/attempts')).toBe(1);
  });

  it('opens the circuit after consecutive outages, fails fast without calling, and closes after a good probe', async () => {
    stub.on('GET', '/api/v1/contracts', down);
    const api = client({ retryAttempts: 1, failureThreshold: 3 });
    for (let call = 0; call < 3; call += 1) {
      await expect(api.request(CONTRACTS)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    }
    expect(stub.count('GET', '/api/v1/contracts')).toBe(3);

    const fast = await api.request(CONTRACTS).catch((error: unknown) => error);
    expect(fast).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { retryAfterSeconds: 10 } });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(3);

    // After the cooldown one probe goes; it fails, so the circuit opens again.
    now += 10_000;
    await expect(api.request(CONTRACTS)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(4);
    await expect(api.request(CONTRACTS)).rejects.toMatchObject({ extensions: { retryAfterSeconds: 10 } });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(4);

    // The host recovers: the next probe succeeds and calls flow again.
    now += 10_000;
    stub.on('GET', '/api/v1/contracts', { body: { contracts: [] } });
    await expect(api.request(CONTRACTS)).resolves.toEqual({ contracts: [] });
    await expect(api.request(CONTRACTS)).resolves.toEqual({ contracts: [] });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(6);
  });

  it('stops a POST whose turn comes after the circuit opened before its send is journaled; a send that cannot be journaled gives its probe back', async () => {
    let readArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      readArrived = resolve;
    });
    let answerRead: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answerRead = resolve;
    });
    stub.on('GET', '/api/v1/contracts', async () => {
      readArrived();
      await answered;
      return down;
    });
    stub.on('POST', '/api/v1/orders', { status: 201, body: { salesOrderId: 'SAL1' } });
    const api = client({ retryAttempts: 1, failureThreshold: 1 });
    const journaled: string[] = [];
    const order = (onDispatch: () => Promise<void>): UpstreamRequest => ({
      method: 'POST',
      path: '/orders',
      body: {},
      repeatable: false,
      onDispatch,
    });

    // The read holds the order API's one turn; the POST waits behind it, the circuit still closed.
    const read = api.request(CONTRACTS).catch((error: unknown) => error);
    await arrived;
    const post = api.request(order(async () => void journaled.push('sent'))).catch((error: unknown) => error);
    answerRead();
    expect(await read).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    // The read's 503 opened the circuit: the POST is refused, and the journal never heard it left.
    expect(await post).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', name: 'CircuitOpenError' });
    expect(journaled).toEqual([]);
    expect(stub.count('POST', '/api/v1/orders')).toBe(0);

    // After the cooldown, the probe's send cannot be journaled: nothing leaves, and the probe is free.
    now += 10_000;
    const unjournaled = await api
      .request(
        order(async () => {
          throw new Error('journal down');
        }),
      )
      .catch((error: unknown) => error);
    expect(unjournaled).toMatchObject({ message: 'journal down' });
    expect(stub.count('POST', '/api/v1/orders')).toBe(0);
    await expect(api.request(order(async () => void journaled.push('sent')))).resolves.toEqual({
      salesOrderId: 'SAL1',
    });
    expect(journaled).toEqual(['sent']);
  });

  it('counts a 2xx of the wrong shape, or not JSON at all, as an outage: retried, and opening the circuit', async () => {
    const readContracts = checkedAnswer('order', contractsFromWire);
    stub.on('GET', '/api/v1/contracts', [
      { body: { notContracts: [] } },
      { body: { contracts: [{ contractId: 'CTR1' }] } },
    ]);
    await expect(client({ retryAttempts: 2 }).request(CONTRACTS, readContracts)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      extensions: { upstreamCode: 'MALFORMED_RESPONSE' },
    });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(2);

    stub.on('GET', '/api/v1/contracts', [
      { body: { notContracts: [] } },
      { body: '<html>maintenance</html>' },
    ]);
    const api = client({ retryAttempts: 1, failureThreshold: 3 });
    for (let call = 0; call < 3; call += 1) {
      await expect(api.request(CONTRACTS, readContracts)).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
      });
    }
    expect(stub.count('GET', '/api/v1/contracts')).toBe(5);
    // Three answers of the wrong shape in a row: the circuit is open, nothing more is sent.
    const fast = await api.request(CONTRACTS, readContracts).catch((error: unknown) => error);
    expect(fast).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { retryAfterSeconds: 10 } });
    expect(stub.count('GET', '/api/v1/contracts')).toBe(5);
  });

  it('takes any 2xx of a call marked anyAnswer as a success, whatever its body', async () => {
    const decide: UpstreamRequest = { method: 'POST', path: '/decide', anyAnswer: true };
    stub.on('POST', '/api/v1/decide', [{ status: 204 }, { status: 202, body: 'accepted' }]);
    const api = client({ retryAttempts: 1, failureThreshold: 1 });
    await expect(api.request(decide)).resolves.toBeUndefined();
    await expect(api.request(decide)).resolves.toBeUndefined();
  });

  it('does not count 4xx answers as outages', async () => {
    stub.on('GET', '/api/v1/contracts', { status: 404, body: { errorCode: 'NOPE', message: 'x' } });
    const api = client({ retryAttempts: 1, failureThreshold: 2 });
    for (let call = 0; call < 4; call += 1) {
      await expect(api.request(CONTRACTS)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(stub.count('GET', '/api/v1/contracts')).toBe(4);
  });

  it('waits out a 429 with Retry-After and then sends the call again', async () => {
    stub.on('GET', '/api/v1/contracts', [
      { status: 429, headers: { 'Retry-After': '1' }, body: { code: 'TOO_MANY_REQUESTS' } },
      { body: { contracts: ['ok'] } },
    ]);
    await expect(client().request(CONTRACTS)).resolves.toEqual({ contracts: ['ok'] });
    const calls = stub.requests.filter((request) => request.path === '/api/v1/contracts');
    expect(calls).toHaveLength(2);
  });
});
