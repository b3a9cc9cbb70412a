import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { type MetricsServer, startMetricsServer } from '../../src/observability/metrics-server.js';
import { CREATE_ORDER, type OrderData } from '../safety/support.js';
import { sharedTestStack } from '../support/gateway.js';
import { type Sample, scrape, sumOf } from '../support/metrics.js';
import { orderInput } from '../support/order-input.js';

/**
 * A workflow against the simulator, then a scrape of /metrics: the counters and histograms the
 * platform team alerts on moved as the workflow says they must.
 */

const TOKEN = 'scrape-token-0123456789';
const AUTHORIZED = { authorization: `Bearer ${TOKEN}` };

const CONTRACTS = 'query Contracts { contracts { id currency } }';

describe('/metrics after a workflow against the simulator', () => {
  // Catalogue answers are cached, so the second contracts read is a hit.
  const stack = sharedTestStack({ safety: { catalogueTtlMs: 60_000 } });
  let metrics: MetricsServer;
  let before: Sample[];
  let after: Sample[];
  let placed: OrderData['createOrder'] | undefined;
  let unknown: OrderData['createOrder'] | undefined;

  const delta = (name: string, labels: Record<string, string> = {}) =>
    sumOf(after, name, labels) - sumOf(before, name, labels);

  beforeAll(async () => {
    metrics = await startMetricsServer(
      { host: '127.0.0.1', port: 0, bearerToken: TOKEN },
      createLogger('silent'),
    );
    before = await scrape(metrics.url, AUTHORIZED);

    // The first contracts read meets a 429 asking for a 1 s pause, then succeeds after it.
    await stack().control('POST', '/faults', {
      method: 'GET',
      path: '/api/v1/contracts',
      count: 1,
      status: 429,
      retryAfter: 1,
    });
    for (let read = 0; read < 2; read += 1) {
      const answer = await stack().graphql(CONTRACTS);
      expect(answer.errors).toBeUndefined();
    }
    const invalid = await stack().graphql('query Contracts { contracts { noSuchField } }');
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    placed = (await stack().graphql<OrderData>(CREATE_ORDER, { input: orderInput('metrics-placed') })).data
      ?.createOrder;
    // The next order's POST fails with a 500: it may have reached OneAtlas, so its outcome is unknown.
    await stack().control('POST', '/faults', {
      method: 'POST',
      path: '/api/v1/orders',
      count: 1,
      status: 500,
    });
    unknown = (await stack().graphql<OrderData>(CREATE_ORDER, { input: orderInput('metrics-unknown') })).data
      ?.createOrder;

    after = await scrape(metrics.url, AUTHORIZED);
  }, 60_000);

  afterAll(async () => {
    await metrics?.close();
  });

  it('counts GraphQL operations by documented name, type and outcome, and times them', () => {
    expect(
      delta('gateway_graphql_operations_total', { operation: 'Contracts', type: 'query', outcome: 'ok' }),
    ).toBe(2);
    expect(
      delta('gateway_graphql_operations_total', {
        operation: 'Contracts',
        outcome: 'GRAPHQL_VALIDATION_FAILED',
      }),
    ).toBe(1);
    // `mutation Order` is not a documented operation name: it is bucketed, never a label of its own.
    expect(delta('gateway_graphql_operations_total', { operation: '(other)', type: 'mutation' })).toBe(2);
    expect(after.some((sample) => sample.labels.operation === 'Order')).toBe(false);
    expect(delta('gateway_graphql_operation_duration_seconds_count', { operation: 'Contracts' })).toBe(3);
  });

  it('counts upstream calls by route template and status, never by a raw path', () => {
    expect(delta('oneatlas_upstream_calls_total', { api: 'order', route: '/contracts', status: '429' })).toBe(
      1,
    );
    expect(delta('oneatlas_upstream_calls_total', { api: 'order', route: '/contracts', status: '200' })).toBe(
      1,
    );
    expect(delta('oneatlas_upstream_calls_total', { method: 'POST', route: '/orders', status: '500' })).toBe(
      1,
    );
    expect(delta('oneatlas_upstream_call_duration_seconds_count', { route: '/contracts' })).toBe(2);
    const routes = after.filter((sample) => sample.name === 'oneatlas_upstream_calls_total');
    expect(routes.length).toBeGreaterThan(0);
    for (const { labels } of routes) expect(labels.route).toMatch(/^(\/([A-Za-z]+|\{id\}))+$/);
  });

  it('counts the 429 and the pause it asked for, and the wait it cost in the queue', () => {
    expect(delta('oneatlas_upstream_rate_limited_total', { api: 'order' })).toBe(1);
    expect(delta('oneatlas_upstream_pause_seconds_count', { api: 'order' })).toBe(1);
    expect(delta('oneatlas_upstream_pause_seconds_sum', { api: 'order' })).toBe(1);
    // The refused call waited out the pause before its second try.
    expect(
      delta('oneatlas_scheduler_wait_seconds_sum', { api: 'order', priority: 'interactive' }),
    ).toBeGreaterThan(0.5);
    expect(delta('oneatlas_scheduler_wait_seconds_count', { api: 'order' })).toBeGreaterThanOrEqual(4);
  });

  it('counts cache hits and misses, token renewals, and reports the queue, budget and breakers', () => {
    expect(delta('oneatlas_cache_reads_total', { api: 'order', outcome: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(delta('oneatlas_cache_reads_total', { api: 'order', outcome: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(delta('oneatlas_token_requests_total', { outcome: 'renewed' })).toBe(1);
    expect(sumOf(after, 'oneatlas_scheduler_queue_depth', { api: 'order' })).toBe(0);
    expect(sumOf(after, 'oneatlas_rate_budget_calls_per_second', { api: 'order' })).toBe(1000);
    expect(sumOf(after, 'oneatlas_circuit_breaker_open', { api: 'order', state: 'closed' })).toBe(1);
    expect(sumOf(after, 'oneatlas_circuit_breaker_open', { api: 'order', state: 'open' })).toBe(0);
  });

  it('reports orders by journal state, the unknown outcome included, and the amounts placed', () => {
    expect(placed?.status).toBe('PLACED');
    expect(unknown?.status).toBe('OUTCOME_UNKNOWN');
    expect(sumOf(after, 'gateway_order_attempts', { state: 'PLACED' })).toBe(1);
    expect(sumOf(after, 'gateway_order_attempts', { state: 'OUTCOME_UNKNOWN' })).toBe(1);
    expect(delta('gateway_orders_placed_total')).toBe(1);
    expect(delta('gateway_order_amount_placed_total')).toBeCloseTo(placed?.totalAmount ?? Number.NaN, 6);
  });

  it('serves the process metrics too', () => {
    expect(after.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(after.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('refuses a scrape without the bearer token, and serves nothing but /metrics', async () => {
    expect((await fetch(`${metrics.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${metrics.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    expect((await fetch(`${metrics.url}/graphql`, { headers: AUTHORIZED })).status).toBe(404);
  });
});
