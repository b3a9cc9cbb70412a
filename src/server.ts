import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { ErrorCode, GatewayError } from './errors.js';
import { createGraphiqlRouter } from './graphiql/router.js';
import type { Logger } from './logger.js';

const GRAPHQL_PATH = '/graphql';
const JSON_BODY_LIMIT = '1mb';

/** What the context factory sees of an HTTP request. */
export interface GatewayRequest {
  headers: IncomingHttpHeaders;
  /** The id on the response's X-Request-Id header and on every log line of this request. */
  requestId: string;
}

export interface GatewayServerOptions<TContext extends BaseContext> {
  host: string;
  /** 0 picks a free port; `url` then carries the port actually bound. */
  port: number;
  schema: GraphQLSchema;
  /** Called once per GraphQL request. */
  createContext: (request: GatewayRequest) => Promise<TContext>;
  logger: Logger;
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

export async function startGatewayServer<TContext extends BaseContext>(
  options: GatewayServerOptions<TContext>,
): Promise<GatewayServer> {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const graphiql = await createGraphiqlRouter(GRAPHQL_PATH);

  // formatError gets no request, so the request id reaches it through the async context.
  const requestScope = new AsyncLocalStorage<string>();

  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    // GraphiQL needs introspection, and Apollo turns it off when NODE_ENV=production.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns signal handling (drain the server, then stop the simulator).
    stopOnTerminationSignals: false,
    logger: logger.child({ component: 'apollo' }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's landing pages load from a CDN; we serve GraphiQL ourselves.
      ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: (formatted, error) =>
      maskError(formatted, error, requestScope.getStore() ?? 'unknown', logger),
  });
  await apollo.start();

  app.use(requestIdAndLog(logger));
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.use(graphiql);
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: JSON_BODY_LIMIT }),
    // Entered after body parsing: the parser's stream callbacks would lose the async context.
    (_request, response, next) => requestScope.run(requestIdOf(response), next),
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
    await apollo.stop();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${urlHost(options.host)}:${port}`,
    close: () => apollo.stop(),
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
