import 'reflect-metadata';
import { assertCallersConfigured, type Config, ConfigError, loadConfig } from './config.js';
import { createContextFactory } from './context.js';
import { requestLimitsOf } from './datasources/http/request-scope.js';
import { resolveUpstream } from './embedded-simulator.js';
import { createGateway } from './gateway.js';
import { createStdoutLogger } from './logger.js';
import { startMetricsServer } from './observability/metrics-server.js';
import { buildGatewaySchema } from './schema/build-schema.js';
import { startGatewayServer } from './server.js';

/** `npm start`: the gateway, on Airbus when an API key is configured, else on the embedded simulator. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { logger, flush: flushLogs } = createStdoutLogger(config.logLevel);

  const { oneAtlas, simulator } = await resolveUpstream(config);

  const { tenants, jwt } = config.security;
  const callers = tenants === null ? null : { tenants, jwt };
  const gateway = await createGateway({
    oneAtlas,
    safety: config.safety,
    logger,
    callers,
    stores: config.stores,
  });
  const server = await startGatewayServer({
    host: config.host,
    port: config.port,
    schema: await buildGatewaySchema(),
    createContext: createContextFactory(gateway),
    logger,
    requestLimits: requestLimitsOf(config.safety),
    security: config.security,
    readiness: () => gateway.readiness(),
  });
  const metrics =
    config.observability.metrics === null
      ? null
      : await startMetricsServer(config.observability.metrics, logger);
  if (metrics !== null) logger.info({ url: `${metrics.url}/metrics` }, 'Prometheus metrics served');
  if (callers === null) {
    process.stdout.write(
      '*** DEVELOPMENT MODE: no GATEWAY_TENANTS_FILE, so every caller is trusted with every role and contract of the simulator. Never expose this gateway. ***\n',
    );
  }

  const graphiql = `${server.url}/graphql`;
  process.stdout.write(
    simulator === null
      ? `oneatlas-gateway talks to Airbus OneAtlas (${oneAtlas.orderUrl}); GraphiQL at ${graphiql}\n`
      : `oneatlas-gateway runs on the embedded OneAtlas simulator (no ONEATLAS_API_KEY set); GraphiQL at ${graphiql}\n`,
  );

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
      .then(() => simulator?.close())
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
