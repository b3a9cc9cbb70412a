import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway.js';

/** The bearer token: one per API key, shared, renewed before it expires, renewed once on a 401. */

const CONTRACTS = 'query { contracts { id } }';

let stack: TestStack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function tokenRequests(current: TestStack): Promise<number> {
  return (await current.control<{ count: number }>('GET', '/token-requests')).count;
}

describe('token provider against the simulator', () => {
  it('fetches exactly one token for 100 concurrent requests on a cold start', async () => {
    stack = await startTestStack();
    const current = stack;
    const responses = await Promise.all(Array.from({ length: 100 }, () => current.graphql(CONTRACTS)));
    expect(responses.every((response) => response.errors === undefined)).toBe(true);
    expect(await tokenRequests(current)).toBe(1);
  });

  it('renews the token once it has expired', async () => {
    stack = await startTestStack({ simulator: { tokenTtlSeconds: 1 } });
    expect((await stack.graphql(CONTRACTS)).errors).toBeUndefined();
    await delay(1_200);
    expect((await stack.graphql(CONTRACTS)).errors).toBeUndefined();
    expect(await tokenRequests(stack)).toBe(2);
    const { requests } = await stack.control<{ requests: { path: string; status: number }[] }>(
      'GET',
      '/requests',
    );
    // Renewed ahead of use: the upstream never had to refuse an expired token.
    expect(requests.filter((request) => request.status === 401)).toHaveLength(0);
  });

  it('on a 401 renews the token once and retries the call once', async () => {
    stack = await startTestStack();
    expect((await stack.graphql(CONTRACTS)).errors).toBeUndefined();
    await stack.control('POST', '/faults', {
      path: '/api/v1/contracts',
      count: 1,
      status: 401,
      body: { message: 'Authentication failed (cause: Token expired)' },
    });
    const response = await stack.graphql(CONTRACTS);
    expect(response.errors).toBeUndefined();
    expect(await tokenRequests(stack)).toBe(2);
    const { requests } = await stack.control<{ requests: { path: string; status: number }[] }>(
      'GET',
      '/requests',
    );
    const contractCalls = requests.filter((request) => request.path === '/api/v1/contracts');
    expect(contractCalls.map((request) => request.status)).toEqual([200, 401, 200]);
  });

  it('gives up after a second 401 with UPSTREAM_AUTH_FAILED', async () => {
    stack = await startTestStack();
    await stack.control('POST', '/faults', { path: '/api/v1/contracts', count: 2, status: 401 });
    const response = await stack.graphql(CONTRACTS);
    expect(response.errors?.[0]?.extensions?.code).toBe('UPSTREAM_AUTH_FAILED');
    expect(await tokenRequests(stack)).toBe(2);
  });
});
