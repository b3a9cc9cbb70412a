import { randomUUID } from 'node:crypto';
import type { RequestLogFields, RequestScope } from '../http/request-scope.js';
import type { BearerTokens } from '../http/upstream-client.js';
import { type RedisStore, redisUnavailableError } from '../stores/redis.js';
import {
  endpointOf,
  type GrantedToken,
  type Refusal,
  refusalOf,
  requestToken,
  type TokenEndpoint,
  type TokenProviderOptions,
} from './token-provider.js';

export interface RedisTokenProviderOptions extends TokenProviderOptions {
  store: RedisStore;
  /** Names the credential's token in Redis: a digest or configured id, never the API key itself. */
  credentialId: string;
  /** How often a replica waiting for another's renewal looks for the new token. */
  pollMs?: number;
}

/** Deletes the stored token only if it is still `ARGV[1]`: the first replica refused with it drops it, not its successor. */
const DELETE_IF_CURRENT = `
if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const RELEASE_IF_OWNED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The bearer token of one credential, shared by every replica through Redis: one token request per
 * credential for the whole fleet. A replica that finds the token due for renewal claims the renewal
 * (`SET NX PX`, lasting one token request); the others keep using the current token while it is
 * still valid, or wait for the new one. Invalidation after a 401 drops the shared token only if it is
 * still the refused one, so every replica moves to the same replacement.
 *
 * The token is a secret: it lives in Redis under the credential id (which must therefore be access
 * controlled like the API key), and is never logged. Without Redis this refuses with STORE_UNAVAILABLE
 * rather than fetch a private token: that would not cost money, but the fleet would then hold
 * several tokens and double the token requests, which the shared mode exists to prevent.
 * A refused API key is remembered per replica (at most one refused request per replica per window).
 */
export class RedisTokenProvider implements BearerTokens {
  private readonly endpoint: TokenEndpoint;
  private readonly store: RedisStore;
  private readonly tokenKey: string;
  private readonly claimKey: string;
  private readonly pollMs: number;
  private inFlight: Promise<string> | undefined;
  private refusal: Refusal | undefined;
  /** Invalidations sent to Redis and not yet confirmed: a token read waits for them. */
  private invalidations: Promise<unknown> = Promise.resolve();

  constructor(options: RedisTokenProviderOptions) {
    this.endpoint = endpointOf(options);
    this.store = options.store;
    this.tokenKey = `token:${options.credentialId}`;
    this.claimKey = `token:${options.credentialId}:renewal`;
    this.pollMs = options.pollMs ?? 25;
  }

  async getToken(scope?: RequestScope): Promise<string> {
    await this.invalidations;
    const now = this.endpoint.now();
    const current = await this.stored();
    if (current !== undefined && now < current.renewAt) return current.token;
    if (this.refusal !== undefined && now < this.refusal.until) throw this.refusal.error;
    this.inFlight ??= this.renew(current, scope?.logFields).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  invalidate(token: string): void {
    this.invalidations = this.invalidations.then(() =>
      this.store.client.eval(DELETE_IF_CURRENT, 1, this.tokenKey, token).catch(() => {
        // The next read of the token fails with STORE_UNAVAILABLE anyway.
      }),
    );
  }

  /**
   * Renews once for the fleet: claims the renewal, or uses the current token while still valid, or
   * waits for the replica that claimed it. A claim lapses after one token request's time, so a
   * replica that died renewing delays the others by that much at most.
   */
  private async renew(
    current: GrantedToken | undefined,
    request: Readonly<RequestLogFields> | undefined,
  ): Promise<string> {
    for (;;) {
      const flightId = randomUUID();
      const claimMs = this.endpoint.timeoutMs + 1_000;
      const claimed = await this.command(() =>
        this.store.client.set(this.claimKey, flightId, 'PX', claimMs, 'NX'),
      );
      if (claimed === 'OK') return this.renewClaimed(flightId, request);
      if (current !== undefined && this.endpoint.now() < current.expiresAt) return current.token;
      const renewed = await this.awaitRenewal();
      if (renewed !== undefined) return renewed;
    }
  }

  private async renewClaimed(
    flightId: string,
    request: Readonly<RequestLogFields> | undefined,
  ): Promise<string> {
    try {
      // Another replica may have renewed between this replica's read and its claim.
      const latest = await this.stored();
      if (latest !== undefined && this.endpoint.now() < latest.renewAt) return latest.token;
      let granted: GrantedToken;
      try {
        granted = await requestToken(this.endpoint, request);
      } catch (error) {
        this.refusal = refusalOf(error, this.endpoint.now() + this.endpoint.refusalMemoryMs) ?? this.refusal;
        throw error;
      }
      this.refusal = undefined;
      await this.command(() =>
        this.store.client
          .multi()
          .hset(this.tokenKey, {
            token: granted.token,
            renewAt: granted.renewAt,
            expiresAt: granted.expiresAt,
          })
          .pexpireat(this.tokenKey, Math.ceil(granted.expiresAt))
          .exec(),
      );
      return granted.token;
    } finally {
      await this.store.client.eval(RELEASE_IF_OWNED, 1, this.claimKey, flightId).catch(() => {
        // The claim lapses by itself.
      });
    }
  }

  /** The renewed token once another replica stored it; undefined when its claim went without one. */
  private async awaitRenewal(): Promise<string | undefined> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      const latest = await this.stored();
      if (latest !== undefined && this.endpoint.now() < latest.renewAt) return latest.token;
      const claim = await this.command(() => this.store.client.exists(this.claimKey));
      if (claim === 0) return undefined;
    }
  }

  private async stored(): Promise<GrantedToken | undefined> {
    const fields = await this.command(() => this.store.client.hgetall(this.tokenKey));
    const renewAt = Number(fields.renewAt);
    const expiresAt = Number(fields.expiresAt);
    if (!fields.token || !Number.isFinite(renewAt) || !Number.isFinite(expiresAt)) return undefined;
    return { token: fields.token, renewAt, expiresAt };
  }

  private async command<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch {
      throw redisUnavailableError();
    }
  }
}
