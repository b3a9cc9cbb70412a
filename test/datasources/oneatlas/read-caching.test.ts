import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenProvider } from '../../../src/datasources/auth/token-provider.js';
import { CircuitBreaker } from '../../../src/datasources/http/circuit-breaker.js';
import { MemoryReadCache } from '../../../src/datasources/http/read-cache.js';
import { RequestScope, UNLIMITED_REQUESTS } from '../../../src/datasources/http/request-scope.js';
import { CallPriority } from '../../../src/datasources/http/scheduler.js';
import {
  createUpstreamScheduler,
  type UpstreamCalls,
  UpstreamClient,
} from '../../../src/datasources/http/upstream-client.js';
import { DataApi } from '../../../src/datasources/oneatlas/data-api.js';
import { upstreamErrorFromResponse } from '../../../src/datasources/oneatlas/errors.js';
import { NeoApi } from '../../../src/datasources/oneatlas/neo-api.js';
import { OrderApi } from '../../../src/datasources/oneatlas/order-api.js';
import { SearchApi } from '../../../src/datasources/oneatlas/search-api.js';
import type {
  WireOpenSearchResponse,
  WireSegmentsResponse,
} from '../../../src/datasources/oneatlas/wire/types.js';
import { ALL_IMAGES } from '../../../src/domain/catalogue.js';
import { segmentsResponse } from '../../fixtures/guide-samples.js';
import { onePlanOrderRequest } from '../../support/order-request.js';
import { captureLogger, StubUpstream } from '../../support/stub-upstream.js';

/** How the datasources read through the ReadCache, against a scripted upstream and a hand-set cache clock. */

const SEGMENTS = '/api/v1/contracts/CTR1/taskings/ICR_1/segments';

function segmentsWithStatus(status: string): WireSegmentsResponse {
  const wire = segmentsResponse();
  return { ...wire, segments: wire.segments.map((segment) => ({ ...segment, status })) };
}

const imageryPage: WireOpenSearchResponse = {
  type: 'FeatureCollection',
  totalResults: 1,
  startIndex: 1,
  itemsPerPage: 10,
  features: [
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1, 43],
            [1.1, 43],
            [1.1, 43.1],
            [1, 43],
          ],
        ],
      },
      properties: { id: 'DS_PHR1A_1', acquisitionDate: '2026-01-01T10:00:00Z' },
    },
  ],
};

describe('reads through the cache', () => {
  let stub: StubUpstream;
  let clock: number;
  const logs = captureLogger();

  beforeEach(async () => {
    stub = await StubUpstream.start();
    stub.on('POST', '/token', { body: { access_token: 'tok', expires_in: 3600 } });
    clock = 0;
  });

  afterEach(async () => {
    await stub.close();
  });

  /** A client of `upstream` on the stub, and its scheduler, whose `run` a test may spy on. */
  function upstream(name: 'order' | 'search') {
    const scheduler = createUpstreamScheduler({
      upstream: name,
      maxRps: 1_000,
      maxQueue: 100,
      maxWaitMs: 5_000,
    });
    const client = new UpstreamClient({
      upstream: name,
      baseUrl: `${stub.url}/api/${name === 'order' ? 'v1' : 'v2'}`,
      readFailure: upstreamErrorFromResponse,
      tokens: new TokenProvider({
        authUrl: `${stub.url}/token`,
        apiKey: 'k',
        timeoutMs: 2_000,
        logger: logs.logger,
      }),
      timeoutMs: 2_000,
      holdMs: 2_000,
      logger: logs.logger,
      scheduler,
      breaker: new CircuitBreaker({ failureThreshold: 1_000, cooldownMs: 1_000 }),
      retry: { attempts: 1, baseMs: 1, capMs: 1 },
    });
    return { client, scheduler, cache: new MemoryReadCache({ now: () => clock, logger: logs.logger }) };
  }

  it('serves stale segments with the time they were read, and refreshes them at background priority', async () => {
    stub.on('GET', SEGMENTS, [
      { body: segmentsWithStatus('Proposed') },
      { body: segmentsWithStatus('Validated') },
    ]);
    const { client, scheduler, cache } = upstream('order');
    const run = vi.spyOn(scheduler, 'run');
    const api = new OrderApi(client, cache, { catalogueMs: 0, taskingMs: 1_000, taskingStaleMs: 5_000 });

    const readFrom = Date.now();
    const first = await api.segments('CTR1', 'ICR_1');
    const readUntil = Date.now();
    const fetchedAt = first[0]?.fetchedAt.getTime() ?? 0;
    expect(fetchedAt).toBeGreaterThanOrEqual(readFrom);
    expect(fetchedAt).toBeLessThanOrEqual(readUntil);

    clock = 1_500;
    // Past its TTL: the same answer, still saying when it was read.
    expect(await api.segments('CTR1', 'ICR_1')).toBe(first);
    await vi.waitFor(async () => {
      expect((await api.segments('CTR1', 'ICR_1'))[0]?.status).toBe('Validated');
    });
    const refreshed = await api.segments('CTR1', 'ICR_1');
    expect(refreshed[0]?.fetchedAt.getTime()).toBeGreaterThanOrEqual(readUntil);
    expect(stub.count('GET', SEGMENTS)).toBe(2);
    expect(run.mock.calls.map(([, options]) => options.priority)).toEqual([
      CallPriority.INTERACTIVE,
      CallPriority.BACKGROUND,
    ]);
  });

  it('shares one search between identical concurrent imagery reads and keeps it for its TTL', async () => {
    stub.on('GET', '/api/v2/opensearch', { body: imageryPage });
    const { client, cache } = upstream('search');
    const api = new SearchApi(client, cache, 1_000, client);
    const slice = { offset: 0, limit: 10 };

    const pages = await Promise.all([1, 2, 3].map(() => api.imagery('WS1', ALL_IMAGES, slice)));
    expect(pages.map((page) => page.items.map((image) => image.id))).toEqual([
      ['DS_PHR1A_1'],
      ['DS_PHR1A_1'],
      ['DS_PHR1A_1'],
    ]);
    clock = 999;
    await api.imagery('WS1', ALL_IMAGES, slice);
    expect(stub.count('GET', '/api/v2/opensearch')).toBe(1);

    // Another workspace is another search; an expired answer is searched again, never served stale.
    await api.imagery('WS2', ALL_IMAGES, slice);
    clock = 1_000;
    await api.imagery('WS1', ALL_IMAGES, slice);
    expect(
      stub.requests
        .filter((request) => request.path === '/api/v2/opensearch')
        .map((request) => request.query.get('workspaceid')),
    ).toEqual(['WS1', 'WS2', 'WS1']);
  });
});

describe("each API's view for a request", () => {
  it("reads through the cache's view for that request, so a wait for another replica's read ends with it", () => {
    const scope = new RequestScope({ requestId: 'r1', callerKey: 'caller', ...UNLIMITED_REQUESTS });
    const cache = new MemoryReadCache();
    const viewFor = vi.spyOn(cache, 'forRequest');
    const client: UpstreamCalls = { request: vi.fn(), pathOf: () => null, forRequest: () => client };
    const ttl = { catalogueMs: 0, taskingMs: 0, taskingStaleMs: 0 };

    new OrderApi(client, cache, ttl).forRequest(scope);
    new NeoApi({ v1: client, v2: client }, cache, ttl).forRequest(scope);
    new SearchApi(client, cache, 0, client).forRequest(scope);
    new DataApi(client, cache, 0).forRequest(scope);

    expect(viewFor.mock.calls).toEqual([[scope], [scope], [scope], [scope]]);
  });
});

describe("a mutation's answer", () => {
  it.each([
    ['an order', (api: OrderApi) => api.placeOrder(onePlanOrderRequest(), async () => undefined)],
    ['a tasking cancel', (api: OrderApi) => api.cancelTasking('CTR1', 'ICR_1', () => undefined)],
    ['a segment decision', (api: OrderApi) => api.decideSegment('accept', 'CTR1', 'ICR_1', 'AS_1')],
  ])('waits, for %s, until the reads it changed are dropped on every replica', async (_, mutate) => {
    const cache = new MemoryReadCache();
    let dropped: () => void = () => undefined;
    const dropping = new Promise<void>((resolve) => {
      dropped = resolve;
    });
    const invalidate = vi.spyOn(cache, 'invalidate').mockReturnValue(dropping);
    // Every call fails as an outage: whatever the outcome, the reads are dropped first.
    const failure = upstreamErrorFromResponse('order', 503, '{}', null);
    const client: UpstreamCalls = {
      request: () => Promise.reject(failure),
      pathOf: () => null,
      forRequest: () => client,
    };
    const api = new OrderApi(client, cache, { catalogueMs: 0, taskingMs: 1_000, taskingStaleMs: 0 });

    let answered = false;
    const answer = mutate(api).catch((error: unknown) => {
      answered = true;
      return error;
    });
    await vi.waitFor(() => expect(invalidate).toHaveBeenCalledWith('GET /contracts/CTR1/taskings'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);

    dropped();
    expect(await answer).toBe(failure);
  });
});
