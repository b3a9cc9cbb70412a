import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  EMBEDDED_STORES,
  type FilesConfig,
  loadFilesConfig,
  loadSafetyConfig,
  loadSecurityConfig,
  type OneAtlasConfig,
  type SafetyConfig,
  type StoresConfig,
} from '../../src/config.js';
import { createContextFactory } from '../../src/context.js';
import { requestLimitsOf } from '../../src/datasources/http/request-scope.js';
import { oneAtlasConfigForSimulator } from '../../src/embedded-simulator.js';
import { createFileRoute } from '../../src/files/file-route.js';
import { type CallerConfig, createGateway } from '../../src/gateway.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { type ServerSecurity, startGatewayServer } from '../../src/server.js';
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
  /**
   * Overrides the gateway's safety settings. By default the gateway stays out of the way of tests of
   * other features: it paces the order API at 1000 calls per second (the simulator's limit here),
   * caches nothing (identical concurrent reads are still shared), tries each call once, never opens
   * its circuit breaker, gives each request 1000 upstream calls and 60 s, and hands a 429 back
   * rather than waiting out a long Retry-After. It keeps its order journal in a fresh temporary
   * folder, removed on close; give `dataDir` to keep one.
   */
  safety?: Partial<SafetyConfig>;
  logger?: Logger;
  /** Tenants and token settings; by default the gateway runs in development mode (one trusted caller). */
  callers?: CallerConfig;
  /**
   * Embedded stores (SQLite in `safety.dataDir`, in-process token, budget and caches) by default, or
   * shared ones: a PostgreSQL schema (see `test/support/journal-stores.ts`, which makes and removes
   * one per run) and a Redis key prefix (`test/support/redis.ts`), as replicas share them.
   */
  stores?: Partial<StoresConfig>;
  /** The gateway's clock for quotation validity and cancellation deadlines (see `SimulatedClock`). */
  now?: () => number;
  /** The file route's link lifetime and bounds; by default the gateway's (a random link secret). */
  files?: Partial<FilesConfig>;
  /** Introspection, GraphiQL, suggestions…; by default development's (all on). */
  security?: Partial<ServerSecurity>;
}

/**
 * One clock for the simulator and the gateway: the simulator's only moves forward through its control
 * interface, so a test that needs the gateway to see a deadline pass moves both with `advance`.
 */
export class SimulatedClock {
  private offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;

  async advance(stack: Pick<TestStack, 'control'>, seconds: number): Promise<void> {
    await stack.control('POST', '/clock/advance', { seconds });
    this.offsetMs += seconds * 1000;
  }
}

/** The test stack's default safety settings (see `TestStackOptions.safety`). */
export const PASS_THROUGH_SAFETY: Partial<SafetyConfig> = {
  orderApiMaxRps: 1000,
  searchApiMaxRps: 1000,
  catalogueTtlMs: 0,
  taskingTtlMs: 0,
  taskingStaleMs: 0,
  retryAttempts: 1,
  breakerFailureThreshold: 1_000_000,
  queueWaitMs: 5_000,
  requestUpstreamCallBudget: 1_000,
  requestDeadlineMs: 60_000,
};

export interface TestGateway {
  url: string;
  close(): Promise<void>;
}

/** POSTs one operation to the /graphql of the gateway at `gatewayUrl`, over real HTTP. */
export async function postGraphQL<TData = Record<string, unknown>>(
  gatewayUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** The real gateway on an ephemeral loopback port, talking to `simulator`. */
export async function startTestGateway(
  simulator: RunningSimulator,
  options: Omit<TestStackOptions, 'simulator'> = {},
): Promise<TestGateway> {
  const baseConfig = oneAtlasConfigForSimulator(simulator);
  const config = options.oneAtlas ? options.oneAtlas(baseConfig) : baseConfig;
  const logger = options.logger ?? createLogger('silent');
  const ownDataDir =
    options.safety?.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'gateway-data-')) : null;
  const safety: SafetyConfig = {
    ...loadSafetyConfig({}),
    ...PASS_THROUGH_SAFETY,
    ...options.safety,
    dataDir: options.safety?.dataDir ?? ownDataDir ?? '',
  };
  const services = await createGateway({
    oneAtlas: config,
    safety,
    logger,
    callers: options.callers ?? null,
    stores: { ...EMBEDDED_STORES, ...options.stores },
    now: options.now,
    files: { ...loadFilesConfig({}), ...options.files },
  });
  const server = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    schema: await buildGatewaySchema(),
    createContext: createContextFactory(services),
    logger,
    requestLimits: requestLimitsOf(safety),
    readiness: () => services.readiness(),
    fileRoute: createFileRoute(services, requestLimitsOf(safety)),
    now: services.now,
    security: { ...loadSecurityConfig({}), ...options.security },
  });
  return {
    url: server.url,
    async close() {
      await server.close();
      await services.close();
      if (ownDataDir !== null) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

/** The control interface (/__simulator/...) of `simulator`, e.g. for one a test started itself. */
export function controlsOf(simulator: RunningSimulator | undefined): Pick<TestStack, 'control'> {
  return {
    async control(method, path, body) {
      if (simulator === undefined) throw new Error('no simulator started');
      const response = await fetch(`${simulator.url}/__simulator${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`simulator control ${method} ${path} answered ${response.status}`);
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as never;
    },
  };
}

/**
 * The simulator and the real gateway, each on an ephemeral loopback port, talking over real HTTP:
 * the same wiring as `npm start`, with a rate limit high enough that tests of one feature are not
 * throttled by another's calls.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const simulator = await startSimulator({ orderApiMaxRps: 1000, ...options.simulator });
  const gateway = await startTestGateway(simulator, options);
  return {
    simulator,
    gatewayUrl: gateway.url,
    graphql: (query, variables) => postGraphQL(gateway.url, query, variables),
    control: controlsOf(simulator).control,
    async close() {
      await gateway.close();
      await simulator.close();
    },
  };
}

/**
 * One test stack for the enclosing file or describe block: started before its first test, closed after
 * its last; with `resetBetweenTests`, the simulator is reset before each test. Returns a getter, since
 * the stack exists only once beforeAll has run. Call it before the block's other hooks that use the
 * stack: vitest runs beforeAll hooks in order and afterAll hooks in reverse, so theirs then run once
 * the stack is up and before it closes.
 */
export function sharedTestStack(
  options: TestStackOptions = {},
  { resetBetweenTests = false }: { resetBetweenTests?: boolean } = {},
): () => TestStack {
  let stack: TestStack | undefined;
  const current = (): TestStack => {
    if (stack === undefined) {
      throw new Error(
        'no test stack: sharedTestStack starts it in its block’s beforeAll and closes it in its afterAll; use it in a test or hook of that block',
      );
    }
    return stack;
  };
  beforeAll(async () => {
    stack = await startTestStack(options);
  });
  afterAll(async () => {
    // None if it failed to start: that failure is the one worth reporting.
    await stack?.close();
    stack = undefined;
  });
  if (resetBetweenTests) {
    beforeEach(async () => {
      await current().control('POST', '/reset');
    });
  }
  return current;
}
