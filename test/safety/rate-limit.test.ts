import { afterEach, describe, expect, it } from 'vitest';
import {
  type GraphQLResponse,
  startTestStack,
  type TestStack,
  type TestStackOptions,
} from '../support/gateway.js';
import { testRedisConfig } from '../support/redis.js';
import { aliasBomb, upstreamRequests, waitFor } from './support.js';

/**
 * Pacing, 429 pauses, read retries, abandoned calls and per-request limits, over real HTTP against
 * the simulator and its fault injection; each test runs with the rate budget kept in process and with
 * it kept in Redis (as replicas share it).
 */

const TASKINGS = 'query T($ref: String) { taskings(customerReference: $ref, first: 5) { totalCount } }';
const CONTRACTS = '{ contracts { id } }';
const PRODUCT_TYPES = '{ productTypes { id } }';
const PAUSES = '{ upstreamPauses { api pausedForSeconds waitingCalls callsInFlight } }';
/** The simulator's seeded contract, the gateway's default. */
const CONTRACT_ID = 'CTR21000411';
const TASKINGS_PATH = /^\/api\/v1\/contracts\/[^/]+\/taskings$/;

interface Pause {
  api: 'ORDER' | 'SEARCH';
  pausedForSeconds: number;
  waitingCalls: number;
  callsInFlight: number;
}

interface TrafficStats {
  maxOrderApiInFlight: number;
  rateLimitedAnswers: number;
}

const codesOf = (response: GraphQLResponse): string[] =>
  (response.errors ?? []).map((error) => String(error.extensions?.code));

async function orderPause(stack: TestStack): Promise<Pause> {
  const response = await stack.graphql<{ upstreamPauses: Pause[] }>(PAUSES);
  const pause = response.data?.upstreamPauses.find(({ api }) => api === 'ORDER');
  if (pause === undefined) throw new Error(`no ORDER pause in ${JSON.stringify(response)}`);
  return pause;
}

/** Where the rate budget (and token and caches) live: this process, or a Redis of the test's own (a fresh key prefix). */
const RATE_BUDGETS = [
  { name: 'in-process', shared: false },
  { name: 'Redis', shared: true },
] as const;

describe.each(RATE_BUDGETS)(
  'the upstream scheduler against the simulator, rate budget $name',
  ({ shared }) => {
    let stack: TestStack | undefined;
    let redis: Awaited<ReturnType<typeof testRedisConfig>> | undefined;

    afterEach(async () => {
      await stack?.close();
      stack = undefined;
      await redis?.remove();
      redis = undefined;
    });

    async function start(options: TestStackOptions): Promise<TestStack> {
      if (shared) redis = await testRedisConfig('rate-limit');
      stack = await startTestStack({ ...options, stores: { redis: redis?.config ?? null } });
      return stack;
    }

    it('sends N concurrent requests one at a time, never faster than the configured rate, and is never refused', async () => {
      const rps = 4;
      stack = await start({
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
      stack = await start({ safety: { queueWaitMs: 20_000 } });
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
      for (const call of calls.slice(1))
        expect(Date.parse(call.at) - refusedAt).toBeGreaterThanOrEqual(2_000);
    });

    it('retries a read that met a 503 and answers it', async () => {
      stack = await start({ safety: { retryAttempts: 3 } });
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
      stack = await start({
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
    it('counts a call its caller gave up on until the upstream answers it: never two at once, never a 429', async () => {
      const current = await start({
        simulator: { orderApiMaxRps: 2, orderApiBanSeconds: 600 },
        safety: { orderApiMaxRps: 2, queueWaitMs: 30_000, callHoldMs: 10_000 },
        oneAtlas: (config) => ({ ...config, timeoutMs: 300 }),
      });
      // productTypes takes 1.5 s upstream (the simulator, like Airbus, serves and counts it even after
      // the gateway stopped waiting at 0.3 s); the reads around it are quick.
      await current.control('POST', '/faults', {
        method: 'GET',
        path: `/api/v1/contracts/${CONTRACT_ID}/productTypes`,
        count: 1,
        latencyMs: 1_500,
      });
      const abandoned = current.graphql(PRODUCT_TYPES);
      await waitFor('productTypes to reach the upstream', async () =>
        (await upstreamRequests(current)).some((call) => call.path.endsWith('/productTypes')),
      );
      const reads = await Promise.all(
        [1, 2, 3].map((n) => current.graphql(TASKINGS, { ref: `after-abandoned-${n}` })),
      );

      expect(codesOf(await abandoned)).toEqual(['UPSTREAM_TIMEOUT']);
      // Had the reads gone from the timeout on, two of them and the late productTypes would have met
      // in one second at the upstream: a 429 and a ban.
      expect(reads.map(codesOf)).toEqual([[], [], []]);
      const stats = await current.control<TrafficStats>('GET', '/stats');
      expect(stats.rateLimitedAnswers).toBe(0);
      expect(stats.maxOrderApiInFlight).toBe(1);
    });

    it('gives one request at most its budget of upstream calls and says the limit', async () => {
      const current = await start({ safety: { requestUpstreamCallBudget: 5 } });

      const response = await current.graphql(aliasBomb('budget', 12));

      // The sixth call is refused at once; its error ends the request (taskings is non-null), and the
      // calls still queued for it are dropped: at most the budget reaches OneAtlas.
      const calls = (await upstreamRequests(current)).filter((call) => TASKINGS_PATH.test(call.path));
      expect(calls.length).toBeLessThanOrEqual(5);
      const refused = (response.errors ?? []).filter(
        (error) => error.extensions?.code === 'UPSTREAM_CALL_BUDGET_EXCEEDED',
      );
      expect(refused).toHaveLength(1);
      expect(refused[0]?.message).toContain('more than 5 OneAtlas calls');
    });

    it("serves another client's read between the calls of an alias bomb, not after all of them", async () => {
      const current = await start({
        simulator: { orderApiMaxRps: 2, orderApiBanSeconds: 600 },
        safety: { orderApiMaxRps: 2, queueWaitMs: 20_000 },
      });
      const bomb = current.graphql(aliasBomb('bomb', 12));
      const bombCalls = async () =>
        (await upstreamRequests(current)).filter((call) => JSON.stringify(call.query).includes('bomb-'))
          .length;
      await waitFor('the bomb to reach the upstream', async () => (await bombCalls()) >= 1);
      const bombCallsBefore = await bombCalls();

      const simple = await current.graphql(TASKINGS, { ref: 'simple-read' });
      await bomb;

      expect(simple.errors).toBeUndefined();
      const order = (await upstreamRequests(current))
        .filter((call) => TASKINGS_PATH.test(call.path))
        .map((call) => (JSON.stringify(call.query).includes('simple-read') ? 'simple' : 'bomb'));
      expect(order).toHaveLength(13);
      // Round-robin between callers: the read goes after at most the bomb call in flight and the one
      // granted next (calls are 0.5 s apart), not after the bomb's ten others.
      expect(order.indexOf('simple')).toBeLessThanOrEqual(bombCallsBefore + 2);
    });

    it('drops the queued calls of a request whose client went away', async () => {
      const current = await start({
        simulator: { orderApiMaxRps: 2, orderApiBanSeconds: 600 },
        safety: { orderApiMaxRps: 2, queueWaitMs: 20_000 },
      });
      const client = new AbortController();
      const bomb = fetch(`${current.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: aliasBomb('gone', 12) }),
        signal: client.signal,
      }).catch(() => undefined);
      const goneCalls = async () =>
        (await upstreamRequests(current)).filter((call) => JSON.stringify(call.query).includes('gone-'))
          .length;
      await waitFor('the request to reach the upstream', async () => (await goneCalls()) >= 1);

      client.abort();
      await bomb;
      await waitFor('the queue to empty', async () => {
        const pause = await orderPause(current);
        return pause.waitingCalls === 0 && pause.callsInFlight === 0;
      });

      // The call in flight (and at most one granted as the client left) went; the other ten did not.
      expect(await goneCalls()).toBeLessThanOrEqual(2);
    });

    it('caps a Retry-After of a year, shows the pause to operators, and lets them clear it', async () => {
      const current = await start({ safety: { queueWaitMs: 2_000, maxPauseMs: 60_000 } });
      await current.control('POST', '/faults', {
        method: 'GET',
        path: '/api/v1/contracts/*',
        count: 1,
        status: 429,
        retryAfter: 31_536_000,
      });

      const refused = await current.graphql(TASKINGS, { ref: 'year-long' });
      expect(codesOf(refused)).toEqual(['UPSTREAM_RATE_LIMITED']);
      const paused = await orderPause(current);
      expect(paused.pausedForSeconds).toBeGreaterThan(0);
      expect(paused.pausedForSeconds).toBeLessThanOrEqual(60);
      expect(codesOf(await current.graphql(TASKINGS, { ref: 'while-paused' }))).toEqual([
        'UPSTREAM_RATE_LIMITED',
      ]);

      const cleared = await current.graphql<{ clearUpstreamPause: Pause[] }>(
        'mutation { clearUpstreamPause(api: ORDER) { api pausedForSeconds waitingCalls callsInFlight } }',
      );
      expect(cleared.data?.clearUpstreamPause.map(({ pausedForSeconds }) => pausedForSeconds)).toEqual([0]);
      const after = await current.graphql(TASKINGS, { ref: 'after-clear' });
      expect(after.errors).toBeUndefined();
    });
  },
);
