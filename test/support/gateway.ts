import type { OneAtlasConfig } from '../../src/config.js';
import { createContextFactory } from '../../src/context.js';
import { oneAtlasConfigForSimulator } from '../../src/embedded-simulator.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { startGatewayServer } from '../../src/server.js';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../src/simulator/index.js';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface TestStack {
  simulator: RunningSimulator;
  gatewayUrl: string;
  /** POSTs one operation to the gateway's /graphql over real HTTP. */
  graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<TData>>;
  /** Calls the simulator's control interface (/__simulator/...). */
  control<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  simulator?: SimulatorOptions;
  /** Adjusts the gateway's OneAtlas configuration derived from the simulator (e.g. a shorter timeout). */
  oneAtlas?: (config: OneAtlasConfig) => OneAtlasConfig;
  logger?: Logger;
}

/**
 * The simulator and the real gateway, each on an ephemeral loopback port, talking over real HTTP:
 * the same wiring as `npm start`, with a rate limit high enough that tests of one feature are not
 * throttled by another's calls.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const simulator = await startSimulator({ orderApiMaxRps: 1000, ...options.simulator });
  const baseConfig = oneAtlasConfigForSimulator(simulator);
  const config = options.oneAtlas ? options.oneAtlas(baseConfig) : baseConfig;
  const logger = options.logger ?? createLogger('silent');
  const gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    schema: await buildGatewaySchema(),
    createContext: createContextFactory(config, logger),
    logger,
  });
  return {
    simulator,
    gatewayUrl: gateway.url,
    async graphql(query, variables) {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async control(method, path, body) {
      const response = await fetch(`${simulator.url}/__simulator${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`simulator control ${method} ${path} answered ${response.status}`);
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as never;
    },
    async close() {
      await gateway.close();
      await simulator.close();
    },
  };
}
