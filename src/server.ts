import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  ApolloServer,
  type ApolloServerPlugin,
  type BaseContext,
  type GraphQLRequestListener,
  HeaderMap,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Role } from './auth/caller.js';
import {
  DEFAULT_OPERATION_LIMITS,
  operationLimits,
  polygonPositionsPlugin,
  requiredRolesPlugin,
} from './auth/operation-limits.js';
import { loadSecurityConfig, type SecurityConfig } from './config.js';
import {
  type RequestLimits,
  type RequestLogFields,
  RequestScope,
  UNLIMITED_REQUESTS,
} from './datasources/http/request-scope.js';
import { ErrorCode, GatewayError } from './errors.js';
import { FILE_ROUTE_PATH } from './files/file-links.js';
import type { FileRoute } from './files/file-route.js';
import { createGraphiqlHandler } from './graphiql/handler.js';
import { corsHandler } from './http/cors.js';
import { HttpRequestError, pathOf, readJsonBody, searchOf, sendJson } from './http/messages.js';
import type { Logger } from './logger.js';
import { operationTelemetryPlugin } from './observability/graphql-plugin.js';
import { startRequestTrace } from './observability/tracing.js';

const GRAPHQL_PATH = '/graphql';
/** An order with a detailed AOI is a few tens of KB; 1 MB refuses floods without refusing real orders. */
const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** What the context factory sees of an HTTP request. */
export interface GatewayRequest {
  headers: IncomingHttpHeaders;
  /** The id on the response's X-Request-Id header and on every log line of this request. */
  requestId: string;
  /** The request's upstream budget, deadline and caller, for every OneAtlas call it causes. */
  scope: RequestScope;
}

/**
 * What the server needs of a context: the verified caller's roles, for the per-field role check, and
 * the request's scope, whose ids an internal error's log line and answer carry.
 */
export type GatewayServerContext = BaseContext & {
  caller: { roles: ReadonlySet<Role> };
  scope: RequestScope;
};

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
  /** Serves `GET /files/<link>` (quicklooks, downloads, quotation PDFs); default: no file route. */
  fileRoute?: FileRoute;
  /** The gateway's clock (the embedded simulator's in development), GraphiQL's tabs' windows start from; default the system's. */
  now?: () => number;
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
  // Plain node:http: the gateway serves four routes, and a framework's per-request middleware stack
  // cost more CPU than the routes themselves (docs/performance.md).
  const httpServer = createServer(
    // Node checks header and request timeouts on this beat (30 s by default, too late to matter).
    { connectionsCheckingInterval: Math.min(1_000, security.http.headersTimeoutMs) },
    (request, response) => handle(request, response),
  );
  const stopGuarding = guardAgainstSlowClients(httpServer, security.http, logger);
  const limits = operationLimits(DEFAULT_OPERATION_LIMITS);

  const requestLimits = options.requestLimits ?? UNLIMITED_REQUESTS;
  // formatError is given no request: each error is tied to the ids of the request that met it.
  const errorRequests = new WeakMap<object, Readonly<RequestLogFields>>();

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
      // Apollo installs it for a subgraph anyway (traces for the Router, error messages masked), but
      // announces that in a log line before the banner; installed here, it starts silently.
      inlineTraceWhenAsked(),
      // No field carries cache hints, and the default plugin wraps every resolver of every request to
      // compute them; answers are per caller and never cacheable (writeGraphQLResponse says no-store).
      ApolloServerPluginCacheControlDisabled(),
      requiredRolesPlugin<TContext>({ introspection: security.introspection }),
      polygonPositionsPlugin<TContext>(DEFAULT_OPERATION_LIMITS.maxPolygonPositions),
      operationTelemetryPlugin<TContext>(),
      errorRequestsPlugin<TContext>(errorRequests),
    ],
    formatError: (formatted, error) =>
      maskError(
        security.fieldSuggestions ? formatted : withoutSuggestions(formatted),
        error,
        requestOfError(error, errorRequests),
        logger,
      ),
  });
  await apollo.start();

  // The access line holds only what the gateway itself writes (ids, method, path, status, duration),
  // none of it under a key redaction looks for; the redaction pass cost that line more than the
  // rest of its writing (docs/performance.md).
  const accessLog = logger.child({}, { redact: [] });
  const readiness = options.readiness ?? (async () => ({}));
  const cors = corsHandler(security.cors);
  const graphiql = security.graphiql ? createGraphiqlHandler(GRAPHQL_PATH, options.now) : undefined;
  const executeGraphQL = async (
    request: IncomingMessage,
    response: ServerResponse,
    labels: RequestLabels,
  ) => {
    const { requestId } = labels;
    const body = request.method === 'POST' ? await readJsonBody(request, JSON_BODY_LIMIT_BYTES) : undefined;
    // The scope carries the request's upstream budget, deadline and caller (the request id until
    // authentication names the caller); it ends when the response is done or the client goes away,
    // which drops the request's calls still queued towards OneAtlas. The trace (the Router's, or the
    // request's own span with tracing on) is entered after the body is read: the stream's callbacks
    // would lose the async context.
    const trace = startRequestTrace(request.headers);
    labels.traceId = trace?.traceId;
    // Fields named rather than spread: Node 20 copies a spread on a slow path (docs/performance.md).
    const scope = new RequestScope({
      requestId,
      callerKey: requestId,
      traceId: trace?.traceId,
      upstreamCallBudget: requestLimits.upstreamCallBudget,
      deadlineMs: requestLimits.deadlineMs,
    });
    // `on`: 'close' comes once, and `once` would wrap the listener for every request.
    response.on('close', () => {
      scope.close();
      trace?.end(response.statusCode);
    });
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method?.toUpperCase() ?? 'GET',
          headers: headerMapOf(request.headers),
          search: searchOf(request),
          body,
        },
        context: () =>
          options.createContext({ headers: request.headers, requestId, scope }).catch((error: unknown) => {
            // Apollo formats a failed context (no plugin hook sees it) with no request to tie it to.
            if (typeof error === 'object' && error !== null) errorRequests.set(error, scope.logFields);
            throw error;
          }),
      });
    const answer = await (trace === undefined ? execute() : trace.run(execute));
    await writeGraphQLResponse(response, answer);
  };
  const route = async (request: IncomingMessage, response: ServerResponse, labels: RequestLabels) => {
    const path = pathOf(request);
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    // Liveness: the process answers. It never depends on a store, or a store outage would restart every replica.
    if (path === '/healthz' && readOnly) {
      sendJson(response, 200, { status: 'ok' });
    } else if (path === '/readyz' && readOnly) {
      const stores = await readiness();
      const ready = Object.values(stores).every((answers) => answers !== false);
      sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', stores });
    } else if (options.fileRoute && path.startsWith(`${FILE_ROUTE_PATH}/`)) {
      options.fileRoute(request, response);
    } else if (path === GRAPHQL_PATH) {
      if (cors(request, response) || (await graphiql?.(request, response))) return;
      await executeGraphQL(request, response, labels);
    } else if (!(await graphiql?.(request, response))) {
      sendJson(response, 404, { error: 'Not found' });
    }
  };
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const labels = requestIdAndLog(request, response, accessLog);
    route(request, response, labels).catch((error: unknown) =>
      answerHttpError(response, error, labels.requestId, logger),
    );
  };

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

/**
 * Apollo's inline-trace plugin (federated traces, `ftv1`) builds a trace tree for every request before
 * it looks whether the Router asked for one; only a Router's request that asks gets to the plugin.
 */
function inlineTraceWhenAsked(): ApolloServerPlugin {
  const plugin = ApolloServerPluginInlineTrace();
  return {
    // Its internal id comes along, so Apollo does not install a second one for the subgraph.
    ...plugin,
    requestDidStart: async (requestContext) =>
      requestContext.request.http?.headers.get('apollo-federation-include-trace') === 'ftv1'
        ? plugin.requestDidStart?.(requestContext)
        : undefined,
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
  request: Readonly<RequestLogFields> | undefined,
  logger: Logger,
): GraphQLFormattedError {
  if (carriesGatewayError(error)) return formatted;
  if (isVariableErrorLimit(error)) {
    return {
      message: 'The variables hold more problems than are listed here: execution stopped at the 50th.',
      extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT },
    };
  }
  // A field error (it has a path) is never a request error, whatever code its thrower chose.
  if (formatted.path === undefined && REQUEST_ERROR_CODES.has(formatted.extensions?.code)) return formatted;
  const requestId = request?.requestId ?? 'unknown';
  logger.error(
    { ...request, requestId, err: rootCause(error), path: formatted.path },
    'GraphQL request failed',
  );
  return {
    message: 'Internal server error',
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}

/**
 * graphql-js stops coercing variables at its 50th problem and adds this error, which names no variable
 * and so is not one Apollo recognises as the client's: the 50 listed before it are, and so is it.
 */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached. Execution aborted.';

function isVariableErrorLimit(error: unknown): boolean {
  return error instanceof GraphQLError && error.nodes === undefined && error.message === VARIABLE_ERROR_LIMIT;
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

/** graphql-js's "Did you mean …?" in a validation error, with the space before it. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Without introspection (production), suggestions would map out the schema field by field for whoever
 * guesses names: the message keeps what is wrong, not what is near.
 */
function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.message.includes('Did you mean')) return formatted;
  return { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
}

/** The ids of the request an error (or what it wraps) was met in, as `errorRequestsPlugin` recorded them. */
function requestOfError(
  error: unknown,
  errorRequests: WeakMap<object, Readonly<RequestLogFields>>,
): Readonly<RequestLogFields> | undefined {
  for (let current = error; current !== undefined; current = nextCause(current)) {
    const request = typeof current === 'object' && current !== null ? errorRequests.get(current) : undefined;
    if (request !== undefined) return request;
  }
  return undefined;
}

/**
 * Ties each error Apollo meets to its request's ids: `didEncounterErrors` sees the request's context
 * and comes before the errors are formatted. One listener for every request: nothing is built per request.
 */
function errorRequestsPlugin<TContext extends GatewayServerContext>(
  errorRequests: WeakMap<object, Readonly<RequestLogFields>>,
): ApolloServerPlugin<TContext> {
  const listener: GraphQLRequestListener<TContext> = {
    async didEncounterErrors({ contextValue, errors }) {
      for (const error of errors) errorRequests.set(error, contextValue.scope.logFields);
    },
  };
  return { requestDidStart: async () => listener };
}

function nextCause(error: unknown): unknown {
  return error instanceof GraphQLError ? (error.originalError ?? undefined) : undefined;
}

/** What the request's line says about it: its id, and its trace once a GraphQL request has one. */
interface RequestLabels {
  requestId: string;
  traceId: string | undefined;
}

/** Names the request (X-Request-Id) and logs one line for it when it is done. */
function requestIdAndLog(request: IncomingMessage, response: ServerResponse, logger: Logger): RequestLabels {
  const started = process.hrtime.bigint();
  // The path only: a GET's query string holds the whole GraphQL document. A file link is a
  // credential for a few minutes: its token stays out of the log.
  const fullPath = pathOf(request);
  const path = fullPath.startsWith(`${FILE_ROUTE_PATH}/`) ? `${FILE_ROUTE_PATH}/…` : fullPath;
  const offered = request.headers['x-request-id'];
  const requestId = typeof offered === 'string' && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  const labels: RequestLabels = { requestId, traceId: undefined };
  // 'close' fires once, for finished and aborted responses alike: exactly one line per request.
  response.on('close', () => {
    const line = {
      requestId,
      traceId: labels.traceId,
      method: request.method,
      path,
      status: response.statusCode,
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      ...(!response.writableFinished && { aborted: true }),
    };
    if (response.statusCode >= 500) logger.warn(line, 'http request');
    else logger.info(line, 'http request');
  });
  return labels;
}

function headerMapOf(headers: IncomingHttpHeaders): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

async function writeGraphQLResponse(response: ServerResponse, answer: HTTPGraphQLResponse): Promise<void> {
  // Answers depend on the caller (tenant, roles): no shared cache may keep one.
  response.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  response.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    response.setHeader('Content-Length', Buffer.byteLength(answer.body.string));
    response.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) response.write(chunk);
  response.end();
}

/** Body refusals become GraphQL-shaped 4xx answers; anything else a masked 500, logged. */
function answerHttpError(response: ServerResponse, error: unknown, requestId: string, logger: Logger): void {
  if (response.headersSent) {
    logger.error({ requestId, err: error }, 'HTTP request failed after its answer started');
    response.destroy();
    return;
  }
  if (error instanceof HttpRequestError) {
    sendJson(response, error.status, {
      errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST', requestId } }],
    });
    return;
  }
  logger.error({ requestId, err: error }, 'HTTP request failed');
  sendJson(response, 500, {
    errors: [
      { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } },
    ],
  });
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
