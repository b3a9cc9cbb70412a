import {
  type Authenticate,
  createAuthenticator,
  DEVELOPMENT_CREDENTIAL_ID,
  developmentAuthenticator,
} from './auth/authenticator.js';
import type { JwtSettings } from './auth/jwt.js';
import type { TenantsConfiguration } from './auth/tenants.js';
import { EMBEDDED_STORES, type OneAtlasConfig, type SafetyConfig, type StoresConfig } from './config.js';
import { TokenProvider } from './datasources/auth/token-provider.js';
import { CircuitBreakers } from './datasources/http/circuit-breaker.js';
import type { Exchange } from './datasources/http/exchange.js';
import { RedisRateGate } from './datasources/http/rate-gate-redis.js';
import { MemoryReadCache } from './datasources/http/read-cache.js';
import type { RateScheduler } from './datasources/http/scheduler.js';
import {
  createUpstreamScheduler,
  UpstreamClient,
  upstreamConcurrency,
} from './datasources/http/upstream-client.js';
import { UpstreamPauses } from './datasources/http/upstream-pauses.js';
import { upstreamErrorFromResponse } from './datasources/oneatlas/errors.js';
import { NeoApi, orderApiV2Url } from './datasources/oneatlas/neo-api.js';
import { OrderApi } from './datasources/oneatlas/order-api.js';
import { SearchApi } from './datasources/oneatlas/search-api.js';
import { OrderPlacement } from './datasources/orders/order-placement.js';
import type { RedisStore } from './datasources/stores/redis.js';
import type { Logger } from './logger.js';
import { OrderingService } from './orders/ordering-service.js';
import { openStores } from './stores.js';

/** The clients of one OneAtlas credential: its token, schedulers, breakers, caches and APIs. */
export interface UpstreamServices {
  orderApi: OrderApi;
  /** Pléiades Neo operations, on the order API's own queue. */
  neoApi: NeoApi;
  searchApi: SearchApi;
  /** This credential's turn-takers, one per API (legacy and Neo share the order API's). */
  schedulers: Record<'order' | 'search', RateScheduler<Exchange>>;
}

/**
 * The composition root: every long-lived service of one gateway process, built once from the
 * configuration and closed once. The per-request context (`src/context.ts`) only picks from it.
 */
export interface Gateway {
  /**
   * The services of each OneAtlas credential, by credential id: two tenants on two credentials never
   * share a token, queue, cache entry or coalesced call. Ordering (idempotent, journaled) included.
   */
  credentials: ReadonlyMap<string, UpstreamServices & { orders: OrderingService }>;
  /** Whether the order journal can be written now (for `/readyz`): orders are refused while it cannot. */
  isOrderJournalReady(): Promise<boolean>;
  /** The pauses 429s imposed, per credential and API, for operators to see and clear. */
  upstreamPauses: UpstreamPauses;
  /** Verifies a request's credentials into a caller (tenant, roles, credential, contracts). */
  authenticate: Authenticate;
  logger: Logger;
  /** Stops background work and closes the stores; call after the HTTP server has drained. */
  close(): Promise<void>;
}

/** Who may call: the tenants file and token settings, or null for development mode (one trusted caller). */
export interface CallerConfig {
  tenants: TenantsConfiguration;
  jwt: JwtSettings | null;
}

/**
 * With `callers`, one set of services per credential of the tenants file (`config` gives the
 * timeout); without, development mode: `config`'s key is the one credential and every caller is the
 * development tenant.
 */
export async function createGateway(
  config: OneAtlasConfig,
  safety: SafetyConfig,
  logger: Logger,
  callers: CallerConfig | null = null,
  /**
   * With a Redis, every credential's rate budget (rate, one call in flight, the pause after a 429)
   * is shared by all replicas using that Redis; without, each process keeps its own.
   */
  sharedRate: RedisStore | null = null,
  /** Where the order journal lives: PostgreSQL (shared by the replicas) or SQLite in `safety.dataDir`. */
  stores: StoresConfig = EMBEDDED_STORES,
): Promise<Gateway> {
  const oneAtlasConfigs: [string, OneAtlasConfig][] =
    callers === null
      ? [[DEVELOPMENT_CREDENTIAL_ID, config]]
      : callers.tenants.credentials.map((credential) => [credential.id, { ...config, ...credential }]);
  const { journal, sharedJournal, close: closeStores } = await openStores(stores, safety.dataDir, logger);
  const placements: OrderPlacement[] = [];
  const credentials = new Map(
    oneAtlasConfigs.map(([id, credentialConfig]) => {
      const upstream = createUpstreamServices(id, credentialConfig, safety, logger, sharedRate);
      const placement = new OrderPlacement({
        orderApi: upstream.orderApi,
        journal,
        credentialId: id,
        sharedJournal,
        graceMs: safety.orderOutcomeGraceMs,
        reconcileIntervalMs: safety.reconcileIntervalMs,
        // No send outlives its wait for a turn and its hold: past both (and a minute), it was abandoned.
        abandonedAfterMs: safety.queueWaitMs + safety.callHoldMs + 60_000,
        logger,
      });
      placements.push(placement);
      const orders = new OrderingService({ orderApi: upstream.orderApi, placement, logger });
      return [id, { ...upstream, orders }] as const;
    }),
  );
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
    isOrderJournalReady: () => journal.isReady(),
    logger,
    async close() {
      for (const placement of placements) placement.close();
      await closeStores();
    },
  };
}

/**
 * One token cache, one scheduler per API, one breaker per host and one cache per API, for one API
 * key: the upstream counts requests per account, so everything that paces or shares calls is keyed by
 * the credential that pays for them.
 */
function createUpstreamServices(
  credentialId: string,
  config: OneAtlasConfig,
  safety: SafetyConfig,
  logger: Logger,
  sharedRate: RedisStore | null,
): UpstreamServices {
  const tokens = new TokenProvider({
    authUrl: config.authUrl,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
    logger,
  });
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
        sharedRate === null
          ? undefined
          : new RedisRateGate({
              redis: sharedRate.client,
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
  const orderApi = new OrderApi(orderClient, new MemoryReadCache({ logger }), {
    catalogueMs: safety.catalogueTtlMs,
    taskingMs: safety.taskingTtlMs,
    taskingStaleMs: safety.taskingStaleMs,
  });
  const neoApi = new NeoApi(
    { v1: orderClient, v2: client('order', orderApiV2Url(config.orderUrl), orderQueue) },
    new MemoryReadCache({ logger }),
    { taskingMs: safety.taskingTtlMs, taskingStaleMs: safety.taskingStaleMs },
  );
  const searchQueue = scheduler('search', safety.searchApiMaxRps);
  const searchApi = new SearchApi(
    client('search', config.searchUrl, searchQueue),
    new MemoryReadCache({ logger }),
    // Delivered imagery changes as orders deliver, at the pace of taskings.
    safety.taskingTtlMs,
  );
  return { orderApi, neoApi, searchApi, schedulers: { order: orderQueue, search: searchQueue } };
}
