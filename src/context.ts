import type { IncomingHttpHeaders } from 'node:http';
import type { OneAtlasConfig, SafetyConfig } from './config.js';
import { loadSafetyConfig } from './config.js';
import { TokenProvider } from './datasources/auth/token-provider.js';
import { CircuitBreakers } from './datasources/http/circuit-breaker.js';
import { ReadCache } from './datasources/http/read-cache.js';
import { createUpstreamScheduler, UpstreamClient } from './datasources/http/upstream-client.js';
import { createLoaders, type Loaders } from './datasources/loaders.js';
import { OrderApi } from './datasources/oneatlas/order-api.js';
import { SearchApi } from './datasources/oneatlas/search-api.js';
import { OrderJournal } from './datasources/orders/order-journal.js';
import { OrderPlacement } from './datasources/orders/order-placement.js';
import type { Logger } from './logger.js';

/** What every resolver receives: the datasources, this request's loaders, and the configured defaults. */
export interface GatewayContext {
  orderApi: OrderApi;
  searchApi: SearchApi;
  /** Idempotent, journaled ordering. */
  orders: OrderPlacement;
  loaders: Loaders;
  defaults: { contractId: string; workspaceId: string | undefined };
  /** Who is calling, for the order journal. */
  caller: { requestedBy: string | null; requestId: string | null };
  logger: Logger;
}

/** The context factory, and `close` to stop background work and close the order journal. */
export type ContextFactory = ((request: {
  headers: IncomingHttpHeaders;
  requestId?: string;
}) => Promise<GatewayContext>) & { close(): Promise<void> };

/** Headers a client may name itself with (Apollo's convention first); kept short and printable. */
const CALLER_HEADERS = ['apollographql-client-name', 'x-requested-by'] as const;

/**
 * The token cache, schedulers, breakers, caches and order journal live as long as the process (one
 * set per API key); the DataLoaders live for one request, so a request never sees another's
 * per-request batches.
 */
export function createContextFactory(
  config: OneAtlasConfig,
  logger: Logger,
  safety: SafetyConfig = loadSafetyConfig({}),
): ContextFactory {
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
      timeoutMs: config.timeoutMs,
      logger,
      scheduler: createUpstreamScheduler({
        upstream,
        maxRps,
        maxQueue: safety.queueSize,
        maxWaitMs: safety.queueWaitMs,
        logger,
      }),
      breaker: breakers.forUrl(baseUrl),
      retry: { attempts: safety.retryAttempts, baseMs: 200, capMs: 5_000 },
    });
  // One cache per API, like the schedulers: a key names a path, not the API it belongs to.
  const orderApi = new OrderApi(
    client('order', config.orderUrl, safety.orderApiMaxRps),
    new ReadCache({ logger }),
    {
      catalogueMs: safety.catalogueTtlMs,
      taskingMs: safety.taskingTtlMs,
      taskingStaleMs: safety.taskingStaleMs,
    },
  );
  const searchApi = new SearchApi(
    client('search', config.searchUrl, safety.searchApiMaxRps),
    new ReadCache({ logger }),
    // Delivered imagery changes as orders deliver, at the pace of taskings.
    safety.taskingTtlMs,
  );
  const journal = OrderJournal.open(safety.dataDir);
  const orders = new OrderPlacement({
    orderApi,
    journal,
    graceMs: safety.orderOutcomeGraceMs,
    reconcileIntervalMs: safety.reconcileIntervalMs,
    logger,
  });
  const defaults = { contractId: config.contractId, workspaceId: config.workspaceId };
  const factory = async (request: { headers: IncomingHttpHeaders; requestId?: string }) => ({
    orderApi,
    searchApi,
    orders,
    loaders: createLoaders(orderApi),
    defaults,
    caller: { requestedBy: callerName(request.headers), requestId: request.requestId ?? null },
    logger,
  });
  return Object.assign(factory, {
    async close() {
      orders.close();
      journal.close();
    },
  });
}

function callerName(headers: IncomingHttpHeaders): string | null {
  for (const name of CALLER_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && /^[\w .@:/-]{1,128}$/.test(value)) return value;
  }
  return null;
}
