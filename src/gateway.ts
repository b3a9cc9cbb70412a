import type { OneAtlasConfig, SafetyConfig } from './config.js';
import { TokenProvider } from './datasources/auth/token-provider.js';
import { CircuitBreakers } from './datasources/http/circuit-breaker.js';
import { MemoryReadCache } from './datasources/http/read-cache.js';
import { createUpstreamScheduler, UpstreamClient } from './datasources/http/upstream-client.js';
import { upstreamErrorFromResponse } from './datasources/oneatlas/errors.js';
import { OrderApi } from './datasources/oneatlas/order-api.js';
import { SearchApi } from './datasources/oneatlas/search-api.js';
import { OrderJournal } from './datasources/orders/order-journal.js';
import { OrderPlacement } from './datasources/orders/order-placement.js';
import type { Logger } from './logger.js';

/** The clients of one OneAtlas credential: its token, schedulers, breakers, caches and APIs. */
export interface UpstreamServices {
  orderApi: OrderApi;
  searchApi: SearchApi;
}

/**
 * The composition root: every long-lived service of one gateway process, built once from the
 * configuration and closed once. The per-request context (`src/context.ts`) only picks from it.
 */
export interface Gateway {
  /** The services of the configured OneAtlas credential. */
  upstream: UpstreamServices;
  /** Idempotent, journaled ordering. */
  orders: OrderPlacement;
  /** Where a query or mutation omits its contract or workspace. */
  defaults: { contractId: string; workspaceId: string | undefined };
  logger: Logger;
  /** Stops background work and closes the stores; call after the HTTP server has drained. */
  close(): Promise<void>;
}

export function createGateway(config: OneAtlasConfig, safety: SafetyConfig, logger: Logger): Gateway {
  const upstream = createUpstreamServices(config, safety, logger);
  const journal = OrderJournal.open(safety.dataDir);
  const orders = new OrderPlacement({
    orderApi: upstream.orderApi,
    journal,
    graceMs: safety.orderOutcomeGraceMs,
    reconcileIntervalMs: safety.reconcileIntervalMs,
    logger,
  });
  return {
    upstream,
    orders,
    defaults: { contractId: config.contractId, workspaceId: config.workspaceId },
    logger,
    async close() {
      orders.close();
      journal.close();
    },
  };
}

/**
 * One token cache, one scheduler per API, one breaker per host and one cache per API, for one API
 * key: the upstream counts requests per account, so everything that paces or shares calls is keyed by
 * the credential that pays for them.
 */
function createUpstreamServices(
  config: OneAtlasConfig,
  safety: SafetyConfig,
  logger: Logger,
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
  const client = (upstream: 'order' | 'search', baseUrl: string, maxRps: number) =>
    new UpstreamClient({
      upstream,
      baseUrl,
      tokens,
      readFailure: upstreamErrorFromResponse,
      timeoutMs: config.timeoutMs,
      holdMs: safety.callHoldMs,
      logger,
      scheduler: createUpstreamScheduler({
        upstream,
        maxRps,
        maxQueue: safety.queueSize,
        maxWaitMs: safety.queueWaitMs,
        maxPauseMs: safety.maxPauseMs,
        logger,
      }),
      breaker: breakers.forUrl(baseUrl),
      retry: { attempts: safety.retryAttempts, baseMs: 200, capMs: 5_000 },
    });
  // One cache per API, like the schedulers: a key names a path, not the API it belongs to.
  const orderApi = new OrderApi(
    client('order', config.orderUrl, safety.orderApiMaxRps),
    new MemoryReadCache({ logger }),
    {
      catalogueMs: safety.catalogueTtlMs,
      taskingMs: safety.taskingTtlMs,
      taskingStaleMs: safety.taskingStaleMs,
    },
  );
  const searchApi = new SearchApi(
    client('search', config.searchUrl, safety.searchApiMaxRps),
    new MemoryReadCache({ logger }),
    // Delivered imagery changes as orders deliver, at the pace of taskings.
    safety.taskingTtlMs,
  );
  return { orderApi, searchApi };
}
