import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WireTaskingsResponse } from '../../src/datasources/oneatlas/wire/types.js';
import { spotOnePlanOrderRequest } from '../fixtures/guide-samples.js';
import { type SimulatorClient, startSimulatorClient, TOKEN_PATH } from './simulator-client.js';

describe('simulator control interface', () => {
  let client: SimulatorClient;
  beforeAll(async () => {
    client = await startSimulatorClient();
  });
  beforeEach(() => client.control('POST', '/reset'));
  afterAll(() => client.close());

  const fault = (spec: Record<string, unknown>) => client.control('POST', '/faults', spec);

  it('replaces the next `count` answers of a path with a status, body and Retry-After', async () => {
    const added = await fault({
      path: '/api/v1/contracts',
      count: 2,
      status: 503,
      body: { code: 'UNAVAILABLE' },
      retryAfter: 7,
    });
    expect(added.status).toBe(201);
    for (let call = 0; call < 2; call += 1) {
      const answer = await client.api('GET', '/api/v1/contracts');
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ code: 'UNAVAILABLE' });
      expect(answer.headers.get('retry-after')).toBe('7');
    }
    expect((await client.api('GET', '/api/v1/contracts')).status).toBe(200);
  });

  it('counts ordering calls served at once and the 429s it answered', async () => {
    await fault({ path: '/api/v1/contracts', count: 2, latencyMs: 300 });
    await fault({ path: '/api/v1/productTypes', count: 1, status: 429, retryAfter: 1 });
    await Promise.all([client.api('GET', '/api/v1/contracts'), client.api('GET', '/api/v1/contracts')]);
    await client.api('GET', '/api/v1/productTypes');
    const overlapping = await client.control('GET', '/stats');
    expect(overlapping.body).toMatchObject({
      maxOrderApiInFlight: 2,
      orderApiInFlight: 0,
      rateLimitedAnswers: 1,
    });

    await client.control('POST', '/reset');
    await client.api('GET', '/api/v1/contracts');
    await client.api('GET', '/api/v1/contracts');
    expect((await client.control('GET', '/stats')).body).toMatchObject({
      maxOrderApiInFlight: 1,
      rateLimitedAnswers: 0,
    });
  });

  it('matches a path prefix ending in * and an optional method, and forgets faults on DELETE', async () => {
    await fault({ method: 'post', path: '/api/v1/contracts/*', count: 5, status: 500 });
    const contract = `/api/v1/contracts/${client.simulator.contractId}`;
    expect((await client.api('GET', `${contract}/taskings`)).status).toBe(200);
    const faulty = await client.api(
      'POST',
      `${contract}/taskings/ICR_FC_0000002/segments/AS_FC_0000002_1_1/refuse`,
    );
    expect(faulty.status).toBe(500);
    expect(faulty.body).toEqual({ code: 'UNEXPECTED_SERVER_ERROR' });
    expect((await client.control('DELETE', '/faults')).status).toBe(204);
    const refused = await client.api(
      'POST',
      `${contract}/taskings/ICR_FC_0000002/segments/AS_FC_0000002_1_1/refuse`,
    );
    expect(refused.status).toBe(200);
  });

  it('drops the connection, and delays answers by latencyMs', async () => {
    await fault({ path: '/api/v1/contracts', count: 1, drop: true });
    await expect(client.api('GET', '/api/v1/contracts')).rejects.toThrow();
    await fault({ path: TOKEN_PATH, count: 1, latencyMs: 300 });
    const started = Date.now();
    expect((await client.requestToken()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('with afterHandling, lets the order be created and then loses or replaces the answer', async () => {
    const order = (customerReference: string) => ({
      ...spotOnePlanOrderRequest(client.simulator.contractId),
      customerReference,
    });
    await fault({ method: 'POST', path: '/api/v1/orders', count: 1, drop: true, afterHandling: true });
    await expect(client.api('POST', '/api/v1/orders', order('lost-answer'))).rejects.toThrow();
    await fault({ path: '/api/v1/orders', count: 1, status: 502, afterHandling: true });
    const replaced = await client.api('POST', '/api/v1/orders', order('replaced-answer'));
    expect(replaced.status).toBe(502);

    const { body: ledger } = await client.control<{ orders: { customerReference: string }[] }>(
      'GET',
      '/orders',
    );
    expect(ledger.orders.map((entry) => entry.customerReference)).toEqual(['lost-answer', 'replaced-answer']);
    const { body } = await client.api<WireTaskingsResponse>(
      'GET',
      `/api/v1/contracts/${client.simulator.contractId}/taskings?customerRef=lost-answer`,
    );
    expect(body.taskings).toHaveLength(1);
  });

  it('logs every non-control request with its status, and counts token requests', async () => {
    await client.requestToken({ apikey: 'wrong' });
    await client.api('GET', '/api/v1/contracts?probe=1');
    await fault({ path: '/api/v1/contracts', count: 1, drop: true });
    await client.api('GET', '/api/v1/contracts').catch(() => undefined);
    const { body } = await client.control<{ requests: Record<string, unknown>[] }>('GET', '/requests');
    expect(body.requests).toEqual([
      { method: 'POST', path: TOKEN_PATH, query: {}, status: 403, at: expect.any(String) },
      {
        method: 'GET',
        path: '/api/v1/contracts',
        query: { probe: '1' },
        status: 200,
        at: expect.any(String),
      },
      { method: 'GET', path: '/api/v1/contracts', query: {}, status: null, at: expect.any(String) },
    ]);
    expect((await client.control('GET', '/token-requests')).body).toEqual({ count: 1 });
  });

  it('advances the simulated clock, and reset brings it back with the seed', async () => {
    const before = Date.parse(String((await client.control('GET', '/clock')).body.now));
    const advanced = await client.control('POST', '/clock/advance', { seconds: 86_400 });
    expect(Date.parse(String(advanced.body.now)) - before).toBeGreaterThanOrEqual(86_400_000);
    expect(
      Date.parse(String((await client.control('GET', '/clock')).body.now)) - before,
    ).toBeGreaterThanOrEqual(86_400_000);
    expect((await client.control('POST', '/clock/advance', { seconds: -5 })).status).toBe(400);
    expect((await client.control('POST', '/faults', { count: 1 })).status).toBe(400);
    await client.control('POST', '/reset');
    expect(Date.parse(String((await client.control('GET', '/clock')).body.now)) - before).toBeLessThan(
      60_000,
    );
  });
});
