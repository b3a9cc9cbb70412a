import { afterEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway.js';
import { upstreamRequests } from './support.js';

/** Pacing, 429 pauses and read retries, over real HTTP against the simulator and its fault injection. */

const TASKINGS = 'query T($ref: String) { taskings(customerReference: $ref, first: 5) { totalCount } }';
const CONTRACTS = '{ contracts { id } }';
const TASKINGS_PATH = /^\/api\/v1\/contracts\/[^/]+\/taskings$/;

describe('the upstream scheduler against the simulator', () => {
  let stack: TestStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('sends N concurrent requests one at a time, never faster than the configured rate, and is never refused', async () => {
    const rps = 4;
    stack = await startTestStack({
      simulator: { orderApiMaxRps: rps, orderApiBanSeconds: 600 },
      safety: { orderApiMaxRps: rps, queueWaitMs: 20_000 },
    });
    const current = stack;
    const latencyMs = 300;
    await current.control('POST', '/faults', {
      method: 'GET',
      path: '/api/v1/contracts/*',
      count: 6,
      latencyMs,
    });

    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) => current.graphql(TASKINGS, { ref: `distinct-${index}` })),
    );

    expect(responses.every((response) => response.errors === undefined)).toBe(true);
    const calls = (await upstreamRequests(current)).filter((call) => TASKINGS_PATH.test(call.path));
    expect(calls).toHaveLength(6);
    expect(calls.every((call) => call.status === 200)).toBe(true);
    const arrivals = calls.map((call) => Date.parse(call.at));
    for (let index = 1; index < arrivals.length; index += 1) {
      const gap = (arrivals[index] ?? 0) - (arrivals[index - 1] ?? 0);
      // One at a time: a call leaves only after the previous answer (which took `latencyMs`), then
      // waits 1/rps: concurrent calls, or a pace counted from the send, would arrive closer.
      expect(gap).toBeGreaterThanOrEqual(latencyMs + 1000 / rps);
    }
  });

  it('pauses every call for the Retry-After of a 429, then sends them all: nothing is lost', async () => {
    stack = await startTestStack({ safety: { queueWaitMs: 20_000 } });
    const current = stack;
    await current.control('POST', '/faults', {
      method: 'GET',
      path: '/api/v1/contracts/*',
      count: 1,
      status: 429,
      retryAfter: 2,
    });

    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, index) => current.graphql(TASKINGS, { ref: `paused-${index}` })),
    );

    expect(responses.map((response) => response.errors)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const calls = (await upstreamRequests(current)).filter((call) => TASKINGS_PATH.test(call.path));
    expect(calls.map((call) => call.status)).toEqual([429, 200, 200, 200, 200, 200]);
    const refusedAt = Date.parse(calls[0]?.at ?? '');
    for (const call of calls.slice(1)) expect(Date.parse(call.at) - refusedAt).toBeGreaterThanOrEqual(2_000);
  });

  it('retries a read that met a 503 and answers it', async () => {
    stack = await startTestStack({ safety: { retryAttempts: 3 } });
    await stack.control('POST', '/faults', {
      method: 'GET',
      path: '/api/v1/contracts',
      count: 2,
      status: 503,
    });

    const response = await stack.graphql(CONTRACTS);

    expect(response.errors).toBeUndefined();
    const calls = (await upstreamRequests(stack)).filter((call) => call.path === '/api/v1/contracts');
    expect(calls.map((call) => call.status)).toEqual([503, 503, 200]);
  });

  it('answers UPSTREAM_BUSY with a retry hint instead of queueing past the deadline', async () => {
    stack = await startTestStack({
      simulator: { orderApiMaxRps: 1, orderApiBanSeconds: 600 },
      safety: { orderApiMaxRps: 1, queueWaitMs: 1_500 },
    });
    const current = stack;
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) => current.graphql(TASKINGS, { ref: `busy-${index}` })),
    );
    const codes = responses.map((response) => response.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK').length).toBeGreaterThanOrEqual(1);
    const busy = responses
      .flatMap((response) => response.errors ?? [])
      .filter((error) => error.extensions?.code === 'UPSTREAM_BUSY');
    expect(busy.length).toBeGreaterThanOrEqual(3);
    for (const error of busy) expect(error.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Refused callers cost the upstream nothing, and the simulator never had to refuse anyone.
    const calls = (await upstreamRequests(current)).filter((call) => TASKINGS_PATH.test(call.path));
    expect(calls.length).toBe(codes.filter((code) => code === 'OK').length);
    expect(calls.every((call) => call.status === 200)).toBe(true);
  });
});
