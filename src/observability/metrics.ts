import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { operationLabel, UNREAD_OPERATION } from './operation-names.js';
import { routeTemplate } from './route-template.js';

/**
 * The gateway's Prometheus metrics (docs/operations.md lists them). One registry per process: every
 * gateway built in it reports here, and `/metrics` (metrics-server.ts) serves it.
 *
 * Label values are bounded by construction: APIs, priorities, states and error codes are enums of
 * the code, routes are templates without ids, operation names are the documented ones or a bucket.
 * The hot paths use label children bound once (`labels()` hashes its arguments on every call).
 */
export const metricsRegistry = new Registry();

let defaultMetricsCollected = false;

/** Process metrics (CPU, memory, event-loop lag, GC, handles); once per process, when /metrics is served. */
export function collectProcessMetrics(): void {
  if (defaultMetricsCollected) return;
  defaultMetricsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

/** Upstream APIs as metrics name them: the scheduler's, since legacy and Neo share the order API's queue. */
export type MetricsApi = 'auth' | 'order' | 'search';
/** The APIs whose calls wait in a scheduler (token requests do not). */
const SCHEDULED_APIS = ['order', 'search'] as const;
/** CallPriority's values, most urgent first (see scheduler.ts). */
const PRIORITY_NAMES = ['critical', 'interactive', 'background'] as const;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25];
/** A wait for a turn at 1 call/s is counted in seconds, up to the queue's 30 s default bound. */
const WAIT_BUCKETS = [0.001, 0.01, 0.1, 0.5, 1, 2, 5, 10, 20, 30, 60];
const PAUSE_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600];

const graphqlOperations = new Counter({
  name: 'gateway_graphql_operations_total',
  help: 'GraphQL operations answered, by operation name (documented names, else (other) or (anonymous)), type and outcome (ok, or the first error code).',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers: [metricsRegistry],
});
const graphqlDuration = new Histogram({
  name: 'gateway_graphql_operation_duration_seconds',
  help: 'Time from receiving a GraphQL operation to sending its answer, by operation name and type.',
  labelNames: ['operation', 'type'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** The children of one operation name and type, bound on first use: labels are bounded, so is this. */
interface OperationChildren {
  duration: ReturnType<typeof graphqlDuration.labels>;
  byOutcome: Map<string, ReturnType<typeof graphqlOperations.labels>>;
}
const operationChildren = new Map<string, Map<string, OperationChildren>>();

/** Records one answered GraphQL operation. */
export function recordGraphQLOperation(
  operationName: string | null | undefined,
  type: string,
  outcome: string,
  seconds: number,
): void {
  const operation = operationLabel(operationName);
  let byType = operationChildren.get(operation);
  if (byType === undefined) {
    byType = new Map();
    operationChildren.set(operation, byType);
  }
  let children = byType.get(type);
  if (children === undefined) {
    children = { duration: graphqlDuration.labels(operation, type), byOutcome: new Map() };
    byType.set(type, children);
  }
  let counter = children.byOutcome.get(outcome);
  if (counter === undefined) {
    counter = graphqlOperations.labels(operation, type, outcome);
    children.byOutcome.set(outcome, counter);
  }
  counter.inc();
  children.duration.observe(seconds);
}

/** Counts a request refused before its operation was read (authentication): no name, type or duration. */
export function recordRefusedRequest(code: string): void {
  graphqlOperations.labels(UNREAD_OPERATION, 'unknown', code).inc();
}

const upstreamCalls = new Counter({
  name: 'oneatlas_upstream_calls_total',
  help: 'Calls sent to OneAtlas, by API, method, route template (ids replaced by {id}) and status (the HTTP status, or the error code when no answer came).',
  labelNames: ['api', 'method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});
const upstreamDuration = new Histogram({
  name: 'oneatlas_upstream_call_duration_seconds',
  help: 'Time from a call leaving for OneAtlas to its answer (or failure), by API, method and route template.',
  labelNames: ['api', 'method', 'route'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** The children of one route: bound once, then reused by every call of that route. */
interface RouteChildren {
  route: string;
  duration: ReturnType<typeof upstreamDuration.labels>;
  byStatus: Map<string, ReturnType<typeof upstreamCalls.labels>>;
}
/** Keyed by API, method and path as sent: a path with ids maps to its template's children. */
const routeChildren = new Map<string, RouteChildren>();
/** Paths with ids are unbounded: past this many the map starts over (children stay registered). */
const MAX_REMEMBERED_PATHS = 2_000;

/** Records one upstream call: `status` is the HTTP status, or the error code when nothing was answered. */
export function recordUpstreamCall(
  api: MetricsApi,
  method: string,
  path: string,
  status: number | string,
  seconds: number,
): void {
  const key = `${api} ${method} ${path}`;
  let children = routeChildren.get(key);
  if (children === undefined) {
    const route = routeTemplate(path);
    children = {
      route,
      duration: upstreamDuration.labels(api, method, route),
      byStatus: new Map(),
    };
    if (routeChildren.size >= MAX_REMEMBERED_PATHS) routeChildren.clear();
    routeChildren.set(key, children);
  }
  const statusLabel = String(status);
  let counter = children.byStatus.get(statusLabel);
  if (counter === undefined) {
    counter = upstreamCalls.labels(api, method, children.route, statusLabel);
    children.byStatus.set(statusLabel, counter);
  }
  counter.inc();
  children.duration.observe(seconds);
}

const rateLimited = new Counter({
  name: 'oneatlas_upstream_rate_limited_total',
  help: 'Answers 429 (Too Many Requests) from OneAtlas, by API: each pauses every call of the credential.',
  labelNames: ['api'] as const,
  registers: [metricsRegistry],
});
const retryAfter = new Histogram({
  name: 'oneatlas_upstream_pause_seconds',
  help: 'Pauses a 429 asked for (its Retry-After, or the documented ban without one), before the ONEATLAS_MAX_PAUSE_SECONDS cap, by API.',
  labelNames: ['api'] as const,
  buckets: PAUSE_BUCKETS,
  registers: [metricsRegistry],
});
const rateLimitedChildren = bindByApi((api) => ({
  count: rateLimited.labels(api),
  pause: retryAfter.labels(api),
}));

/** Records a 429 and the pause it asks for. */
export function recordRateLimitPause(api: MetricsApi, pauseMs: number): void {
  const children = rateLimitedChildren[api];
  children.count.inc();
  children.pause.observe(pauseMs / 1000);
}

const schedulerWait = new Histogram({
  name: 'oneatlas_scheduler_wait_seconds',
  help: 'Time a call waited for its turn (rate, one at a time, 429 pauses) before leaving for OneAtlas, by API and priority.',
  labelNames: ['api', 'priority'] as const,
  buckets: WAIT_BUCKETS,
  registers: [metricsRegistry],
});
const waitChildren = bindByApi((api) =>
  PRIORITY_NAMES.map((priority) => schedulerWait.labels(api, priority)),
);

/** Records how long a call waited for its turn; `priority` is CallPriority's value. */
export function recordSchedulerWait(api: MetricsApi, priority: number, seconds: number): void {
  waitChildren[api][priority]?.observe(seconds);
}

const cacheReads = new Counter({
  name: 'oneatlas_cache_reads_total',
  help: 'Cached OneAtlas reads, by API (order, neo, search) and outcome: hit, stale (served while one background read replaces it) or miss (read upstream, or joined a read in flight).',
  labelNames: ['api', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** What a read cache reports of each read; bound once per cache. */
export interface CacheReadCounter {
  hit(): void;
  stale(): void;
  miss(): void;
}

/** The counters of one read cache (`api` names the cache: order, neo, search or data). */
export function cacheReadCounter(api: 'order' | 'neo' | 'search' | 'data'): CacheReadCounter {
  const hit = cacheReads.labels(api, 'hit');
  const stale = cacheReads.labels(api, 'stale');
  const miss = cacheReads.labels(api, 'miss');
  return { hit: () => hit.inc(), stale: () => stale.inc(), miss: () => miss.inc() };
}

const tokenRequests = new Counter({
  name: 'oneatlas_token_requests_total',
  help: 'Access-token requests to OneAtlas, by outcome: renewed, or the error code of the failure.',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
const tokenRenewed = tokenRequests.labels('renewed');

/** Records one token request's outcome: undefined for a renewal, else the failure's error code. */
export function recordTokenRequest(failureCode?: string): void {
  if (failureCode === undefined) tokenRenewed.inc();
  else tokenRequests.labels(failureCode).inc();
}

const orderAmounts = new Counter({
  name: 'gateway_order_amount_placed_total',
  help: 'Amounts of the orders placed at OneAtlas (as priced, or as answered), by currency.',
  labelNames: ['currency'] as const,
  registers: [metricsRegistry],
});
const ordersPlaced = new Counter({
  name: 'gateway_orders_placed_total',
  help: 'Orders placed at OneAtlas (a salesOrderId is known), by currency.',
  labelNames: ['currency'] as const,
  registers: [metricsRegistry],
});

/** Records an order that became PLACED. Currencies are ISO codes; anything else is bucketed. */
export function recordOrderPlaced(currency: string | null, amount: number | null): void {
  const label = currency !== null && /^[A-Z]{3}$/.test(currency) ? currency : 'unknown';
  ordersPlaced.labels(label).inc();
  if (amount !== null && Number.isFinite(amount) && amount > 0) orderAmounts.labels(label).inc(amount);
}

/** What a scheduler tells at scrape time (its own process's view). */
export interface SchedulerSnapshot {
  /** Waiting calls, indexed by CallPriority. */
  waitingByPriority: readonly number[];
  inFlight: number;
  /** Milliseconds left of the pause after a 429, as this process knows it. */
  pausedForMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

/** The live parts one gateway registers, read at scrape time only: nothing is counted per call for them. */
export interface GatewaySources {
  schedulers: readonly { api: MetricsApi; maxRps: number; snapshot(): SchedulerSnapshot }[];
  breakers: readonly { api: MetricsApi; state(): BreakerState }[];
  /** Attempts per journal state; shared journals (PostgreSQL) give the fleet's count. */
  countOrdersByState(): Promise<Record<string, number>>;
}

const sources = new Set<GatewaySources>();

/** Registers a gateway's live parts; the returned function unregisters them (on close). */
export function watchGateway(gateway: GatewaySources): () => void {
  sources.add(gateway);
  return () => sources.delete(gateway);
}

new Gauge({
  name: 'oneatlas_scheduler_queue_depth',
  help: 'Calls of this replica waiting for their turn at OneAtlas, by API and priority.',
  labelNames: ['api', 'priority'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const api of SCHEDULED_APIS) {
      const snapshots = schedulersOf(api).map((scheduler) => scheduler.snapshot());
      for (const [priority, name] of PRIORITY_NAMES.entries()) {
        let waiting = 0;
        for (const snapshot of snapshots) waiting += snapshot.waitingByPriority[priority] ?? 0;
        this.labels(api, name).set(waiting);
      }
    }
  },
});

new Gauge({
  name: 'oneatlas_scheduler_calls_in_flight',
  help: 'Calls of this replica sent to OneAtlas and not yet answered (or past their hold bound), by API.',
  labelNames: ['api'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const api of SCHEDULED_APIS) {
      let inFlight = 0;
      for (const scheduler of schedulersOf(api)) inFlight += scheduler.snapshot().inFlight;
      this.labels(api).set(inFlight);
    }
  },
});

new Gauge({
  name: 'oneatlas_rate_budget_calls_per_second',
  help: 'Calls per second each credential may send to each API (ONEATLAS_MAX_RPS, ONEATLAS_SEARCH_MAX_RPS): compare with rate(oneatlas_upstream_calls_total).',
  labelNames: ['api'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const api of SCHEDULED_APIS) {
      const budgets = schedulersOf(api).map((scheduler) => scheduler.maxRps);
      if (budgets.length > 0) this.labels(api).set(Math.max(...budgets));
    }
  },
});

new Gauge({
  name: 'oneatlas_upstream_pause_remaining_seconds',
  help: 'Seconds left of the pause a 429 imposed on calls to each API (the longest over credentials), as this replica knows it.',
  labelNames: ['api'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const api of SCHEDULED_APIS) {
      let pausedForMs = 0;
      for (const scheduler of schedulersOf(api)) {
        pausedForMs = Math.max(pausedForMs, scheduler.snapshot().pausedForMs);
      }
      this.labels(api).set(pausedForMs / 1000);
    }
  },
});

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half_open', 'open'];

new Gauge({
  name: 'oneatlas_circuit_breaker_open',
  help: 'Circuit breakers of each API per state (closed, half_open, open): open means calls fail fast with UPSTREAM_UNAVAILABLE.',
  labelNames: ['api', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    const counts = new Map<string, number>();
    for (const gateway of sources) {
      for (const breaker of gateway.breakers) {
        const key = `${breaker.api} ${breaker.state()}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    for (const api of SCHEDULED_APIS) {
      for (const state of BREAKER_STATES) this.labels(api, state).set(counts.get(`${api} ${state}`) ?? 0);
    }
  },
});

new Gauge({
  name: 'gateway_order_attempts',
  help: 'Order attempts in the journal, by state (OUTCOME_UNKNOWN: sent, not yet found upstream). A shared journal gives the whole fleet: take max over replicas, not sum.',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const totals = new Map<string, number>();
    // A journal that does not answer leaves its states out of this scrape rather than failing it all.
    const counts = await Promise.all(
      [...sources].map((gateway) => gateway.countOrdersByState().catch(() => ({}))),
    );
    for (const byState of counts) {
      for (const [state, count] of Object.entries(byState))
        totals.set(state, (totals.get(state) ?? 0) + count);
    }
    for (const [state, count] of totals) this.labels(state).set(count);
  },
});

function schedulersOf(api: MetricsApi): GatewaySources['schedulers'][number][] {
  const found: GatewaySources['schedulers'][number][] = [];
  for (const gateway of sources) {
    for (const scheduler of gateway.schedulers) if (scheduler.api === api) found.push(scheduler);
  }
  return found;
}

function bindByApi<T>(bind: (api: MetricsApi) => T): Record<MetricsApi, T> {
  return { auth: bind('auth'), order: bind('order'), search: bind('search') };
}
