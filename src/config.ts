import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import type { JwtSettings } from './auth/jwt.js';
import { parseTenantsFile, type TenantsConfiguration } from './auth/tenants.js';

/**
 * The one place that reads the environment. Everything else receives a validated Config.
 * Invalid configuration throws ConfigError, whose message is the one line main.ts prints.
 */

export const AIRBUS_AUTH_URL =
  'https://authenticate.foundation.api.oneatlas.airbus.com/auth/realms/IDP/protocol/openid-connect/token';
export const AIRBUS_ORDER_URL = 'https://order.api.oneatlas.airbus.com/api/v1';
export const AIRBUS_SEARCH_URL = 'https://search.foundation.api.oneatlas.airbus.com/api/v2';
/** The data API: `/me`, where a SPOT/Pléiades contract's delivery workspace comes from. */
export const AIRBUS_DATA_URL = 'https://data.api.oneatlas.airbus.com/api/v1';
/** Where delivered imagery's quicklooks and downloads live (the `_links` of opensearch features). */
export const AIRBUS_ACCESS_URL = 'https://access.foundation.api.oneatlas.airbus.com';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OneAtlasConfig {
  apiKey: string;
  authUrl: string;
  orderUrl: string;
  searchUrl: string;
  /** The data API (`/me`). */
  dataUrl: string;
  /**
   * The only place image files are fetched from: an opensearch link elsewhere is never followed, so
   * a feature cannot send the gateway's bearer token to another host.
   */
  accessUrl: string;
  /** The contract used wherever a query or mutation omits `contractId`. */
  contractId: string;
  /** The workspace searched for delivered imagery when `imagery` omits `workspaceId`. */
  workspaceId: string | undefined;
  /** Upper bound for any single upstream HTTP call. */
  timeoutMs: number;
}

/**
 * How the gateway protects the upstream and the orders placed through it (rate, queue, retries,
 * caches, order journal). See the README's "Upstream safety" section.
 */
export interface SafetyConfig {
  /** Order-API calls per second for one API key (ONEATLAS_MAX_RPS); they also go one at a time. */
  orderApiMaxRps: number;
  /** Search-API calls per second for one API key (ONEATLAS_SEARCH_MAX_RPS). */
  searchApiMaxRps: number;
  /** Calls that may wait for their turn, per API and key, before callers get UPSTREAM_BUSY. */
  queueSize: number;
  /** How long a call may wait for its turn before its caller gets UPSTREAM_BUSY. */
  queueWaitMs: number;
  /**
   * How long a call its caller gave up on (ONEATLAS_TIMEOUT_MS) still counts as in flight for pacing
   * and "one at a time", while the upstream may still be serving it; its socket is closed then. Never
   * less than the timeout. Also the lease of a call in the shared (Redis) rate budget.
   */
  callHoldMs: number;
  /** Longest pause a 429's Retry-After may impose (the documented ban); longer ones are capped and logged. */
  maxPauseMs: number;
  /** Upstream calls (retries included) one client request may cause before UPSTREAM_CALL_BUDGET_EXCEEDED. */
  requestUpstreamCallBudget: number;
  /** Overall deadline of one client request; then REQUEST_DEADLINE_EXCEEDED and its queued calls are dropped. */
  requestDeadlineMs: number;
  /** Tries in all (first call included) for reads and read-like POSTs on 5xx, timeouts and connection errors. */
  retryAttempts: number;
  /** Consecutive failures of one upstream host that open its circuit breaker. */
  breakerFailureThreshold: number;
  /** How long an open breaker fails calls fast before letting one probe through. */
  breakerCooldownMs: number;
  /** Lifetime of cached catalogue answers (contracts, product types, production options); 0 disables. */
  catalogueTtlMs: number;
  /** Lifetime of cached taskings, segments and delivered-imagery searches; 0 disables. */
  taskingTtlMs: number;
  /**
   * How long past `taskingTtlMs` cached taskings and segments are still served while one background
   * read replaces them (never after the gateway's own mutations dropped them); 0 disables.
   */
  taskingStaleMs: number;
  /** Folder of the order journal (SQLite). */
  dataDir: string;
  /** How long an order whose outcome is unknown may take to appear upstream before it counts as not placed. */
  orderOutcomeGraceMs: number;
  /** How often orders of unknown outcome are looked up in the background. */
  reconcileIntervalMs: number;
}

export interface Config {
  host: string;
  port: number;
  logLevel: LogLevel;
  /** Null when no API key is set: main.ts then starts the embedded simulator and fills this in. */
  oneAtlas: OneAtlasConfig | null;
  /** ONEATLAS_TIMEOUT_MS, whichever OneAtlas the gateway talks to (Airbus or the embedded simulator). */
  upstreamTimeoutMs: number;
  /** SIMULATOR_PORT: where the embedded simulator listens on 127.0.0.1, so its control API has a known address. */
  simulatorPort: number;
  safety: SafetyConfig;
  security: SecurityConfig;
  stores: StoresConfig;
  observability: ObservabilityConfig;
  files: FilesConfig;
}

/** The file route (`/files/…`): quicklooks, downloads and quotation PDFs streamed through the gateway. */
export interface FilesConfig {
  /**
   * Signs the short-lived file links (FILE_LINK_SECRET, at least 32 characters). Null: a random
   * secret per process, so a link works only on the replica that made it; several replicas set it.
   */
  linkSecret: string | null;
  /** How long a file link works once GraphQL gave it out (FILE_LINK_TTL_SECONDS). */
  linkTtlMs: number;
  /** Files larger than this are refused (FILE_MAX_BYTES). */
  maxBytes: number;
  /** A file must have arrived whole within this (FILE_TIMEOUT_SECONDS). */
  timeoutMs: number;
}

/** Metrics and traces for the platform team (docs/operations.md). */
export interface ObservabilityConfig {
  /** Prometheus `/metrics` on its own port; null when METRICS_ENABLED=false. */
  metrics: MetricsConfig | null;
  /** OpenTelemetry traces over OTLP/HTTP; null (the default) when no OTLP endpoint is set. */
  tracing: TracingConfig | null;
}

export interface MetricsConfig {
  /** METRICS_HOST; loopback by default: a container sets 0.0.0.0 and lets its network policy decide. */
  host: string;
  /** METRICS_PORT, never the GraphQL port; 0 picks a free one. */
  port: number;
  /** METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`. Never logged. */
  bearerToken: string | null;
}

export interface TracingConfig {
  /** Where spans are POSTed (OTLP/HTTP JSON): OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  endpoint: string;
  /** OTEL_EXPORTER_OTLP_HEADERS (`name=value,…`), e.g. the collector's API key. Never logged. */
  headers: Record<string, string>;
  /** OTEL_SERVICE_NAME. */
  serviceName: string;
  /** OTEL_TRACES_SAMPLER_ARG: the share of new traces kept (0–1); a Router's sampling decision is followed. */
  sampleRatio: number;
}

/**
 * Where state the replicas share lives. Without `database` the gateway runs embedded: its order
 * journal is SQLite in `SafetyConfig.dataDir`, for one process only. Without `redis`, each process
 * keeps its own token, rate budget and caches. Several replicas need both.
 */
export interface StoresConfig {
  /** PostgreSQL (DATABASE_URL): the order journal, idempotency, approvals and budgets of every replica. */
  database: DatabaseConfig | null;
  /** Redis (REDIS_URL): the token, rate budget, 429 pause and read caches of every replica. */
  redis: RedisConfig | null;
}

export interface RedisConfig {
  /** Never logged nor quoted in an error: it may hold a password. */
  url: string;
  /** Prepended to every key (REDIS_KEY_PREFIX), so deployments can share one Redis. */
  keyPrefix: string;
}

export interface DatabaseConfig {
  /** Never logged nor quoted in an error: it may hold a password. */
  url: string;
  /** The schema this deployment's tables live in (DATABASE_SCHEMA), created when missing. */
  schema: string;
  /** Connections each replica keeps in its pool (DATABASE_POOL_SIZE). */
  poolSize: number;
}

/** The embedded stores: no server needed. */
export const EMBEDDED_STORES: StoresConfig = { database: null, redis: null };

/** Who may call, and what the HTTP and GraphQL layers accept. See the README's "Security" section. */
export interface SecurityConfig {
  /** NODE_ENV=production: development mode refused, introspection, GraphiQL and field suggestions off by default. */
  production: boolean;
  /** From GATEWAY_TENANTS_FILE; null is development mode (embedded simulator only, never in production). */
  tenants: TenantsConfiguration | null;
  /** Bearer-token checks; null when only gateway API keys are accepted. */
  jwt: JwtSettings | null;
  introspection: boolean;
  graphiql: boolean;
  fieldSuggestions: boolean;
  http: HttpServerLimits;
  cors: CorsConfig;
}

/** Which browser pages, by origin, may call the GraphQL endpoint. */
export interface CorsConfig {
  /** Exact origins such as `https://app.example.com` (CORS_ORIGINS). */
  origins: readonly string[];
  /** Development mode: any http(s) page on localhost, 127.0.0.1 or [::1], whatever its port (local dev servers). */
  loopbackOrigins: boolean;
}

/** Protections of the HTTP server against slow or too many clients. */
export interface HttpServerLimits {
  /** A client must send its whole request head within this (HTTP_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** …and its whole request, body included, within this (HTTP_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Open connections beyond this are dropped on arrival (HTTP_MAX_CONNECTIONS). */
  maxConnections: number;
}

/** Signature algorithms a token may use; `none` and shared-secret HMAC never. */
const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** The order-API limit main.ts gives the embedded simulator (Airbus allows 1/s, which makes GraphiQL sluggish). */
export const EMBEDDED_SIMULATOR_MAX_RPS = 50;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const apiKey = nonEmpty(env.ONEATLAS_API_KEY);
  const upstreamTimeoutMs = parsePositiveInt(env.ONEATLAS_TIMEOUT_MS, 'ONEATLAS_TIMEOUT_MS', 15_000);
  if (apiKey === undefined && nonEmpty(env.GATEWAY_TENANTS_FILE) === undefined) refuseUnusedUpstreamUrls(env);
  // Without a key the gateway runs on the embedded simulator: half its limit keeps GraphiQL brisk
  // while leaving room for timing jitter, so the simulator never bans the gateway.
  const safety = loadSafetyConfig(env, apiKey === undefined ? EMBEDDED_SIMULATOR_MAX_RPS / 2 : 1);
  if (safety.callHoldMs < upstreamTimeoutMs) {
    // The client keeps a socket open at least until the timeout, while the shared turn of a replica
    // cut off from Redis ends one hold bound (and a margin) after its last renewal: it must not end first.
    throw new ConfigError(
      `ONEATLAS_CALL_HOLD_SECONDS (${safety.callHoldMs / 1000} s) must be at least ONEATLAS_TIMEOUT_MS (${upstreamTimeoutMs} ms): a call holds its turn at OneAtlas until the hold bound closes its socket.`,
    );
  }
  return {
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    port: parsePort(env.PORT, 'PORT', 4000),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    oneAtlas: apiKey === undefined ? null : loadOneAtlasConfig(env, apiKey, upstreamTimeoutMs),
    upstreamTimeoutMs,
    simulatorPort: parsePort(env.SIMULATOR_PORT, 'SIMULATOR_PORT', 4010),
    safety,
    security: loadSecurityConfig(env),
    stores: loadStoresConfig(env),
    observability: loadObservabilityConfig(env),
    files: loadFilesConfig(env),
  };
}

/** The file route's settings alone; the secret is never quoted in an error. */
export function loadFilesConfig(env: Env): FilesConfig {
  const linkSecret = nonEmpty(env.FILE_LINK_SECRET) ?? null;
  if (linkSecret !== null && linkSecret.length < 32) {
    throw new ConfigError('FILE_LINK_SECRET must be at least 32 characters.');
  }
  return {
    linkSecret,
    linkTtlMs: positiveSecondsToMs(env.FILE_LINK_TTL_SECONDS, 'FILE_LINK_TTL_SECONDS', 900),
    maxBytes: parsePositiveInt(env.FILE_MAX_BYTES, 'FILE_MAX_BYTES', 200 * 1024 * 1024),
    timeoutMs: positiveSecondsToMs(env.FILE_TIMEOUT_SECONDS, 'FILE_TIMEOUT_SECONDS', 120),
  };
}

/** The default METRICS_PORT: the port OpenTelemetry's Prometheus exporters use, free of the gateway's own. */
export const DEFAULT_METRICS_PORT = 9464;

/** The metrics and tracing settings alone. */
export function loadObservabilityConfig(env: Env): ObservabilityConfig {
  return { metrics: loadMetricsConfig(env), tracing: loadTracingConfig(env) };
}

function loadMetricsConfig(env: Env): MetricsConfig | null {
  if (!parseBoolean(env.METRICS_ENABLED, 'METRICS_ENABLED', true)) return null;
  const port = parsePort(env.METRICS_PORT, 'METRICS_PORT', DEFAULT_METRICS_PORT);
  if (port !== 0 && port === parsePort(env.PORT, 'PORT', 4000)) {
    throw new ConfigError('METRICS_PORT must differ from PORT: /metrics is served on a port of its own.');
  }
  const bearerToken = nonEmpty(env.METRICS_TOKEN) ?? null;
  if (bearerToken !== null && !/^[\x21-\x7e]{16,256}$/.test(bearerToken)) {
    throw new ConfigError('METRICS_TOKEN must be 16–256 printable characters without spaces.');
  }
  return { host: nonEmpty(env.METRICS_HOST) ?? '127.0.0.1', port, bearerToken };
}

function loadTracingConfig(env: Env): TracingConfig | null {
  if (parseBoolean(env.OTEL_SDK_DISABLED, 'OTEL_SDK_DISABLED', false)) return null;
  const tracesEndpoint = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const baseEndpoint = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (tracesEndpoint === undefined && baseEndpoint === undefined) return null;
  const endpoint =
    tracesEndpoint !== undefined
      ? parseUrl(tracesEndpoint, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint)
      : `${parseUrl(baseEndpoint, 'OTEL_EXPORTER_OTLP_ENDPOINT', '')}/v1/traces`;
  const sampleRatio = parseNumber(
    env.OTEL_TRACES_SAMPLER_ARG,
    'OTEL_TRACES_SAMPLER_ARG',
    1,
    'a number between 0 and 1',
  );
  return {
    endpoint,
    headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
    serviceName: nonEmpty(env.OTEL_SERVICE_NAME) ?? 'oneatlas-gateway',
    sampleRatio,
  };
}

/** `name=value,name=value` (values URL-encoded, as the OpenTelemetry convention has it); never quoted in an error. */
function parseOtlpHeaders(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (nonEmpty(value) ?? '').split(',')) {
    if (pair.trim() === '') continue;
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    if (separator <= 0 || !/^[A-Za-z0-9-]{1,64}$/.test(name)) {
      throw new ConfigError('OTEL_EXPORTER_OTLP_HEADERS must be name=value pairs separated by commas.');
    }
    try {
      headers[name] = decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      throw new ConfigError(`OTEL_EXPORTER_OTLP_HEADERS: the value of ${name} is not valid URL encoding.`);
    }
  }
  return headers;
}

/**
 * Development mode talks to the embedded simulator only: an upstream URL set for it would be ignored
 * without a word, so the gateway refuses to start instead. (With a tenants file the URLs are the
 * credentials' defaults, so they are used.)
 */
function refuseUnusedUpstreamUrls(env: Env): void {
  for (const name of [
    'ONEATLAS_AUTH_URL',
    'ONEATLAS_ORDER_URL',
    'ONEATLAS_SEARCH_URL',
    'ONEATLAS_DATA_URL',
  ]) {
    if (nonEmpty(env[name]) !== undefined) {
      throw new ConfigError(
        `${name} is set but ONEATLAS_API_KEY is not: without a key the gateway runs on its embedded simulator and would not use it. Set ONEATLAS_API_KEY (and GATEWAY_TENANTS_FILE) to talk to that upstream, or unset ${name}.`,
      );
    }
  }
}

/**
 * The stores alone; every message names the variable, never the URL (it may hold a password). One
 * store without the other is what a fleet half-configured looks like, and such a fleet either paces
 * OneAtlas per replica (its account banned) or journals per replica (an order placed twice): it starts
 * only when the operator says it is one process (GATEWAY_SINGLE_REPLICA=true).
 */
export function loadStoresConfig(env: Env): StoresConfig {
  const stores = { database: loadDatabaseConfig(env), redis: loadRedisConfig(env) };
  const singleReplica = parseBoolean(env.GATEWAY_SINGLE_REPLICA, 'GATEWAY_SINGLE_REPLICA', false);
  if (stores.database !== null && stores.redis === null && !singleReplica) {
    throw new ConfigError(
      "DATABASE_URL without REDIS_URL: each replica would pace OneAtlas on its own and together exceed the account's limit; set REDIS_URL, or GATEWAY_SINGLE_REPLICA=true if this is the only gateway process.",
    );
  }
  if (stores.redis !== null && stores.database === null && !singleReplica) {
    throw new ConfigError(
      'REDIS_URL without DATABASE_URL: each replica would keep its own order journal and a retry on another could place an order twice; set DATABASE_URL, or GATEWAY_SINGLE_REPLICA=true if this is the only gateway process.',
    );
  }
  return stores;
}

function loadRedisConfig(env: Env): RedisConfig | null {
  const url = nonEmpty(env.REDIS_URL);
  if (url === undefined) {
    if (nonEmpty(env.REDIS_KEY_PREFIX) !== undefined)
      throw new ConfigError('REDIS_KEY_PREFIX needs REDIS_URL.');
    return null;
  }
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ConfigError('REDIS_URL is not a valid URL (redis://[user:password@]host:6379[/db]).');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL.');
  }
  const keyPrefix = nonEmpty(env.REDIS_KEY_PREFIX) ?? 'oneatlas-gateway:';
  if (!/^[\w.:-]{1,128}$/.test(keyPrefix)) {
    throw new ConfigError('REDIS_KEY_PREFIX must be 1–128 letters, digits, _, ., : or -.');
  }
  return { url, keyPrefix };
}

function loadDatabaseConfig(env: Env): DatabaseConfig | null {
  const url = nonEmpty(env.DATABASE_URL);
  if (url === undefined) {
    for (const name of ['DATABASE_SCHEMA', 'DATABASE_POOL_SIZE']) {
      if (nonEmpty(env[name]) !== undefined) throw new ConfigError(`${name} needs DATABASE_URL.`);
    }
    return null;
  }
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL (postgres://user:password@host:5432/database).');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  }
  const schema = nonEmpty(env.DATABASE_SCHEMA) ?? 'oneatlas_gateway';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError(
      `DATABASE_SCHEMA must be a plain lower-case identifier (letters, digits, _; at most 63), got "${schema.slice(0, 64)}".`,
    );
  }
  const poolSize = parseInteger(env.DATABASE_POOL_SIZE, 'DATABASE_POOL_SIZE', 10, 1, 100);
  return { url, schema, poolSize };
}

/**
 * The security settings alone. Development mode (no tenants file) is refused here in production;
 * main.ts also refuses it beside a real OneAtlas key (see `assertCallersConfigured`).
 */
export function loadSecurityConfig(env: Env): SecurityConfig {
  const production = nonEmpty(env.NODE_ENV) === 'production';
  const tenantsFile = nonEmpty(env.GATEWAY_TENANTS_FILE);
  if (tenantsFile === undefined && production) {
    throw new ConfigError(
      'GATEWAY_TENANTS_FILE is required when NODE_ENV=production: development mode (every caller is trusted) is refused in production.',
    );
  }
  return {
    production,
    tenants: tenantsFile === undefined ? null : loadTenantsFile(tenantsFile, env),
    jwt: loadJwtSettings(env),
    introspection: parseBoolean(env.GRAPHQL_INTROSPECTION, 'GRAPHQL_INTROSPECTION', !production),
    graphiql: parseBoolean(env.GRAPHIQL, 'GRAPHIQL', !production),
    fieldSuggestions: parseBoolean(env.GRAPHQL_FIELD_SUGGESTIONS, 'GRAPHQL_FIELD_SUGGESTIONS', !production),
    cors: { origins: parseOrigins(env.CORS_ORIGINS), loopbackOrigins: tenantsFile === undefined },
    http: {
      headersTimeoutMs: parsePositiveInt(env.HTTP_HEADERS_TIMEOUT_MS, 'HTTP_HEADERS_TIMEOUT_MS', 10_000),
      requestTimeoutMs: parsePositiveInt(env.HTTP_REQUEST_TIMEOUT_MS, 'HTTP_REQUEST_TIMEOUT_MS', 30_000),
      keepAliveTimeoutMs: parsePositiveInt(
        env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        'HTTP_KEEP_ALIVE_TIMEOUT_MS',
        5_000,
      ),
      maxConnections: parsePositiveInt(env.HTTP_MAX_CONNECTIONS, 'HTTP_MAX_CONNECTIONS', 1_000),
    },
  };
}

/** Development mode trusts every caller: only acceptable in front of the embedded simulator. */
export function assertCallersConfigured(config: Config): void {
  if (config.security.tenants === null && config.oneAtlas !== null) {
    throw new ConfigError(
      'GATEWAY_TENANTS_FILE is required with ONEATLAS_API_KEY: without tenants every caller could spend the account (development mode runs only on the embedded simulator).',
    );
  }
}

const MAX_CORS_ORIGINS = 100;

/** CORS_ORIGINS: comma-separated exact origins. No wildcard: the requests carry credentials. */
function parseOrigins(value: string | undefined): string[] {
  const raw = nonEmpty(value);
  if (raw === undefined) return [];
  const listed = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (listed.length > MAX_CORS_ORIGINS) {
    throw new ConfigError(`CORS_ORIGINS may list at most ${MAX_CORS_ORIGINS} origins.`);
  }
  return listed.map((entry) => {
    const origin = entry.replace(/\/$/, '');
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (
      url === undefined ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.origin !== origin
    ) {
      throw new ConfigError(
        `CORS_ORIGINS lists exact origins such as https://app.example.com (scheme, host, optional port; no path, no *), got "${entry.slice(0, 100)}".`,
      );
    }
    return origin;
  });
}

function loadTenantsFile(path: string, env: Env): TenantsConfiguration {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new ConfigError(`GATEWAY_TENANTS_FILE: ${path} ${why}.`);
  }
  const parsed = parseTenantsFile(document, {
    env,
    readFile: (secretPath) => readFileSync(secretPath, 'utf8'),
    defaultUrls: {
      authUrl: parseUrl(env.ONEATLAS_AUTH_URL, 'ONEATLAS_AUTH_URL', AIRBUS_AUTH_URL),
      orderUrl: parseUrl(env.ONEATLAS_ORDER_URL, 'ONEATLAS_ORDER_URL', AIRBUS_ORDER_URL),
      searchUrl: parseUrl(env.ONEATLAS_SEARCH_URL, 'ONEATLAS_SEARCH_URL', AIRBUS_SEARCH_URL),
      dataUrl: parseUrl(env.ONEATLAS_DATA_URL, 'ONEATLAS_DATA_URL', AIRBUS_DATA_URL),
      accessUrl: parseUrl(env.ONEATLAS_ACCESS_URL, 'ONEATLAS_ACCESS_URL', AIRBUS_ACCESS_URL),
    },
  });
  if (!parsed.ok) {
    throw new ConfigError(parsed.errors.map((line) => `GATEWAY_TENANTS_FILE (${path}): ${line}.`).join('\n'));
  }
  return parsed.value;
}

function loadJwtSettings(env: Env): JwtSettings | null {
  const jwksUrl = nonEmpty(env.AUTH_JWKS_URL);
  const jwksFile = nonEmpty(env.AUTH_JWKS_FILE);
  if (jwksUrl === undefined && jwksFile === undefined) return null;
  if (jwksUrl !== undefined && jwksFile !== undefined) {
    throw new ConfigError('Set AUTH_JWKS_URL or AUTH_JWKS_FILE, not both.');
  }
  const issuer = nonEmpty(env.AUTH_ISSUER);
  const audience = nonEmpty(env.AUTH_AUDIENCE);
  if (issuer === undefined || audience === undefined) {
    throw new ConfigError('AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL or AUTH_JWKS_FILE.');
  }
  const algorithms = (nonEmpty(env.AUTH_ALGORITHMS) ?? 'RS256,ES256').split(',').map((name) => name.trim());
  const refused = algorithms.filter((name) => !JWT_ALGORITHMS.includes(name));
  if (refused.length > 0) {
    throw new ConfigError(
      `AUTH_ALGORITHMS may list only ${JWT_ALGORITHMS.join(', ')}; not ${refused.join(', ')}.`,
    );
  }
  const clockSkewSeconds = parseInteger(env.AUTH_CLOCK_SKEW_SECONDS, 'AUTH_CLOCK_SKEW_SECONDS', 30, 0, 300);
  return {
    keys:
      jwksUrl !== undefined
        ? { jwksUrl: parseUrl(jwksUrl, 'AUTH_JWKS_URL', jwksUrl) }
        : { jwks: readJwks(jwksFile ?? '') },
    issuer,
    audience,
    algorithms,
    clockSkewSeconds,
    tenantClaim: nonEmpty(env.AUTH_TENANT_CLAIM) ?? 'tenant',
    rolesClaim: nonEmpty(env.AUTH_ROLES_CLAIM) ?? 'roles',
  };
}

function readJwks(path: string): JSONWebKeySet {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigError(`AUTH_JWKS_FILE: ${path} cannot be read as JSON.`);
  }
  const keys =
    typeof document === 'object' && document !== null ? (document as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new ConfigError(`AUTH_JWKS_FILE: ${path} must hold a JSON Web Key Set ({"keys": [...]}).`);
  }
  if (keys.some((key) => typeof key === 'object' && key !== null && 'd' in key)) {
    throw new ConfigError(`AUTH_JWKS_FILE: ${path} holds a private key; give the public keys only.`);
  }
  return document as JSONWebKeySet;
}

function parseBoolean(value: string | undefined, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}".`);
}

/** The safety settings alone; `defaultOrderApiMaxRps` is what ONEATLAS_MAX_RPS falls back to. */
export function loadSafetyConfig(env: Env, defaultOrderApiMaxRps = 1): SafetyConfig {
  return {
    orderApiMaxRps: parsePositiveNumber(env.ONEATLAS_MAX_RPS, 'ONEATLAS_MAX_RPS', defaultOrderApiMaxRps),
    // Airbus allows 100/s on search; staying below keeps a margin for jitter, as 429s there cost a pause.
    searchApiMaxRps: parsePositiveNumber(env.ONEATLAS_SEARCH_MAX_RPS, 'ONEATLAS_SEARCH_MAX_RPS', 80),
    queueSize: parsePositiveInt(env.ONEATLAS_QUEUE_SIZE, 'ONEATLAS_QUEUE_SIZE', 100),
    queueWaitMs: parsePositiveInt(env.ONEATLAS_QUEUE_WAIT_MS, 'ONEATLAS_QUEUE_WAIT_MS', 30_000),
    // Far past any timeout a call may have: a call still unanswered after two minutes is surely dead.
    callHoldMs: positiveSecondsToMs(env.ONEATLAS_CALL_HOLD_SECONDS, 'ONEATLAS_CALL_HOLD_SECONDS', 120),
    maxPauseMs: positiveSecondsToMs(env.ONEATLAS_MAX_PAUSE_SECONDS, 'ONEATLAS_MAX_PAUSE_SECONDS', 600),
    // 20 calls take 20 s at the order API's 1 call/s: about what one request may fairly hold it for.
    requestUpstreamCallBudget: parsePositiveInt(
      env.REQUEST_UPSTREAM_CALL_BUDGET,
      'REQUEST_UPSTREAM_CALL_BUDGET',
      20,
    ),
    requestDeadlineMs: positiveSecondsToMs(env.REQUEST_DEADLINE_SECONDS, 'REQUEST_DEADLINE_SECONDS', 25),
    retryAttempts: parsePositiveInt(env.ONEATLAS_RETRY_ATTEMPTS, 'ONEATLAS_RETRY_ATTEMPTS', 3),
    breakerFailureThreshold: parsePositiveInt(env.ONEATLAS_BREAKER_FAILURES, 'ONEATLAS_BREAKER_FAILURES', 5),
    breakerCooldownMs: parsePositiveInt(
      env.ONEATLAS_BREAKER_COOLDOWN_MS,
      'ONEATLAS_BREAKER_COOLDOWN_MS',
      30_000,
    ),
    catalogueTtlMs: secondsToMs(env.ONEATLAS_CATALOGUE_TTL_SECONDS, 'ONEATLAS_CATALOGUE_TTL_SECONDS', 600),
    taskingTtlMs: secondsToMs(env.ONEATLAS_TASKING_TTL_SECONDS, 'ONEATLAS_TASKING_TTL_SECONDS', 5),
    // A minute of staleness, told by `fetchedAt`, spares pollers the wait for a refresh queued behind
    // orders at 1 call/s; a refresh that fails for longer than that surfaces as an error again.
    taskingStaleMs: secondsToMs(env.ONEATLAS_TASKING_STALE_SECONDS, 'ONEATLAS_TASKING_STALE_SECONDS', 60),
    dataDir: nonEmpty(env.GATEWAY_DATA_DIR) ?? './data',
    // Manual feasibility can keep an order out of the tracking list for a while; an hour errs on the
    // side of never sending an order twice.
    orderOutcomeGraceMs: secondsToMs(env.ORDER_OUTCOME_GRACE_SECONDS, 'ORDER_OUTCOME_GRACE_SECONDS', 3600),
    reconcileIntervalMs: Math.max(
      1,
      secondsToMs(env.ORDER_RECONCILE_INTERVAL_SECONDS, 'ORDER_RECONCILE_INTERVAL_SECONDS', 30),
    ),
  };
}

function loadOneAtlasConfig(env: Env, apiKey: string, timeoutMs: number): OneAtlasConfig {
  const contractId = nonEmpty(env.ONEATLAS_CONTRACT_ID);
  if (contractId === undefined) {
    throw new ConfigError(
      'ONEATLAS_CONTRACT_ID is required when ONEATLAS_API_KEY is set (the CIS contract id, e.g. CTR21000411).',
    );
  }
  return {
    apiKey,
    authUrl: parseUrl(env.ONEATLAS_AUTH_URL, 'ONEATLAS_AUTH_URL', AIRBUS_AUTH_URL),
    orderUrl: parseUrl(env.ONEATLAS_ORDER_URL, 'ONEATLAS_ORDER_URL', AIRBUS_ORDER_URL),
    searchUrl: parseUrl(env.ONEATLAS_SEARCH_URL, 'ONEATLAS_SEARCH_URL', AIRBUS_SEARCH_URL),
    dataUrl: parseUrl(env.ONEATLAS_DATA_URL, 'ONEATLAS_DATA_URL', AIRBUS_DATA_URL),
    accessUrl: parseUrl(env.ONEATLAS_ACCESS_URL, 'ONEATLAS_ACCESS_URL', AIRBUS_ACCESS_URL),
    contractId,
    workspaceId: nonEmpty(env.ONEATLAS_WORKSPACE_ID),
    timeoutMs,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseUrl(value: string | undefined, name: string, fallback: string): string {
  const raw = nonEmpty(value) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL.`);
  }
  // Credentials in a URL would end up in logs; refuse them rather than redact later.
  if (url.username || url.password) {
    throw new ConfigError(`${name} must not contain credentials.`);
  }
  return raw.replace(/\/+$/, '');
}

function parsePort(value: string | undefined, name: string, fallback: number): number {
  return parseInteger(value, name, fallback, 0, 65_535);
}

function parsePositiveInt(value: string | undefined, name: string, fallback: number): number {
  return parseInteger(value, name, fallback, 1);
}

function parsePositiveNumber(value: string | undefined, name: string, fallback: number): number {
  return parseNumber(value, name, fallback, 'a positive number');
}

/** A duration given in (possibly fractional) seconds, > 0, as milliseconds. */
function positiveSecondsToMs(value: string | undefined, name: string, fallbackSeconds: number): number {
  return Math.round(parseNumber(value, name, fallbackSeconds, 'a positive number of seconds') * 1000);
}

/** A duration given in (possibly fractional) seconds, ≥ 0, as milliseconds. */
function secondsToMs(value: string | undefined, name: string, fallbackSeconds: number): number {
  return Math.round(parseNumber(value, name, fallbackSeconds, 'a non-negative number of seconds') * 1000);
}

// Each variable has one message, whatever is wrong with its value (not a number, or out of range).

function parseNumber(
  value: string | undefined,
  name: string,
  fallback: number,
  expected:
    | 'a positive number'
    | 'a positive number of seconds'
    | 'a non-negative number of seconds'
    | 'a number between 0 and 1',
): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  const parsed = /^\d+(\.\d+)?$|^\.\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const inRange =
    expected === 'a non-negative number of seconds'
      ? parsed >= 0
      : expected === 'a number between 0 and 1'
        ? parsed >= 0 && parsed <= 1
        : // A fraction of a millisecond rounds to 0 ms: too small to be positive.
          Math.round(parsed * 1000) > 0;
  if (!inRange) throw new ConfigError(`${name} must be ${expected}, got "${raw}".`);
  return parsed;
}

function parseInteger(
  value: string | undefined,
  name: string,
  fallback: number,
  min: 0 | 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) {
    const expected =
      max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer between ${min} and ${max}`;
    throw new ConfigError(`${name} must be ${expected}, got "${raw}".`);
  }
  return parsed;
}

function parseLogLevel(value: string | undefined): LogLevel {
  const raw = nonEmpty(value) ?? 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (level === undefined) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  return level;
}
