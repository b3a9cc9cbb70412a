import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorClient, startSimulatorClient } from './simulator-client.js';

describe('simulator rate limits', () => {
  let client: SimulatorClient;
  beforeAll(async () => {
    client = await startSimulatorClient({ orderApiMaxRps: 2, orderApiBanSeconds: 3, searchApiMaxRps: 1 });
  });
  afterAll(() => client.close());

  it('answers 429 with Retry-After past the ordering limit, then bans the key with the time remaining', async () => {
    await client.control('POST', '/reset');
    expect((await client.api('GET', '/api/v1/contracts')).status).toBe(200);
    expect((await client.api('GET', '/api/v1/contracts')).status).toBe(200);
    const limited = await client.api('GET', '/api/v1/contracts');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body).toEqual({ code: 'TOO_MANY_REQUESTS', message: expect.any(String) });

    await delay(1100);
    const banned = await client.api('POST', '/api/v1/feasibility', {});
    expect(banned.status).toBe(429);
    expect(banned.headers.get('retry-after')).toBe('2');

    // The ban is on the ordering API only: the token endpoint is not limited, search has its own limit.
    expect((await client.requestToken()).status).toBe(200);
    const search = await client.api('GET', `/api/v2/opensearch?workspaceid=${client.simulator.workspaceId}`);
    expect(search.status).toBe(200);

    await client.control('POST', '/reset');
    expect((await client.api('GET', '/api/v1/contracts')).status).toBe(200);
  });

  it('limits the search API on its own', async () => {
    await client.control('POST', '/reset');
    const search = () => client.api('GET', `/api/v2/opensearch?workspaceid=${client.simulator.workspaceId}`);
    expect((await search()).status).toBe(200);
    const limited = await search();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await client.api('GET', '/api/v1/contracts')).status).toBe(200);
  });
});
