import { describe, expect, it } from 'vitest';
import {
  AIRBUS_ORDER_URL,
  ConfigError,
  DEFAULT_METRICS_PORT,
  loadConfig,
  loadFilesConfig,
  loadObservabilityConfig,
  loadSafetyConfig,
  loadSecurityConfig,
  loadStoresConfig,
} from '../src/config.js';

describe('loadConfig', () => {
  it('runs on the embedded simulator without an API key', () => {
    expect(loadConfig({})).toMatchObject({
      host: '0.0.0.0',
      port: 4000,
      logLevel: 'info',
      oneAtlas: null,
      simulatorPort: 4010,
    });
  });

  it('talks to Airbus with a key and a contract, with the documented defaults', () => {
    const config = loadConfig({ ONEATLAS_API_KEY: 'k', ONEATLAS_CONTRACT_ID: 'CTR1', PORT: '8080' });
    expect(config.port).toBe(8080);
    expect(config.oneAtlas).toMatchObject({
      apiKey: 'k',
      contractId: 'CTR1',
      orderUrl: AIRBUS_ORDER_URL,
      workspaceId: undefined,
      timeoutMs: 15_000,
    });
  });

  it('serves taskings and segments stale for a minute past their TTL unless told otherwise', () => {
    expect(loadSafetyConfig({})).toMatchObject({ taskingTtlMs: 5_000, taskingStaleMs: 60_000 });
    expect(loadSafetyConfig({ ONEATLAS_TASKING_STALE_SECONDS: '0' }).taskingStaleMs).toBe(0);
    expect(loadSafetyConfig({ ONEATLAS_TASKING_STALE_SECONDS: '2.5' }).taskingStaleMs).toBe(2_500);
    expect(() => loadSafetyConfig({ ONEATLAS_TASKING_STALE_SECONDS: '-1' })).toThrow(
      /ONEATLAS_TASKING_STALE_SECONDS must be a non-negative number/,
    );
  });

  it.each([
    [{ ONEATLAS_API_KEY: 'k' }, /ONEATLAS_CONTRACT_ID is required/],
    [{ PORT: '80a' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer between 0 and 65535, got "70000"/],
    [{ PORT: '-1' }, /^PORT must be an integer between 0 and 65535, got "-1"\.$/],
    [{ SIMULATOR_PORT: 'x' }, /^SIMULATOR_PORT must be an integer between 0 and 65535, got "x"\.$/],
    [{ ONEATLAS_MAX_RPS: '-1' }, /^ONEATLAS_MAX_RPS must be a positive number, got "-1"\.$/],
    [{ ONEATLAS_MAX_RPS: '0' }, /^ONEATLAS_MAX_RPS must be a positive number, got "0"\.$/],
    [
      { ONEATLAS_ORDER_URL: 'http://127.0.0.1:4010/api/v1' },
      /^ONEATLAS_ORDER_URL is set but ONEATLAS_API_KEY is not/,
    ],
    [
      { ONEATLAS_AUTH_URL: 'http://127.0.0.1:4010/token' },
      /^ONEATLAS_AUTH_URL is set but ONEATLAS_API_KEY is not/,
    ],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [
      { ONEATLAS_API_KEY: 'k', ONEATLAS_CONTRACT_ID: 'C', ONEATLAS_ORDER_URL: 'not a url' },
      /ONEATLAS_ORDER_URL is not a valid URL/,
    ],
    [
      { ONEATLAS_API_KEY: 'k', ONEATLAS_CONTRACT_ID: 'C', ONEATLAS_AUTH_URL: 'ftp://host/x' },
      /must be an http\(s\) URL/,
    ],
    [
      { ONEATLAS_API_KEY: 'k', ONEATLAS_CONTRACT_ID: 'C', ONEATLAS_SEARCH_URL: 'https://user:pw@host/api' },
      /must not contain credentials/,
    ],
    [
      { ONEATLAS_API_KEY: 'k', ONEATLAS_CONTRACT_ID: 'C', ONEATLAS_TIMEOUT_MS: '0' },
      /must be a positive integer/,
    ],
    [
      { ONEATLAS_TIMEOUT_MS: '20000', ONEATLAS_CALL_HOLD_SECONDS: '10' },
      /^ONEATLAS_CALL_HOLD_SECONDS \(10 s\) must be at least ONEATLAS_TIMEOUT_MS \(20000 ms\)/,
    ],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads CORS_ORIGINS as exact origins, refusing wildcards, paths and other schemes', () => {
    const listed = loadSecurityConfig({
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/',
    }).cors;
    expect(listed.origins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    for (const refused of [
      '*',
      'https://app.example.com/path',
      'app.example.com',
      'ftp://files.example.com',
    ]) {
      expect(() => loadSecurityConfig({ CORS_ORIGINS: refused }), refused).toThrow(
        /CORS_ORIGINS lists exact origins/,
      );
    }
  });

  it('never puts the API key in its messages', () => {
    expect(() => loadConfig({ ONEATLAS_API_KEY: 'secret-key-123', PORT: 'x' })).not.toThrow(/secret-key-123/);
  });
});

describe('loadFilesConfig', () => {
  it('signs file links with a random secret by default, for 15 minutes, within 200 MiB and 2 minutes', () => {
    expect(loadFilesConfig({})).toEqual({
      linkSecret: null,
      linkTtlMs: 900_000,
      maxBytes: 200 * 1024 * 1024,
      timeoutMs: 120_000,
    });
  });

  it('takes a secret of at least 32 characters, and never quotes it', () => {
    const secret = 'a-file-link-secret-of-32-chars!!';
    expect(loadFilesConfig({ FILE_LINK_SECRET: secret, FILE_LINK_TTL_SECONDS: '60' })).toMatchObject({
      linkSecret: secret,
      linkTtlMs: 60_000,
    });
    expect(() => loadFilesConfig({ FILE_LINK_SECRET: 'short-secret' })).toThrow(
      /^FILE_LINK_SECRET must be at least 32 characters\.$/,
    );
  });
});

describe('loadStoresConfig', () => {
  it('is embedded without DATABASE_URL and REDIS_URL, shared with them', () => {
    expect(loadStoresConfig({})).toEqual({ database: null, redis: null });
    expect(
      loadStoresConfig({
        DATABASE_URL: 'postgres://u:p@db:5432/gw',
        DATABASE_POOL_SIZE: '4',
        REDIS_URL: 'redis://:p@cache:6379/2',
      }),
    ).toEqual({
      database: { url: 'postgres://u:p@db:5432/gw', schema: 'oneatlas_gateway', poolSize: 4 },
      redis: { url: 'redis://:p@cache:6379/2', keyPrefix: 'oneatlas-gateway:' },
    });
    expect(
      loadStoresConfig({
        DATABASE_URL: 'postgres://u:p@db:5432/gw',
        REDIS_URL: 'rediss://cache',
        REDIS_KEY_PREFIX: 'team-a:',
      }).redis,
    ).toEqual({ url: 'rediss://cache', keyPrefix: 'team-a:' });
  });

  it.each([
    [{ DATABASE_URL: 'postgres://u:hunter2@db/gw' }, /^DATABASE_URL without REDIS_URL: .*pace OneAtlas/],
    [{ REDIS_URL: 'redis://:hunter2@cache' }, /^REDIS_URL without DATABASE_URL: .*place an order twice/],
  ])('refuses one shared store without the other (%j), unless told it runs one replica', (env, message) => {
    expect(() => loadStoresConfig(env)).toThrow(message);
    expect(() => loadStoresConfig(env)).toThrow(/GATEWAY_SINGLE_REPLICA=true/);
    expect(() => loadStoresConfig(env)).not.toThrow(/hunter2/);
    expect(() => loadStoresConfig({ ...env, GATEWAY_SINGLE_REPLICA: 'false' })).toThrow(message);
    const single = loadStoresConfig({ ...env, GATEWAY_SINGLE_REPLICA: 'true' });
    expect([single.database !== null, single.redis !== null]).toEqual([
      'DATABASE_URL' in env,
      'REDIS_URL' in env,
    ]);
    expect(() => loadStoresConfig({ ...env, GATEWAY_SINGLE_REPLICA: 'yes' })).toThrow(
      /GATEWAY_SINGLE_REPLICA must be true or false/,
    );
  });

  it.each([
    [{ DATABASE_URL: 'mysql://u:hunter2@db/gw' }, /DATABASE_URL must be a postgres/],
    [{ DATABASE_URL: 'not a url hunter2' }, /DATABASE_URL is not a valid URL/],
    [{ DATABASE_URL: 'postgres://u:hunter2@db/gw', DATABASE_SCHEMA: 'Drop; x' }, /DATABASE_SCHEMA must be/],
    [{ DATABASE_URL: 'postgres://u:hunter2@db/gw', DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_SCHEMA: 'gw' }, /DATABASE_SCHEMA needs DATABASE_URL/],
    [{ REDIS_URL: 'http://:hunter2@cache' }, /REDIS_URL must be a redis/],
    [{ REDIS_URL: 'hunter2 at cache' }, /REDIS_URL is not a valid URL/],
    [{ REDIS_URL: 'redis://:hunter2@cache', REDIS_KEY_PREFIX: 'a b' }, /REDIS_KEY_PREFIX must be/],
    [{ REDIS_KEY_PREFIX: 'gw:' }, /REDIS_KEY_PREFIX needs REDIS_URL/],
  ])('refuses %j with one line that never quotes the password', (env, message) => {
    expect(() => loadStoresConfig(env)).toThrow(message);
    expect(() => loadStoresConfig(env)).not.toThrow(/hunter2/);
  });
});

describe('loadObservabilityConfig', () => {
  it('serves /metrics on loopback on a port of its own, and traces nothing, by default', () => {
    expect(loadObservabilityConfig({})).toEqual({
      metrics: { host: '127.0.0.1', port: DEFAULT_METRICS_PORT, bearerToken: null },
      tracing: null,
    });
    expect(loadObservabilityConfig({ METRICS_ENABLED: 'false' }).metrics).toBeNull();
  });

  it('takes a metrics host, port and bearer token, never the GraphQL port or a short token', () => {
    expect(
      loadObservabilityConfig({
        METRICS_HOST: '0.0.0.0',
        METRICS_PORT: '9100',
        METRICS_TOKEN: 'a-long-scrape-token',
      }).metrics,
    ).toEqual({ host: '0.0.0.0', port: 9100, bearerToken: 'a-long-scrape-token' });
    expect(() => loadObservabilityConfig({ METRICS_PORT: '4000' })).toThrow(
      /METRICS_PORT must differ from PORT/,
    );
    expect(() => loadObservabilityConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
  });

  it('traces over OTLP once an endpoint is set, unless the SDK is disabled', () => {
    expect(
      loadObservabilityConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=s%3Dcret, x-team=ops',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }).tracing,
    ).toEqual({
      endpoint: 'http://collector:4318/v1/traces',
      headers: { 'x-api-key': 's=cret', 'x-team': 'ops' },
      serviceName: 'oneatlas-gateway',
      sampleRatio: 0.25,
    });
    expect(
      loadObservabilityConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/v1/t' }).tracing
        ?.endpoint,
    ).toBe('https://traces.example/v1/t');
    expect(
      loadObservabilityConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })
        .tracing,
    ).toBeNull();
    expect(() =>
      loadObservabilityConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER_ARG: '2' }),
    ).toThrow(ConfigError);
  });

  it('never quotes an OTLP header value in its messages', () => {
    expect(() =>
      loadObservabilityConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_EXPORTER_OTLP_HEADERS: 'k=%E0%A4%A',
      }),
    ).toThrow(/^(?!.*%E0).*$/);
  });
});
