/**
 * The OneAtlas simulator: one HTTP server, one origin, serving the paths of Airbus' three hosts (the
 * Keycloak token endpoint, the order API under /api/v1, the search API under /api/v2) plus a control
 * interface for tests under /__simulator/. It is an independent implementation written from the
 * tasking guide and the API notes; it shares only the wire types with the gateway.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import type { WireErrorCode, WireErrorCodeMessage } from '../datasources/oneatlas/wire/types.js';
import { accessApiRouter } from './access-api.js';
import { requireBearerToken, TokenRegistry, tokenEndpoint } from './auth.js';
import { controlRouter, FaultRegistry, RequestLog, TOKEN_PATH } from './control.js';
import { dataApiRouter } from './data-api.js';
import { neoOrderApiRouter, neoOrderSearchRouter } from './neo-api.js';
import { orderApiRouter } from './order-api.js';
import { RateLimiter, rateLimited } from './rate-limit.js';
import { isRecord } from './request-parsing.js';
import { ACCESS_API_BASE, searchApiRouter } from './search-api.js';
import {
  SEEDED_LEGACY_CONTRACT_ID,
  SEEDED_LEGACY_WORKSPACE_ID,
  SEEDED_SECOND_LEGACY_CONTRACT_ID,
  seedState,
} from './seed.js';
import { simulatedNow } from './state.js';
import { openStateStore } from './store.js';
import { UpstreamError } from './upstream-error.js';

export interface SimulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** The API key that works; default 'simulator-api-key'. */
  apiKey?: string;
  /** More keys that work, for several accounts at once; each key has its own rate limit and ban. */
  otherApiKeys?: readonly string[];
  /** Lifetime of an access token in real seconds; default 3600 like Airbus. */
  tokenTtlSeconds?: number;
  /** Ordering API (/api/v1) calls allowed per second per API key; default 1 like Airbus. */
  orderApiMaxRps?: number;
  /** Ban after exceeding the ordering limit, in seconds; default 600 like Airbus. */
  orderApiBanSeconds?: number;
  /** Search API (/api/v2) calls allowed per second per API key; default 100 like Airbus. */
  searchApiMaxRps?: number;
  /** When set, state is loaded from and saved to this JSON file after each change. */
  stateFile?: string;
  /** There is no clock speed: simulated time is real time plus an offset advanced by the control API. */
  clockSpeed?: never;
}

/** Where a client finds each of the three OneAtlas APIs on this simulator (the paths Airbus uses). */
export interface SimulatorEndpoints {
  /** The Keycloak token endpoint. */
  authUrl: string;
  /** The order API's base (/api/v1). */
  orderUrl: string;
  /** The search API's base (/api/v2). */
  searchUrl: string;
  /** The data API's base, where `/me` is (Airbus' data host; here beside the order API). */
  dataUrl: string;
  /** Where delivered imagery's files are (Airbus' access host; here under /access). */
  accessUrl: string;
}

/** The base paths the simulator mounts each API under; only this module writes them out. */
const ORDER_API_BASE = '/api/v1';
const SEARCH_API_BASE = '/api/v2';

export interface RunningSimulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43210. */
  url: string;
  /** The URL of each API, so clients never spell out the simulator's layout themselves. */
  endpoints: SimulatorEndpoints;
  apiKey: string;
  /** The seeded legacy (Pléiades & SPOT) contract. */
  contractId: string;
  /** That contract's workspace, where delivered acquisitions appear. */
  workspaceId: string;
  /** The simulated time (ms since the epoch): real time plus what the control API advanced. */
  now(): number;
  close(): Promise<void>;
}

const MALFORMED_BODY: WireErrorCodeMessage = {
  errorCode: 'MALFORMED_BODY',
  message: 'The request body is not valid JSON.',
};
const UNEXPECTED_SERVER_ERROR: WireErrorCode = { code: 'UNEXPECTED_SERVER_ERROR' };

/** Writes thrown UpstreamErrors as they are; anything unexpected is the upstream's bare 500, never a stack. */
const answerErrors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof UpstreamError) {
    res.set(error.headers).status(error.status).json(error.body);
    return;
  }
  // body-parser's own errors (invalid JSON, too large, bad charset) carry a 4xx status.
  if (isRecord(error) && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    res.status(400).json(MALFORMED_BODY);
    return;
  }
  res.status(500).json(UNEXPECTED_SERVER_ERROR);
};

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const apiKey = options.apiKey ?? 'simulator-api-key';
  const store = openStateStore(options.stateFile, () => seedState(Date.now()));
  const tokens = new TokenRegistry(options.tokenTtlSeconds ?? 3600);
  const orderLimiter = new RateLimiter(options.orderApiMaxRps ?? 1, options.orderApiBanSeconds ?? 600);
  const searchLimiter = new RateLimiter(options.searchApiMaxRps ?? 100, 0);
  const log = new RequestLog();
  const faults = new FaultRegistry();

  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/__simulator',
    express.json(),
    controlRouter({
      store,
      log,
      faults,
      clearRateLimits: () => {
        orderLimiter.clear();
        searchLimiter.clear();
      },
    }),
  );
  app.use(log.recorder(() => store.view(simulatedNow)));
  app.use(faults.injector());
  app.post(
    TOKEN_PATH,
    express.urlencoded({ extended: false }),
    tokenEndpoint(new Set([apiKey, ...(options.otherApiKeys ?? [])]), tokens),
  );
  app.use('/api', requireBearerToken(tokens));
  // The data API's /me, another host on Airbus: not paced like the ordering API. The main key's
  // contract is the seeded legacy one; every other key's, the second legacy contract.
  const contractOf = (key: string) =>
    key === apiKey ? SEEDED_LEGACY_CONTRACT_ID : SEEDED_SECOND_LEGACY_CONTRACT_ID;
  app.use(`${ORDER_API_BASE}/me`, rateLimited(searchLimiter, 'data API'), dataApiRouter(store, contractOf));
  app.use(
    ORDER_API_BASE,
    rateLimited(orderLimiter, 'ordering API'),
    express.json({ limit: '2mb' }),
    orderApiRouter(store),
    neoOrderApiRouter(store),
  );
  // Neo's order search is on the order host, under /api/v2: paced like every ordering call.
  app.use(
    '/api/v2/orders',
    rateLimited(orderLimiter, 'ordering API'),
    express.json({ limit: '2mb' }),
    neoOrderSearchRouter(store),
  );
  app.use(
    SEARCH_API_BASE,
    rateLimited(searchLimiter, 'search API'),
    express.json({ limit: '2mb' }),
    searchApiRouter(store),
  );
  // The access host's files, paced like the search API (same foundation platform).
  app.use(
    ACCESS_API_BASE,
    requireBearerToken(tokens),
    rateLimited(searchLimiter, 'access API'),
    accessApiRouter(store),
  );
  app.use((req, res) => {
    const body: WireErrorCodeMessage = {
      errorCode: 'NOT_FOUND',
      message: `No route for ${req.method} ${req.path}.`,
    };
    res.status(404).json(body);
  });
  app.use(answerErrors);

  const server = createServer(app);
  const address = await listen(server, host, options.port ?? 0);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  return {
    url,
    endpoints: {
      authUrl: url + TOKEN_PATH,
      orderUrl: url + ORDER_API_BASE,
      searchUrl: url + SEARCH_API_BASE,
      dataUrl: url + ORDER_API_BASE,
      accessUrl: url + ACCESS_API_BASE,
    },
    apiKey,
    contractId: SEEDED_LEGACY_CONTRACT_ID,
    workspaceId: SEEDED_LEGACY_WORKSPACE_ID,
    now: () => store.view(simulatedNow),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
