import type { IncomingHttpHeaders } from 'node:http';
import type { OneAtlasConfig } from './config.js';
import { TokenProvider } from './datasources/auth/token-provider.js';
import { UpstreamClient } from './datasources/http/upstream-client.js';
import { createLoaders, type Loaders } from './datasources/loaders.js';
import { OrderApi } from './datasources/oneatlas/order-api.js';
import { SearchApi } from './datasources/oneatlas/search-api.js';
import type { Logger } from './logger.js';

/** What every resolver receives: the datasources, this request's loaders, and the configured defaults. */
export interface GatewayContext {
  orderApi: OrderApi;
  searchApi: SearchApi;
  loaders: Loaders;
  defaults: { contractId: string; workspaceId: string | undefined };
  logger: Logger;
}

/**
 * The token cache and HTTP clients live as long as the process (one token per API key); the
 * DataLoaders live for one request, so a request never sees another's cached answers.
 */
export function createContextFactory(
  config: OneAtlasConfig,
  logger: Logger,
): (request: { headers: IncomingHttpHeaders }) => Promise<GatewayContext> {
  const tokens = new TokenProvider({
    authUrl: config.authUrl,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
    logger,
  });
  const client = (upstream: 'order' | 'search', baseUrl: string) =>
    new UpstreamClient({ upstream, baseUrl, tokens, timeoutMs: config.timeoutMs, logger });
  const orderApi = new OrderApi(client('order', config.orderUrl));
  const searchApi = new SearchApi(client('search', config.searchUrl));
  const defaults = { contractId: config.contractId, workspaceId: config.workspaceId };
  return async () => ({ orderApi, searchApi, loaders: createLoaders(orderApi), defaults, logger });
}
