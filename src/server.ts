import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Role } from './auth/caller.js';
import { DEFAULT_OPERATION_LIMITS, operationLimits, requiredRolesPlugin } from './auth/operation-limits.js';
import { loadSecurityConfig, type SecurityConfig } from './config.js';
import {
  currentRequestScope,
  type RequestLimits,
  RequestScope,
  runInRequestScope,
  UNLIMITED_REQUESTS,
} from './datasources/http/request-scope.js';
import { ErrorCode, GatewayError } from './errors.js';
import { createGraphiqlRouter } from './graphiql/router.js';
import { corsHandler } from './http/cors.js';
import type { Logger } from './logger.js';
import { operationMetricsPlugin } from './observability/graphql-plugin.js';

const GRAPHQL_PATH = '/graphql';
/** An order with a detailed AOI is a few tens of KB; 1 MB refuses floods without refusing real orders. */
const JSON_BODY_LIMIT = '1mb';

/** What the context factory sees of an HTTP request. */
export interface GatewayRequest {
  headers: IncomingHttpHeaders;
  /** The id on the response's X-Request-Id header and on every log line of this request. */
  requestId: string;
}

/** What the server needs of a context: the verified caller's roles, for the per-field role check. */
export type GatewayServerContext = BaseContext & { caller: { roles: ReadonlySet<Role> } };

/** The HTTP and GraphQL protections; `startGatewayServer` defaults them to development's. */
export type ServerSecurity = Pick<
  SecurityConfig,
  'introspection' | 'graphiql' | 'fieldSuggestions' | 'http' | 'cors'
>;

export interface GatewayServerOptions<TContext extends GatewayServerContext> {
  host: string;
  /** 0 picks a free port; `url` then carries the port actually bound. */
  port: number;
  schema: GraphQLSchema;
  /** Called once per GraphQL request; authenticates the caller (throws UNAUTHENTICATED). */
  createContext: (request: GatewayRequest) => Promise<TContext>;
  logger: Logger;
  security?: ServerSecurity;
  /** Each GraphQL request's upstream-call budget and deadline; default none. */
  requestLimits?: RequestLimits;
  /**
   * Whether each store answers now, for `/readyz`: a replica whose journal or shared store does not
   * answer refuses orders, so a load balancer should send its traffic elsewhere. Null marks an
   * embedded store (nothing to reach). Default: nothing to check.
   */
  readiness?: () => Promise<Record<string, boolean | null>>;
}

export interface GatewayServer {
  /** `http://host:port`, with `localhost` for a wildcard host, so it can be opened as is. */
  url: string;
  /** Stops taking connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

/**
 * Errors Apollo and graphql-js raise about the request itself (unparsable, invalid against the
 * schema, variables that do not coerce, unknown operation). Their messages describe the client's
 * own query, so they are safe to return as they are.
 */
const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/** Accepted from a client's X-Request-Id; anything else (log injection, huge values) is replaced. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function startGatewayServer<TContext extends GatewayServerContext>(
  options: GatewayServerOptions<TContext>,
): Promise<GatewayServer> {
  const { logger } = options;
  const security = options.security ?? loadSecurityConfig({});
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(
    // Node checks header and request timeouts on this beat (30 s by default, too late to matter).
    { connectionsCheckingInterval: Math.min(1_000, security.http.headersTimeoutMs) },
    app,
  );
  const stopGuarding = guardAgainstSlowClients(httpServer, security.http, logger);
  const limits = operationLimits({
    ...DEFAULT_OPERATION_LIMITS,
    fieldSuggestions: security.fieldSuggestions,
  });

  const requestLimits = options.requestLimits ?? UNLIMITED_REQUESTS;

  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    // Not Apollo's NODE_ENV default: GRAPHQL_INTROSPECTION decides (GraphiQL needs it).
    introspection: security.introspection,
    includeStacktraceInErrorResponses: false,
    // Both are Apollo's defaults, stated because the security model relies on them: a browser cannot
    // send a simple (CSRF-able) request, and one HTTP request carries one operation.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // main.ts owns signal handling (drain the server, then stop the simulator).
    stopOnTerminationSignals: false,
    logger: logger.child({ component: 'apollo' }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's landing pages load from a CDN; we serve GraphiQL ourselves.
      ApolloServerPluginLandingPageDisabled(),
      ...(limits.plugins as ApolloServerPlugin<TContext>[]),
      requiredRolesPlugin<TContext>(),
      operationMetricsPlugin<TContext>(),
    ],
    formatError: (formatted, error) =>
      // formatError gets no request, so the request id reaches it through the request scope.
      maskError(formatted, error, currentRequestScope()?.requestId ?? 'unknown', logger),
  });
  await apollo.start();

  app.use(requestIdAndLog(logger));
  // Liveness: the process answers. It never depends on a store, or a store outage would restart every replica.
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  const readiness = options.readiness ?? (async () => ({}));
  app.get('/readyz', async (_request, response) => {
    const stores = await readiness();
    const ready = Object.values(stores).every((answers) => answers !== false);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', stores });
  });
  app.use(GRAPHQL_PATH, corsHandler(security.cors));
  if (security.graphiql) app.use(await createGraphiqlRouter(GRAPHQL_PATH));
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: JSON_BODY_LIMIT }),
    // Entered after body parsing: the parser's stream callbacks would lose the async context.
    // The scope carries the request's upstream budget, deadline and caller (the request id until
    // authentication names the caller); it ends when the response is done or the client goes away,
    // which drops the request's calls still queued towards OneAtlas.
    (_request, response, next) => {
      const requestId = requestIdOf(response);
      const scope = new RequestScope({ requestId, callerKey: requestId, ...requestLimits });
      response.once('close', () => scope.close());
      runInRequestScope(scope, next);
    },
    expressMiddleware(apollo, {
      context: ({ req, res }) => options.createContext({ headers: req.headers, requestId: requestIdOf(res) }),
    }),
  );
  app.use((_request, response) => {
    response.status(404).json({ error: 'Not found' });
  });
  app.use(handleHttpError(logger));

  try {
    await listen(httpServer, options.host, options.port);
  } catch (error) {
    stopGuarding();
    await apollo.stop();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${urlHost(options.host)}:${port}`,
    close: async () => {
      await apollo.stop();
      stopGuarding();
    },
  };
}

/** How often the counts of refused slow or surplus clients are logged, when there are any. */
const GUARD_LOG_INTERVAL_MS = 5_000;

/**
 * Header, request and keep-alive timeouts and a connection cap, so slow or numerous sockets cannot
 * make the gateway unreachable. What they refuse is logged as counts every few seconds, not one line
 * per socket: a thousand slow sockets must not become a thousand log lines.
 */
function guardAgainstSlowClients(server: Server, limits: SecurityConfig['http'], logger: Logger): () => void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  const counts = { timedOut: 0, malformed: 0, overCap: 0 };
  // Node answers a timed-out or malformed request itself unless someone listens; then we must.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A client that hung up is not refused by us: nothing to answer or count.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (timedOut) counts.timedOut += 1;
    else counts.malformed += 1;
    socket.end(
      timedOut
        ? 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n'
        : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
    );
    socket.destroySoon();
  });
  server.on('drop', () => {
    counts.overCap += 1;
  });
  const flush = () => {
    if (counts.timedOut + counts.malformed + counts.overCap === 0) return;
    logger.warn(
      { ...counts, ...limits },
      'HTTP clients refused: too slow to send their request, malformed, or over the connection cap',
    );
    counts.timedOut = 0;
    counts.malformed = 0;
    counts.overCap = 0;
  };
  const timer = setInterval(flush, GUARD_LOG_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    flush();
  };
}

/**
 * Only GatewayErrors (ours, written for clients) and Apollo's request errors keep their message.
 * Anything else, typically a plain Error from a bug or a library, may carry upstream bodies, URLs
 * or keys: the client gets a fixed message and the request id, the log gets the real error.
 */
function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  requestId: string,
  logger: Logger,
): GraphQLFormattedError {
  if (carriesGatewayError(error)) return formatted;
  // A field error (it has a path) is never a request error, whatever code its thrower chose.
  if (formatted.path === undefined && REQUEST_ERROR_CODES.has(formatted.extensions?.code)) return formatted;
  logger.error({ requestId, err: rootCause(error), path: formatted.path }, 'GraphQL request failed');
  return {
    message: 'Internal server error',
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}

/**
 * graphql-js wraps what resolvers and scalars throw (a located field error, a variable coercion
 * error), and Apollo wraps context failures: the GatewayError can sit anywhere down the chain.
 */
function carriesGatewayError(error: unknown): boolean {
  for (let current = error; current !== undefined; current = nextCause(current)) {
    if (current instanceof GatewayError) return true;
  }
  return false;
}

function rootCause(error: unknown): unknown {
  let current = error;
  for (let next = nextCause(current); next !== undefined; next = nextCause(next)) current = next;
  return current;
}

function nextCause(error: unknown): unknown {
  return error instanceof GraphQLError ? (error.originalError ?? undefined) : undefined;
}

function requestIdAndLog(logger: Logger): express.RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    // Read now: routers mounted on a path rewrite request.url while they handle it.
    // The path only: a GET's query string holds the whole GraphQL document.
    const path = request.path;
    const offered = request.get('x-request-id');
    const requestId = offered !== undefined && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
    response.locals.requestId = requestId;
    response.set('X-Request-Id', requestId);
    // 'close' fires for finished and aborted responses alike: exactly one line per request.
    response.on('close', () => {
      const line = {
        requestId,
        method: request.method,
        path,
        status: response.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(!response.writableFinished && { aborted: true }),
      };
      if (response.statusCode >= 500) logger.warn(line, 'http request');
      else logger.info(line, 'http request');
    });
    next();
  };
}

function requestIdOf(response: express.Response | undefined): string {
  const requestId: unknown = response?.locals.requestId;
  return typeof requestId === 'string' ? requestId : 'unknown';
}

/** Body-parser failures become GraphQL-shaped 4xx answers; nothing else may reach Express's HTML error page. */
function handleHttpError(logger: Logger): express.ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    const requestId = requestIdOf(response);
    const status = httpStatusOf(error);
    if (status !== undefined && status < 500) {
      const message = error instanceof Error ? error.message : 'Bad request';
      response.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST', requestId } }] });
      return;
    }
    logger.error({ requestId, err: error }, 'HTTP request failed');
    response.status(500).json({
      errors: [
        {
          message: 'Internal server error',
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
        },
      ],
    });
  };
}

/** body-parser's errors (malformed JSON, too large, wrong charset) carry the status to answer with. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
