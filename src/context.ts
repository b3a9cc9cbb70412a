import type { IncomingHttpHeaders } from 'node:http';
import { createLoaders, type Loaders } from './datasources/loaders.js';
import type { OrderApi } from './datasources/oneatlas/order-api.js';
import type { SearchApi } from './datasources/oneatlas/search-api.js';
import type { OrderPlacement } from './datasources/orders/order-placement.js';
import type { Gateway } from './gateway.js';
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

/** What the context factory sees of one HTTP request. */
export interface ContextRequest {
  headers: IncomingHttpHeaders;
  requestId?: string;
}

export type ContextFactory = (request: ContextRequest) => Promise<GatewayContext>;

/** Headers a client may name itself with (Apollo's convention first); kept short and printable. */
const CALLER_HEADERS = ['apollographql-client-name', 'x-requested-by'] as const;

/**
 * The per-request context: it picks the long-lived services from the gateway and adds what lives
 * for one request only (the DataLoaders, so a request never sees another's batches, and the caller).
 */
export function createContextFactory(gateway: Gateway): ContextFactory {
  const { upstream, orders, defaults, logger } = gateway;
  return async (request) => ({
    orderApi: upstream.orderApi,
    searchApi: upstream.searchApi,
    orders,
    loaders: createLoaders(upstream.orderApi),
    defaults,
    caller: { requestedBy: callerName(request.headers), requestId: request.requestId ?? null },
    logger,
  });
}

function callerName(headers: IncomingHttpHeaders): string | null {
  for (const name of CALLER_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && /^[\w .@:/-]{1,128}$/.test(value)) return value;
  }
  return null;
}
