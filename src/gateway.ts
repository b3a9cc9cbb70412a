import {
  type Authenticate,
  createAuthenticator,
  DEVELOPMENT_CREDENTIAL_ID,
  developmentAuthenticator,
} from './auth/authenticator.js';
import type { JwtSettings } from './auth/jwt.js';
import type { TenantsConfiguration } from './auth/tenants.js';
import {
  EMBEDDED_STORES,
  type FilesConfig,
  loadFilesConfig,
  type OneAtlasConfig,
  type SafetyConfig,
  type StoresConfig,
} from './config.js';
import { RedisTokenProvider } from './datasources/auth/redis-token-provider.js';
import { TokenProvider } from './datasources/auth/token-provider.js';
import { type CircuitBreaker, CircuitBreakers } from './datasources/http/circuit-breaker.js';
import type { Exchange } from './datasources/http/exchange.js';
import { RedisRateGate } from './datasources/http/rate-gate-redis.js';
import { MemoryReadCache, type ReadCache } from './datasources/http/read-cache.js';
import { RedisReadCache } from './datasources/http/redis-read-cache.js';
import type { RateScheduler } from './datasources/http/scheduler.js';
import {
  createUpstreamScheduler,
  UpstreamClient,
  upstreamConcurrency,
} from './datasources/http/upstream-client.js';
import { UpstreamPauses } from './datasources/http/upstream-pauses.js';
import { DataApi } from './datasources/oneatlas/data-api.js';
import { upstreamErrorFromResponse } from './datasources/oneatlas/errors.js';
import { NeoApi, orderApiV2Url } from './datasources/oneatlas/neo-api.js';
import { OrderApi } from './datasources/oneatlas/order-api.js';
import { SearchApi } from './datasources/oneatlas/search-api.js';
import { OrderPlacement } from './datasources/orders/order-placement.js';
import { TargetActions } from './datasources/orders/target-actions.js';
import type { RedisStore } from './datasources/stores/redis.js';
import { FileLinks } from './files/file-links.js';
import type { Logger } from './logger.js';
import { cacheReadCounter, watchGateway } from './observability/metrics.js';
import { LifecycleService } from './orders/lifecycle-service.js';
import { OrderingService } from './orders/ordering-service.js';
import { openStores, readinessOf, type StoresReadiness } from './stores.js';

/** The clients of one OneAtlas credential: its token, schedulers, breakers, caches and APIs. */
export interface UpstreamServices {
  orderApi: OrderApi;
  /** Pléiades Neo operations, on the order API's own queue. */
  neoApi: NeoApi;
  searchApi: SearchApi;
  /** `/me`: the credential's own contract and its workspace. */
  dataApi: DataApi;
  /** This credential's turn-takers, one per API (legacy and Neo share the order API's). */
  schedulers: Record<'order' | 'search', RateScheduler<Exchange>>;
}

/** The services that spend a contract's money or change what it ordered, for one credential. */
export interface OrderServices {
  orders: OrderingService;
  lifecycle: LifecycleService;
}

/** A breaker whose state metrics report, under the API it guards. */
interface WatchedBreaker {
  api: 'order' | 'search';
  breaker: CircuitBreaker;
}

/**
 * The composition root: every long-lived service of one gateway process, built once from the
 * configuration and closed once. The per-request context (`src/context.ts`) only picks from it.
 */
export interface Gateway {
  /**
   * The services of each OneAtlas credential, by credential id: two tenants on two credentials never
   * share a token, queue, cache entry or coalesced call. Ordering (idempotent, journaled) and the
   * lifecycle actions after it (at most once per target) included.
   */
  credentials: ReadonlyMap<string, UpstreamServices & OrderServices>;
  /** Whether the order journal can be written now: orders are refused while it cannot. */
  isOrderJournalReady(): Promise<boolean>;
  /** Whether each store answers now (for `/readyz`). */
  readiness(): Promise<StoresReadiness>;
  /** The pauses 429s imposed, per credential and API, for operators to see and clear. */
  upstreamPauses: UpstreamPauses;
  /** Verifies a request's credentials into a caller (tenant, roles, credential, contracts). */
  authenticate: Authenticate;
  /** Signs and checks the short-lived links of the file route (`/files/…`). */
  fileLinks: FileLinks;
  /** The clock windows, deadlines and quotation validity are judged by (the embedded simulator's in development). */
  now: () => number;
  /** The file route's size and time bounds. */
  files: FilesConfig;
  logger: Logger;
  /** Stops background work and closes the stores; call after the HTTP server has drained. */
  close(): Promise<void>;
}

/** Who may call: the tenants file and token settings, or null for development mode (one trusted caller). */
export interface CallerConfig {
  tenants: TenantsConfiguration;
  jwt: JwtSettings | null;
}

export interface GatewayOptions {
  /** The OneAtlas endpoints and timeout; in development mode also the one credential's key. */
  oneAtlas: OneAtlasConfig;
  safety: SafetyConfig;
  logger: Logger;
  /** The tenants file and token settings; null or absent for development mode (one trusted caller). */
  callers?: CallerConfig | null;
  /** Embedded (the default) or shared through PostgreSQL and Redis. */
  stores?: StoresConfig;
  /** The clock windows, order deadlines, quotation validity and cancellation deadlines are checked against (tests move it). */
  now?: () => number;
  /** The file route's link secret and bounds; by default a random secret (one replica) and the defaults. */
  files?: FilesConfig;
}

/**
 * With `callers`, one set of services per credential of the tenants file (`oneAtlas` gives the
 * timeout); without, development mode: `oneAtlas`'s key is the one credential and every caller is
 * the development tenant.
 */
export async function createGateway({
  oneAtlas: config,
  safety,
  logger,
  callers = null,
  stores: storesConfig = EMBEDDED_STORES,
  now = Date.now,
  files = loadFilesConfig({}),
}: GatewayOptions): Promise<Gateway> {
  if (files.linkSecret === null && (storesConfig.redis !== null || storesConfig.database !== null)) {
    logger.warn(
      'FILE_LINK_SECRET is not set: a file link works only on the replica that gave it out; set the same secret on every replica',
    );
  }
  const oneAtlasConfigs: [string, OneAtlasConfig][] =
    callers === null
      ? [[DEVELOPMENT_CREDENTIAL_ID, config]]
      : callers.tenants.credentials.map((credential) => [credential.id, { ...config, ...credential }]);
  const stores = await openStores(storesConfig, safety.dataDir, logger);
  const { journal, sharedJournal } = stores;
  const placements: OrderPlacement[] = [];
  // No send outlives its wait for a turn and its hold: past both (and a minute), it was abandoned.
  const abandonedAfterMs = safety.queueWaitMs + safety.callHoldMs + 60_000;
  const sharedCaches: RedisReadCache[] = [];
  const watchedBreakers: WatchedBreaker[] = [];
  const credentials = new Map(
    await Promise.all(
      oneAtlasConfigs.map(async ([id, credentialConfig]) => {
        const upstream = await createUpstreamServices(id, credentialConfig, safety, logger, stores.redis);
        sharedCaches.push(...upstream.sharedCaches);
        watchedBreakers.push(...upstream.breakers);
        const placement = new OrderPlacement({
          orderApi: upstream.orderApi,
          neoApi: upstream.neoApi,
          journal,
          credentialId: id,
          sharedJournal,
          graceMs: safety.orderOutcomeGraceMs,
          reconcileIntervalMs: safety.reconcileIntervalMs,
          abandonedAfterMs,
          logger,
        });
        placements.push(placement);
        const actions = new TargetActions({ journal, abandonedAfterMs, now });
        const apis = {
          orderApi: upstream.orderApi,
          neoApi: upstream.neoApi,
          dataApi: upstream.dataApi,
          placement,
          actions,
          logger,
          now,
        };
        const orders = new OrderingService(apis);
        const lifecycle = new LifecycleService(apis);
        return [id, { ...upstream, orders, lifecycle }] as const;
      }),
    ),
  );
  const unwatch = watchGateway({
    schedulers: [...credentials.values()]
      .flatMap(({ schedulers }) => [
        { api: 'order' as const, scheduler: schedulers.order },
        { api: 'search' as const, scheduler: schedulers.search },
      ])
      .map(({ api, scheduler }) => ({ api, maxRps: scheduler.maxRps, snapshot: () => scheduler.snapshot() })),
    breakers: watchedBreakers.map(({ api, breaker }) => ({ api, state: () => breaker.state() })),
    countOrdersByState: () => journal.countByState(),
  });
  const upstreamPauses = new UpstreamPauses(
    [...credentials].flatMap(([credentialId, { schedulers }]) => [
      { credentialId, api: 'order' as const, scheduler: schedulers.order },
      { credentialId, api: 'search' as const, scheduler: schedulers.search },
    ]),
  );
  return {
    credentials,
    upstreamPauses,
    authenticate:
      callers === null
        ? developmentAuthenticator({ contractId: config.contractId, workspaceId: config.workspaceId })
        : createAuthenticator({ tenants: callers.tenants.tenants, jwt: callers.jwt, logger }),
    fileLinks: new FileLinks(files.linkSecret, files.linkTtlMs),
    files,
    now,
    isOrderJournalReady: () => journal.isReady(),
    readiness: () => readinessOf(stores),
    logger,
    async close() {
      unwatch();
      for (const placement of placements) placement.close();
      // Cache writes still on their way to Redis finish before its connection closes.
      await Promise.all(sharedCaches.map((cache) => cache.settled()));
      await stores.close();
    },
  };
}

/**
 * One token cache, one scheduler per API, one breaker per host and one cache per API, for one API
 * key: the upstream counts requests per account, so everything that paces or shares calls is keyed by
 * the credential that pays for them.
 */
async function createUpstreamServices(
  credentialId: string,
  config: OneAtlasConfig,
  safety: SafetyConfig,
  logger: Logger,
  redis: RedisStore | null,
): Promise<UpstreamServices & { sharedCaches: RedisReadCache[]; breakers: WatchedBreaker[] }> {
  const tokenOptions = {
    authUrl: config.authUrl,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
    logger,
  };
  // With Redis, one token per credential for the whole fleet; the key never names it there.
  const tokens =
    redis === null
      ? new TokenProvider(tokenOptions)
      : new RedisTokenProvider({ ...tokenOptions, store: redis, credentialId });
  const sharedCaches: RedisReadCache[] = [];
  // With Redis, one cache per credential and API for the whole fleet, with single flight across replicas.
  const readCache = async (api: 'order' | 'search' | 'neo' | 'data'): Promise<ReadCache> => {
    const counter = cacheReadCounter(api);
    if (redis === null) return new MemoryReadCache({ logger, counter });
    const cache = await RedisReadCache.open({
      store: redis,
      credentialId,
      api,
      counter,
      // A replica waits for another's read about as long as that read may take: its turn, then its answer.
      flightWaitMs: safety.queueWaitMs + config.timeoutMs,
      logger,
    });
    sharedCaches.push(cache);
    return cache;
  };
  const breakers = new CircuitBreakers({
    failureThreshold: safety.breakerFailureThreshold,
    cooldownMs: safety.breakerCooldownMs,
  });
  const scheduler = (upstream: 'order' | 'search', maxRps: number) =>
    createUpstreamScheduler({
      upstream,
      maxRps,
      maxQueue: safety.queueSize,
      maxWaitMs: safety.queueWaitMs,
      maxPauseMs: safety.maxPauseMs,
      // Keyed by the credential's id, never its key: the upstream counts calls per account.
      gate:
        redis === null
          ? undefined
          : new RedisRateGate({
              redis: redis.client,
              credentialId,
              api: upstream,
              maxRps,
              concurrency: upstreamConcurrency(upstream, maxRps),
              holdMs: safety.callHoldMs,
              logger,
            }),
      logger,
    });
  const client = (
    upstream: 'order' | 'search',
    baseUrl: string,
    queue: ReturnType<typeof createUpstreamScheduler>,
  ) =>
    new UpstreamClient({
      upstream,
      baseUrl,
      tokens,
      readFailure: upstreamErrorFromResponse,
      timeoutMs: config.timeoutMs,
      holdMs: safety.callHoldMs,
      logger,
      scheduler: queue,
      breaker: breakers.forUrl(baseUrl),
      retry: { attempts: safety.retryAttempts, baseMs: 200, capMs: 5_000 },
    });
  // One cache per API, like the schedulers: a key names a path, not the API it belongs to.
  // Legacy and Neo calls to the order host wait in one queue: Airbus paces the account, not the path.
  const orderQueue = scheduler('order', safety.orderApiMaxRps);
  const orderClient = client('order', config.orderUrl, orderQueue);
  const orderApi = new OrderApi(orderClient, await readCache('order'), {
    catalogueMs: safety.catalogueTtlMs,
    taskingMs: safety.taskingTtlMs,
    taskingStaleMs: safety.taskingStaleMs,
  });
  const neoApi = new NeoApi(
    { v1: orderClient, v2: client('order', orderApiV2Url(config.orderUrl), orderQueue) },
    await readCache('neo'),
    { taskingMs: safety.taskingTtlMs, taskingStaleMs: safety.taskingStaleMs },
  );
  const searchQueue = scheduler('search', safety.searchApiMaxRps);
  const searchApi = new SearchApi(
    client('search', config.searchUrl, searchQueue),
    await readCache('search'),
    // Delivered imagery changes as orders deliver, at the pace of taskings.
    safety.taskingTtlMs,
    client('search', config.accessUrl, searchQueue),
  );
  // The data host (`/me`) is Airbus' foundation platform, like search: it waits in the search queue.
  const dataApi = new DataApi(
    client('search', config.dataUrl, searchQueue),
    await readCache('data'),
    safety.catalogueTtlMs,
  );
  return {
    orderApi,
    neoApi,
    searchApi,
    dataApi,
    schedulers: { order: orderQueue, search: searchQueue },
    breakers: [
      { api: 'order', breaker: breakers.forUrl(config.orderUrl) },
      { api: 'search', breaker: breakers.forUrl(config.searchUrl) },
    ],
    sharedCaches,
  };
}
