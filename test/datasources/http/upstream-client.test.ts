import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestScope, UNLIMITED_REQUESTS } from '../../../src/datasources/http/request-scope.js';
import { type UpstreamClient, upstreamPath } from '../../../src/datasources/http/upstream-client.js';
import { GatewayError } from '../../../src/errors.js';
import {
  captureLogger,
  grantedToken,
  refusedUrl,
  type StubReply,
  StubUpstream,
  stubOrderClient,
  upstreamFailure,
} from '../../support/stub-upstream.js';

const TOKEN_PATH = '/token';
const API_KEY = 'key-77ab-SECRET';
const TASKINGS = '/api/v1/contracts/CTR1/taskings';

const expired: StubReply = { status: 401, body: { message: 'Authentication failed (cause: Token expired)' } };

describe('UpstreamClient', () => {
  let stub: StubUpstream;
  const logs = captureLogger();

  function client(options: { baseUrl?: string; timeoutMs?: number } = {}): UpstreamClient {
    return stubOrderClient(stub, { logger: logs.logger, apiKey: API_KEY, ...options });
  }

  beforeEach(async () => {
    stub = await StubUpstream.start();
    logs.lines.length = 0;
  });

  afterEach(async () => {
    await stub.close();
    // Neither the key nor a token nor a query string may reach a log line, whatever the test did.
    for (const line of logs.lines) {
      expect(line).not.toContain(API_KEY);
      expect(line).not.toMatch(/tok-[A-Z]/);
      expect(line).not.toContain('Bearer');
      expect(line).not.toContain('?');
    }
  });

  it('sends a GET with the bearer token and the query, and parses the JSON answer', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('GET', TASKINGS, { body: { taskings: [] } });

    const answer = await client().request<{ taskings: unknown[] }>({
      method: 'GET',
      path: '/contracts/CTR1/taskings',
      query: {
        customerRef: 'ref 1&2',
        'status[]': ['Paused', 'Completed'],
        count: 10,
        hasProposedSegments: true,
        skip: undefined,
      },
    });

    expect(answer).toEqual({ taskings: [] });
    const call = stub.requests.find((request) => request.path === TASKINGS);
    expect(call?.headers.authorization).toBe('Bearer tok-A');
    expect(call?.headers.accept).toBe('application/json');
    expect(call?.query.get('customerRef')).toBe('ref 1&2');
    expect(call?.query.getAll('status[]')).toEqual(['Paused', 'Completed']);
    expect(call?.query.get('count')).toBe('10');
    expect(call?.query.get('hasProposedSegments')).toBe('true');
    expect(call?.query.has('skip')).toBe(false);
  });

  it('sends a POST body as JSON', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('POST', '/api/v1/prices', { body: { totalAmount: 690 } });

    const answer = await client().request({ method: 'POST', path: '/prices', body: { contractId: 'CTR1' } });

    expect(answer).toEqual({ totalAmount: 690 });
    const call = stub.requests.find((request) => request.path === '/api/v1/prices');
    expect(call?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call?.body ?? '')).toEqual({ contractId: 'CTR1' });
  });

  it('resolves an empty 2xx body as undefined', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('POST', '/api/v1/accept', { status: 204 });
    await expect(client().request({ method: 'POST', path: '/accept', body: {} })).resolves.toBeUndefined();
  });

  it('logs each call at debug with upstream, method, path without query, status and duration', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('GET', TASKINGS, { body: {} });
    await client().request({
      method: 'GET',
      path: '/contracts/CTR1/taskings',
      query: { customerRef: 'private-ref' },
    });

    const call = logs.entries().find((entry) => entry.msg === 'OneAtlas call');
    expect(call).toMatchObject({
      level: 20,
      upstream: 'order',
      method: 'GET',
      path: '/contracts/CTR1/taskings',
      status: 200,
    });
    expect(typeof call?.durationMs).toBe('number');
    expect(logs.lines.join('\n')).not.toContain('private-ref');
  });

  it('renews the token after a 401 and retries once', async () => {
    stub.on('POST', TOKEN_PATH, [grantedToken('tok-A'), grantedToken('tok-B')]);
    stub.on('GET', TASKINGS, [expired, { body: { ok: true } }]);

    await expect(client().request({ method: 'GET', path: '/contracts/CTR1/taskings' })).resolves.toEqual({
      ok: true,
    });

    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
    expect(stub.count('GET', TASKINGS)).toBe(2);
    const calls = stub.requests.filter((request) => request.path === TASKINGS);
    expect(calls.map((request) => request.headers.authorization)).toEqual(['Bearer tok-A', 'Bearer tok-B']);
  });

  it('renews once for 50 concurrent calls that all hit a 401 with the same token', async () => {
    stub.on('POST', TOKEN_PATH, [grantedToken('tok-A'), grantedToken('tok-B'), grantedToken('tok-C')]);
    stub.on('GET', TASKINGS, (request) =>
      request.headers.authorization === 'Bearer tok-A' ? expired : { body: { token: 'fine' } },
    );
    const api = client();

    const answers = await Promise.all(
      Array.from({ length: 50 }, () => api.request({ method: 'GET', path: '/contracts/CTR1/taskings' })),
    );

    expect(answers).toHaveLength(50);
    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
    expect(stub.count('GET', TASKINGS)).toBe(100);
  });

  it('fails with UPSTREAM_AUTH_FAILED when the renewed token is refused too', async () => {
    stub.on('POST', TOKEN_PATH, [grantedToken('tok-A'), grantedToken('tok-B'), grantedToken('tok-C')]);
    stub.on('GET', TASKINGS, expired);

    const error = await upstreamFailure(
      client().request({ method: 'GET', path: '/contracts/CTR1/taskings' }),
    );

    expect(error.code).toBe('UPSTREAM_AUTH_FAILED');
    expect(error.status).toBe(401);
    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
    expect(stub.count('GET', TASKINGS)).toBe(2);
  });

  it('passes a refused API key on as UPSTREAM_AUTH_FAILED without calling the API', async () => {
    stub.on('POST', TOKEN_PATH, { status: 403, body: { message: `bad key ${API_KEY}` } });
    const error = await upstreamFailure(
      client().request({ method: 'GET', path: '/contracts/CTR1/taskings' }),
    );
    expect(error.code).toBe('UPSTREAM_AUTH_FAILED');
    expect(error.message).not.toContain(API_KEY);
    expect(stub.count('GET', TASKINGS)).toBe(0);
  });

  it('normalises an upstream error answer and logs it at warn without the body', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('POST', '/api/v1/orders', {
      status: 400,
      body: { errorCode: 'E2203', message: 'Unable to access workspace w-secret-detail' },
    });

    const error = await upstreamFailure(client().request({ method: 'POST', path: '/orders', body: {} }));

    expect(error.code).toBe('UPSTREAM_REJECTED');
    expect(error.extensions).toMatchObject({ upstreamCode: 'E2203', upstreamStatus: 400 });
    const warning = logs.entries().find((entry) => entry.msg === 'OneAtlas call failed');
    expect(warning).toMatchObject({
      level: 40,
      upstream: 'order',
      method: 'POST',
      path: '/orders',
      status: 400,
      code: 'UPSTREAM_REJECTED',
      upstreamCode: 'E2203',
    });
    expect(logs.lines.join('\n')).not.toContain('w-secret-detail');
  });

  it('sends a fresh X-Ads-Correlation-Id with each call, logs it with the request id and returns it in errors', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('GET', TASKINGS, [{ body: { taskings: [] } }, { status: 404, body: { errorCode: 'E404' } }]);
    const scope = new RequestScope({ requestId: 'req-42', callerKey: 'c', ...UNLIMITED_REQUESTS });
    const api = client();
    const read = { method: 'GET', path: '/contracts/CTR1/taskings' } as const;

    await api.forRequest(scope).request(read);
    const error = await upstreamFailure(api.forRequest(scope).request(read));

    const sent = stub.requests
      .filter((request) => request.path === TASKINGS)
      .map((request) => request.headers['x-ads-correlation-id']);
    expect(sent).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.any(String)]);
    expect(sent[0]).not.toBe(sent[1]);
    expect(error.extensions.correlationId).toBe(sent[1]);
    const entries = logs.entries();
    expect(entries.find((entry) => entry.msg === 'OneAtlas call')).toMatchObject({
      correlationId: sent[0],
      requestId: 'req-42',
    });
    expect(entries.find((entry) => entry.msg === 'OneAtlas call failed')).toMatchObject({
      correlationId: sent[1],
      requestId: 'req-42',
    });
  });

  it('names the call in the error of a timeout too', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('GET', TASKINGS, { body: {}, delayMs: 500 });
    const error = await upstreamFailure(
      client({ timeoutMs: 100 }).request({ method: 'GET', path: '/contracts/CTR1/taskings' }),
    );
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.extensions.correlationId).toBe(
      stub.requests.find((request) => request.path === TASKINGS)?.headers['x-ads-correlation-id'],
    );
  });

  it('passes Retry-After of a 429 on', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('GET', TASKINGS, { status: 429, headers: { 'Retry-After': '600' }, body: '' });
    const error = await upstreamFailure(
      client().request({ method: 'GET', path: '/contracts/CTR1/taskings' }),
    );
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.extensions.retryAfterSeconds).toBe(600);
  });

  it('reports a 2xx that is not JSON as UPSTREAM_UNAVAILABLE', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('GET', TASKINGS, { body: '<html>maintenance</html>' });
    const error = await upstreamFailure(
      client().request({ method: 'GET', path: '/contracts/CTR1/taskings' }),
    );
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('The OneAtlas order API sent a malformed answer.');
  });

  it('times out a slow upstream with UPSTREAM_TIMEOUT', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('GET', TASKINGS, { body: {}, delayMs: 1_000 });
    const started = Date.now();
    const error = await upstreamFailure(
      client({ timeoutMs: 150 }).request({ method: 'GET', path: '/contracts/CTR1/taskings' }),
    );
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.message).toBe('The OneAtlas order API did not answer within 150 ms.');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports a refused connection with UPSTREAM_UNAVAILABLE', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    const down = await refusedUrl();
    const error = await upstreamFailure(
      client({ baseUrl: `${down}/api/v1` }).request({ method: 'GET', path: '/contracts/CTR1/taskings' }),
    );
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('The OneAtlas order API could not be reached.');
    expect(error.networkCause).toBe('ECONNREFUSED');
    expect(logs.lines.join('\n')).not.toContain(down);
  });

  it('refuses to follow a redirect', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    stub.on('GET', TASKINGS, { status: 307, headers: { Location: `${stub.url}/elsewhere` } });
    const error = await upstreamFailure(
      client().request({ method: 'GET', path: '/contracts/CTR1/taskings' }),
    );
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(stub.count('GET', '/elsewhere')).toBe(0);
  });

  it('keeps the API key and tokens out of every error message and log line', async () => {
    // Upstream bodies that echo the secrets, on every path that produces an error or a log line.
    stub.on('POST', TOKEN_PATH, [grantedToken('tok-A'), grantedToken('tok-B')]);
    stub.on('GET', TASKINGS, [
      { status: 401, body: { message: 'Token tok-A expired' } },
      { status: 400, body: { errorCode: 'E1', message: `token tok-B with key ${API_KEY} rejected` } },
    ]);
    const api = client();
    const messages: string[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await upstreamFailure(api.request({ method: 'GET', path: '/contracts/CTR1/taskings' }));
      messages.push(error.message, JSON.stringify(error.toJSON()));
    }
    expect(logs.lines.length).toBeGreaterThan(3);
    for (const text of [...messages, ...logs.lines]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain('tok-A');
      expect(text).not.toContain('tok-B');
    }
  });
});

describe('upstreamPath', () => {
  it('encodes each interpolated value as one segment', () => {
    expect(upstreamPath`/contracts/${'CTR 1/2'}/taskings/${42}/segments`).toBe(
      '/contracts/CTR%201%2F2/taskings/42/segments',
    );
  });

  it('refuses segments that URL parsing would resolve away', () => {
    for (const segment of ['', '.', '..']) {
      expect(() => upstreamPath`/contracts/${segment}/taskings`).toThrow(GatewayError);
    }
  });
});
