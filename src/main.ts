import 'reflect-metadata';
import { startupBanner } from './banner.js';
import { assertCallersConfigured, type Config, ConfigError, loadConfig } from './config.js';
import { createContextFactory } from './context.js';
import { lockDataDir } from './data-dir-lock.js';
import { requestLimitsOf } from './datasources/http/request-scope.js';
import { resolveUpstream } from './embedded-simulator.js';
import { createFileRoute } from './files/file-route.js';
import { createGateway, type Gateway } from './gateway.js';
import { listenFailure } from './listen-errors.js';
import { createStdoutLogger } from './logger.js';
import { startMetricsServer } from './observability/metrics-server.js';
import { startTracing } from './observability/tracing.js';
import { buildGatewaySchema } from './schema/build-schema.js';
import { startGatewayServer } from './server.js';

/** `npm start`: the gateway, on Airbus when an API key is configured, else on the embedded simulator. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { logger, flush: flushLogs } = createStdoutLogger(config.logLevel);
  // Before anything serves a request, so that every request has its span.
  const stopTracing =
    config.observability.tracing === null ? null : await startTracing(config.observability.tracing, logger);

  // Before anything opens a file there: the journal and the simulator's state assume one process.
  const lock = usesDataDir(config) ? lockDataDir(config.safety.dataDir) : null;
  const { oneAtlas, simulator } = await resolveUpstream(config);

  const { tenants, jwt } = config.security;
  const callers = tenants === null ? null : { tenants, jwt };
  // On the embedded simulator, its clock: deadlines and windows move when it is advanced.
  const now = simulator === null ? Date.now : simulator.now;
  // The port is bound before the journal opens: a second gateway on a port in use fails without
  // recovering (settling) anything of the journal. Requests arriving meanwhile wait for it.
  let gatewayStarted: (gateway: Gateway) => void = () => undefined;
  const gatewayReady = new Promise<Gateway>((resolve) => {
    gatewayStarted = resolve;
  });
  const contextFactory = gatewayReady.then(createContextFactory);
  const fileRoute = gatewayReady.then((gateway) => createFileRoute(gateway, requestLimitsOf(config.safety)));
  const server = await startGatewayServer({
    host: config.host,
    port: config.port,
    schema: await buildGatewaySchema(),
    createContext: async (request) => (await contextFactory)(request),
    logger,
    requestLimits: requestLimitsOf(config.safety),
    security: config.security,
    readiness: async () => (await gatewayReady).readiness(),
    fileRoute: (request, response) => void fileRoute.then((route) => route(request, response)),
    now,
  }).catch((error: unknown) => {
    throw listenFailure(error, {
      host: config.host,
      port: config.port,
      hostVariable: 'HOST',
      portVariable: 'PORT',
    });
  });
  const gateway = await createGateway({
    oneAtlas,
    safety: config.safety,
    logger,
    callers,
    stores: config.stores,
    files: config.files,
    now,
  });
  gatewayStarted(gateway);
  const metricsConfig = config.observability.metrics;
  const metrics =
    metricsConfig === null
      ? null
      : await startMetricsServer(metricsConfig, logger).catch((error: unknown) => {
          const { host, port } = metricsConfig;
          throw listenFailure(error, {
            host,
            port,
            hostVariable: 'METRICS_HOST',
            portVariable: 'METRICS_PORT',
          });
        });

  process.stdout.write(
    startupBanner({
      graphqlUrl: `${server.url}/graphql`,
      developmentMode: callers === null,
      upstreams:
        tenants === null
          ? [{ id: null, orderUrl: oneAtlas.orderUrl }]
          : tenants.credentials.map(({ id, orderUrl }) => ({ id, orderUrl })),
      simulator,
    }),
  );
  if (metrics !== null) logger.info({ url: `${metrics.url}/metrics` }, 'Prometheus metrics served');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    // A second signal means the operator does not want to wait for the drain.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    server
      .close()
      // After the drain: in-flight orders finish writing to the journal before it closes.
      .then(() => gateway.close())
      // Last of the servers: a scrape during the drain still sees the requests finishing.
      .then(() => metrics?.close())
      // The last spans (the drained requests') are exported before the process ends.
      .then(() => stopTracing?.())
      .then(() => simulator?.close())
      .then(() => lock?.release())
      .then(
        () => 0,
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          return 1;
        },
      )
      // Log lines are written asynchronously: the last ones (the shutdown's own) reach stdout first.
      .then((exitCode) => flushLogs().finally(() => process.exit(exitCode)));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** The SQLite journal and the embedded simulator's state live in GATEWAY_DATA_DIR. */
function usesDataDir(config: Config): boolean {
  return config.stores.database === null || config.oneAtlas === null;
}

function loadConfigOrExit(): Config {
  try {
    const config = loadConfig();
    assertCallersConfigured(config);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The one line an operator needs; a stack trace would only bury it.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // A configuration problem found while starting is one line, like those loadConfig finds.
  const detail =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`oneatlas-gateway failed to start: ${detail}\n`);
  process.exit(1);
});
