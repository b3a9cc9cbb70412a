import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisTokenProvider } from '../../../src/datasources/auth/redis-token-provider.js';
import { TokenProvider, type TokenProviderOptions } from '../../../src/datasources/auth/token-provider.js';
import type { BearerTokens } from '../../../src/datasources/http/upstream-client.js';
import type { RedisStore } from '../../../src/datasources/stores/redis.js';
import { connectTestRedis, testRedisForFile } from '../../support/redis.js';
import {
  captureLogger,
  grantedToken,
  refusedUrl,
  StubUpstream,
  upstreamFailure,
} from '../../support/stub-upstream.js';

const TOKEN_PATH = '/auth/realms/IDP/protocol/openid-connect/token';
const API_KEY = 'key-4f1c9e-SECRET';

const testRedis = testRedisForFile('tokens');

/** Builds a provider; providers built for one test share one credential (as replicas of one deployment do). */
type Factory = (options: TokenProviderOptions, credentialId: string) => BearerTokens;

const implementations: [string, Factory][] = [
  ['in process', (options) => new TokenProvider(options)],
  [
    'Redis',
    (options, credentialId) =>
      new RedisTokenProvider({ ...options, store: testRedis.store(), credentialId, pollMs: 5 }),
  ],
];

describe.each(implementations)('TokenProvider (%s)', (_name, build) => {
  let stub: StubUpstream;
  let clock: number;
  let credentialId: string;
  const logs = captureLogger();

  function provider(options: Partial<TokenProviderOptions> = {}): BearerTokens {
    return build(
      {
        authUrl: `${stub.url}${TOKEN_PATH}`,
        apiKey: API_KEY,
        timeoutMs: 2_000,
        logger: logs.logger,
        now: () => clock,
        ...options,
      },
      credentialId,
    );
  }

  beforeEach(async () => {
    stub = await StubUpstream.start();
    clock = Date.now();
    credentialId = `credential-${randomUUID()}`;
    logs.lines.length = 0;
  });

  afterEach(async () => {
    await stub.close();
    // Whatever a test did, neither the key nor a token may reach a log line.
    for (const line of logs.lines) {
      expect(line).not.toContain(API_KEY);
      expect(line).not.toMatch(/tok-[A-Z]/);
    }
  });

  it('exchanges the API key with a form-encoded POST', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    await expect(provider().getToken()).resolves.toBe('tok-A');

    const [request] = stub.requests;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.accept).toBe('application/json');
    const form = new URLSearchParams(request?.body);
    expect(Object.fromEntries(form)).toEqual({ apikey: API_KEY, client_id: 'IDP', grant_type: 'api_key' });
  });

  it('sends one token request for 100 concurrent callers on a cold start', async () => {
    stub.on('POST', TOKEN_PATH, { ...grantedToken('tok-A'), delayMs: 50 });
    const tokens = provider();
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.getToken()));
    expect(new Set(results)).toEqual(new Set(['tok-A']));
    expect(stub.count('POST', TOKEN_PATH)).toBe(1);
  });

  it('reuses the token until renewBeforeSeconds before expiry, then renews', async () => {
    stub.on('POST', TOKEN_PATH, [grantedToken('tok-A', 3600), grantedToken('tok-B', 3600)]);
    const tokens = provider({ renewBeforeSeconds: 60 });
    await expect(tokens.getToken()).resolves.toBe('tok-A');

    clock += 3_539_000;
    await expect(tokens.getToken()).resolves.toBe('tok-A');
    expect(stub.count('POST', TOKEN_PATH)).toBe(1);

    clock += 2_000;
    await expect(tokens.getToken()).resolves.toBe('tok-B');
    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
  });

  it('uses a short-lived token for half its life before renewing', async () => {
    stub.on('POST', TOKEN_PATH, [grantedToken('tok-A', 2), grantedToken('tok-B', 2)]);
    const tokens = provider({ renewBeforeSeconds: 60 });
    await tokens.getToken();

    clock += 900;
    await expect(tokens.getToken()).resolves.toBe('tok-A');
    clock += 200;
    await expect(tokens.getToken()).resolves.toBe('tok-B');
    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
  });

  it('logs a renewal at info, without the token, with the X-Ads-Correlation-Id the request carried', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A', 3600));
    await provider().getToken();
    const correlationId = stub.requests[0]?.headers['x-ads-correlation-id'];
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const renewal = logs.entries().find((entry) => entry.msg === 'OneAtlas access token renewed');
    expect(renewal).toMatchObject({ level: 30, upstream: 'auth', expiresInSeconds: 3600, correlationId });
  });

  it('names a failed token request by its X-Ads-Correlation-Id, in the log and in the error', async () => {
    stub.on('POST', TOKEN_PATH, { status: 503, body: '<html>down</html>' });
    const error = await upstreamFailure(provider().getToken());
    const correlationId = stub.requests[0]?.headers['x-ads-correlation-id'];
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.extensions.correlationId).toBe(correlationId);
    const failure = logs.entries().find((entry) => entry.msg === 'OneAtlas token request failed');
    expect(failure).toMatchObject({ level: 40, upstream: 'auth', correlationId });
  });

  it('invalidates only the current token', async () => {
    stub.on('POST', TOKEN_PATH, [
      grantedToken('tok-A'),
      { ...grantedToken('tok-B'), delayMs: 30 },
      grantedToken('tok-C'),
    ]);
    const tokens = provider();
    await tokens.getToken();

    tokens.invalidate('tok-OLD');
    await expect(tokens.getToken()).resolves.toBe('tok-A');
    expect(stub.count('POST', TOKEN_PATH)).toBe(1);

    // Fifty calls that all failed with tok-A: one renewal between them.
    const renewed = await Promise.all(
      Array.from({ length: 50 }, () => {
        tokens.invalidate('tok-A');
        return tokens.getToken();
      }),
    );
    expect(new Set(renewed)).toEqual(new Set(['tok-B']));
    tokens.invalidate('tok-A');
    await expect(tokens.getToken()).resolves.toBe('tok-B');
    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
  });

  it('reports a refused key (403) as UPSTREAM_AUTH_FAILED and does not ask again within the refusal window', async () => {
    stub.on('POST', TOKEN_PATH, [
      {
        status: 403,
        body: {
          correlationId: 'c1',
          hint: `apikey ${API_KEY} is revoked`,
          internalCode: 'INVALID_KEY',
          message: `Invalid key ${API_KEY}`,
          timestamp: 1,
        },
      },
      grantedToken('tok-A'),
    ]);
    const tokens = provider({ refusalMemoryMs: 30_000 });

    const first = await upstreamFailure(tokens.getToken());
    expect(first.code).toBe('UPSTREAM_AUTH_FAILED');
    expect(first.message).toBe('OneAtlas refused the configured API key.');
    expect(first.message).not.toContain(API_KEY);

    const burst = await Promise.all(Array.from({ length: 20 }, () => upstreamFailure(tokens.getToken())));
    expect(burst.every((error) => error.code === 'UPSTREAM_AUTH_FAILED')).toBe(true);
    clock += 29_000;
    await upstreamFailure(tokens.getToken());
    expect(stub.count('POST', TOKEN_PATH)).toBe(1);

    clock += 2_000;
    await expect(tokens.getToken()).resolves.toBe('tok-A');
    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
  });

  it('reports a 5xx as UPSTREAM_UNAVAILABLE and asks again on the next call', async () => {
    stub.on('POST', TOKEN_PATH, [{ status: 503, body: '<html>down</html>' }, grantedToken('tok-A')]);
    const tokens = provider();
    const error = await upstreamFailure(tokens.getToken());
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    await expect(tokens.getToken()).resolves.toBe('tok-A');
    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
  });

  it('shares one failure between concurrent callers', async () => {
    stub.on('POST', TOKEN_PATH, { status: 500, body: { code: 'BOOM' }, delayMs: 30 });
    const tokens = provider();
    const errors = await Promise.all(Array.from({ length: 10 }, () => upstreamFailure(tokens.getToken())));
    expect(errors.every((error) => error.code === 'UPSTREAM_UNAVAILABLE')).toBe(true);
    expect(stub.count('POST', TOKEN_PATH)).toBe(1);
  });

  it.each([
    ['not JSON', 'access_token=tok-X'],
    ['no token', { expires_in: 3600 }],
    ['no expiry', { access_token: 'tok-X' }],
  ])('reports a malformed token answer (%s) as UPSTREAM_UNAVAILABLE', async (_case, body) => {
    stub.on('POST', TOKEN_PATH, { body });
    const error = await upstreamFailure(provider().getToken());
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('The OneAtlas token endpoint sent a malformed answer.');
  });

  it('times out a token endpoint that does not answer', async () => {
    stub.on('POST', TOKEN_PATH, { ...grantedToken('tok-A'), delayMs: 1_000 });
    const error = await upstreamFailure(provider({ timeoutMs: 100 }).getToken());
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.message).toBe('The OneAtlas token endpoint did not answer within 100 ms.');
  });

  it('reports a refused connection as UPSTREAM_UNAVAILABLE and logs the cause without the URL', async () => {
    const url = await refusedUrl();
    const error = await upstreamFailure(provider({ authUrl: `${url}${TOKEN_PATH}` }).getToken());
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('The OneAtlas token endpoint could not be reached.');
    const warning = logs.entries().find((entry) => entry.msg === 'OneAtlas token request failed');
    expect(warning).toMatchObject({ level: 40, networkCause: 'ECONNREFUSED' });
    expect(logs.lines.join('\n')).not.toContain(url);
  });
});

describe('RedisTokenProvider: replicas sharing one Redis', () => {
  let stub: StubUpstream;
  const logs = captureLogger();
  const credentialId = `credential-${randomUUID()}`;
  const replica = (store: RedisStore = testRedis.store()) =>
    new RedisTokenProvider({
      authUrl: `${stub.url}${TOKEN_PATH}`,
      apiKey: API_KEY,
      timeoutMs: 2_000,
      logger: logs.logger,
      store,
      credentialId,
      pollMs: 5,
    });

  beforeEach(async () => {
    stub = await StubUpstream.start();
  });
  afterEach(async () => {
    await stub.close();
  });

  it('sends one token request for two replicas starting cold, and moves both to one replacement', async () => {
    stub.on('POST', TOKEN_PATH, [{ ...grantedToken('tok-A'), delayMs: 50 }, grantedToken('tok-B')]);
    const [first, second] = [replica(), replica()];
    const tokens = await Promise.all(
      Array.from({ length: 40 }, (_, index) => (index % 2 ? first : second).getToken()),
    );
    expect(new Set(tokens)).toEqual(new Set(['tok-A']));
    expect(stub.count('POST', TOKEN_PATH)).toBe(1);

    first.invalidate('tok-A');
    await expect(first.getToken()).resolves.toBe('tok-B');
    second.invalidate('tok-A');
    await expect(second.getToken()).resolves.toBe('tok-B');
    expect(stub.count('POST', TOKEN_PATH)).toBe(2);
    // The token is stored under the credential id, never under the key, and never logged.
    expect(logs.lines.join('\n')).not.toMatch(/tok-[AB]|key-4f1c9e/);
    const keys = await testRedis.store().client.keys(`${testRedis.keyPrefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain(API_KEY);
  });

  it('refuses with STORE_UNAVAILABLE, without asking for a private token, when Redis does not answer', async () => {
    stub.on('POST', TOKEN_PATH, grantedToken('tok-A'));
    const store = await connectTestRedis(testRedis.keyPrefix);
    store.client.disconnect();
    await expect(replica(store).getToken()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(stub.count('POST', TOKEN_PATH)).toBe(0);
    await store.close();
  });
});
