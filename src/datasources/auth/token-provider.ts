import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { recordTokenRequest } from '../../observability/metrics.js';
import { type Exchange, elapsedMs, exchange } from '../http/exchange.js';
import type { RequestLogFields, RequestScope } from '../http/request-scope.js';
import type { BearerTokens } from '../http/upstream-client.js';
import { upstreamErrorFromResponse } from '../oneatlas/errors.js';
import { UpstreamError, upstreamMalformedError } from '../upstream-errors.js';

export interface TokenProviderOptions {
  authUrl: string;
  apiKey: string;
  timeoutMs: number;
  logger: Logger;
  /** Renew this long before the token expires, so a call never leaves with a token about to lapse. */
  renewBeforeSeconds?: number;
  /** How long a refused API key is answered from memory instead of asking the token endpoint again. */
  refusalMemoryMs?: number;
  now?: () => number;
}

export interface Refusal {
  error: UpstreamError;
  until: number;
}

/**
 * Exchanges one API key for bearer tokens: cached, renewed ahead of expiry, one token request in
 * flight however many callers wait for it. OneAtlas issues no refresh token, so renewing means
 * repeating the API-key exchange.
 */
export class TokenProvider implements BearerTokens {
  private readonly endpoint: TokenEndpoint;
  private readonly now: () => number;

  private cached: GrantedToken | undefined;
  private inFlight: Promise<string> | undefined;
  private refusal: Refusal | undefined;

  constructor(options: TokenProviderOptions) {
    this.endpoint = endpointOf(options);
    this.now = this.endpoint.now;
  }

  async getToken(scope?: RequestScope): Promise<string> {
    const now = this.now();
    if (this.cached !== undefined && now < this.cached.renewAt) return this.cached.token;
    // A refused key stays refused until someone fixes the configuration; asking again on every
    // request of a burst would only hammer the token endpoint.
    if (this.refusal !== undefined && now < this.refusal.until) throw this.refusal.error;
    this.inFlight ??= this.renew(scope?.logFields).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /**
   * Forgets `token` after the upstream refused it, but only if it is still the current one: when many
   * calls fail with the same token, the first drops it and the rest reuse its replacement.
   */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async renew(request: Readonly<RequestLogFields> | undefined): Promise<string> {
    try {
      const granted = await requestToken(this.endpoint, request);
      this.cached = granted;
      this.refusal = undefined;
      return granted.token;
    } catch (error) {
      this.refusal = refusalOf(error, this.now() + this.endpoint.refusalMemoryMs) ?? this.refusal;
      throw error;
    }
  }
}

/** What the token endpoint granted, and when to ask again. */
export interface GrantedToken {
  token: string;
  /** Renew from then on (ahead of expiry). */
  renewAt: number;
  /** No longer usable from then on. */
  expiresAt: number;
}

export interface TokenEndpoint {
  authUrl: URL;
  apiKey: string;
  timeoutMs: number;
  logger: Logger;
  renewBeforeSeconds: number;
  refusalMemoryMs: number;
  now: () => number;
}

export function endpointOf({
  authUrl,
  apiKey,
  timeoutMs,
  logger,
  renewBeforeSeconds = 60,
  refusalMemoryMs = 30_000,
  now = Date.now,
}: TokenProviderOptions): TokenEndpoint {
  return { authUrl: new URL(authUrl), apiKey, timeoutMs, logger, renewBeforeSeconds, refusalMemoryMs, now };
}

/** A refused API key is remembered (until `until`): asking again on every request would only hammer the endpoint. */
export function refusalOf(error: unknown, until: number): Refusal | undefined {
  if (error instanceof UpstreamError && error.code === ErrorCode.UPSTREAM_AUTH_FAILED)
    return { error, until };
  return undefined;
}

/**
 * One API-key exchange at the token endpoint. Logs its outcome, never the key or the token, with the
 * `X-Ads-Correlation-Id` it sent (as every OneAtlas call carries one), which a failure carries too,
 * and the ids of the request it was asked for (`request`; none for background work).
 */
export async function requestToken(
  endpoint: TokenEndpoint,
  request: Readonly<RequestLogFields> | undefined,
): Promise<GrantedToken> {
  // Expiry counts from when the request left, so a slow answer cannot make the token outlive its real life.
  const requestedAt = endpoint.now();
  const started = performance.now();
  const correlationId = randomUUID();
  const failed = (error: UpstreamError): UpstreamError => {
    const labelled = error.withCorrelationId(correlationId);
    recordTokenRequest(labelled.code);
    endpoint.logger.warn(
      {
        ...request,
        upstream: 'auth',
        correlationId,
        code: error.code,
        status: error.status,
        upstreamCode: error.upstreamCode,
        networkCause: error.networkCause,
        durationMs: elapsedMs(started),
      },
      'OneAtlas token request failed',
    );
    return labelled;
  };
  let answer: Exchange;
  try {
    answer = await exchange({
      upstream: 'auth',
      url: endpoint.authUrl,
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Ads-Correlation-Id': correlationId,
      },
      body: new URLSearchParams({
        apikey: endpoint.apiKey,
        client_id: 'IDP',
        grant_type: 'api_key',
      }).toString(),
      timeoutMs: endpoint.timeoutMs,
    });
  } catch (error) {
    throw error instanceof UpstreamError ? failed(error) : error;
  }

  if (answer.status < 200 || answer.status >= 300) {
    throw failed(
      upstreamErrorFromResponse('auth', answer.status, answer.bodyText, answer.headers.get('retry-after')),
    );
  }

  const granted = parseTokenResponse(answer.bodyText);
  if (granted === undefined) {
    throw failed(upstreamMalformedError('auth', answer.status));
  }
  // Renew ahead of expiry, but never before half the token's life: a short-lived token (tests, a
  // misconfigured realm) must still be used rather than renewed on every call.
  const lifetimeSeconds = Math.max(granted.expiresIn - endpoint.renewBeforeSeconds, granted.expiresIn / 2);
  recordTokenRequest();
  endpoint.logger.info(
    {
      ...request,
      upstream: 'auth',
      correlationId,
      expiresInSeconds: granted.expiresIn,
      durationMs: elapsedMs(started),
    },
    'OneAtlas access token renewed',
  );
  return {
    token: granted.token,
    renewAt: requestedAt + lifetimeSeconds * 1000,
    expiresAt: requestedAt + granted.expiresIn * 1000,
  };
}

function parseTokenResponse(bodyText: string): { token: string; expiresIn: number } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const { access_token: token, expires_in: expiresIn } = json as {
    access_token?: unknown;
    expires_in?: unknown;
  };
  if (typeof token !== 'string' || token === '') return undefined;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) return undefined;
  return { token, expiresIn };
}
