/**
 * The Keycloak token endpoint (notes §1) and the bearer check of every /api call. Tokens are
 * JWT-looking opaque strings that expire after `tokenTtlSeconds` of real time, so tests can watch a
 * token expire in a second without touching the simulated clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type {
  WireAuthFailure,
  WireTokenError,
  WireTokenResponse,
} from '../datasources/oneatlas/wire/types.js';
import { isRecord } from './request-parsing.js';
import { UpstreamError } from './upstream-error.js';

export class TokenRegistry {
  private readonly apiKeyByToken = new Map<string, { apiKey: string; expiresAtMs: number }>();

  constructor(private readonly ttlSeconds: number) {}

  issue(apiKey: string): WireTokenResponse {
    const issuedAtSeconds = Math.floor(Date.now() / 1000);
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const accessToken = [
      encode({ alg: 'HS256', typ: 'JWT' }),
      encode({
        jti: randomUUID(),
        iat: issuedAtSeconds,
        exp: issuedAtSeconds + this.ttlSeconds,
        azp: 'IDP',
        typ: 'Bearer',
      }),
      randomBytes(32).toString('base64url'),
    ].join('.');
    this.apiKeyByToken.set(accessToken, { apiKey, expiresAtMs: Date.now() + this.ttlSeconds * 1000 });
    return {
      access_token: accessToken,
      expires_in: this.ttlSeconds,
      refresh_expires_in: 0,
      token_type: 'Bearer',
      'not-before-policy': 0,
      session_state: randomUUID(),
      scope: 'openid',
    };
  }

  /** The API key behind a live token, or null when the token is unknown or expired. */
  apiKeyOf(accessToken: string): string | null {
    const entry = this.apiKeyByToken.get(accessToken);
    if (entry === undefined) return null;
    if (Date.now() >= entry.expiresAtMs) {
      this.apiKeyByToken.delete(accessToken);
      return null;
    }
    return entry.apiKey;
  }
}

function tokenError(status: number, internalCode: string, message: string, hint: string): UpstreamError {
  const body: WireTokenError = {
    correlationId: randomUUID(),
    hint,
    internalCode,
    message,
    timestamp: Date.now(),
  };
  return new UpstreamError(status, body);
}

/** POST /auth/realms/IDP/protocol/openid-connect/token, form-encoded `apikey`, `client_id=IDP`, `grant_type=api_key`. */
export function tokenEndpoint(validApiKeys: ReadonlySet<string>, tokens: TokenRegistry): RequestHandler {
  return (req, res) => {
    const form: Record<string, unknown> = isRecord(req.body) ? req.body : {};
    if (form.grant_type !== 'api_key') {
      throw tokenError(
        400,
        'UNSUPPORTED_GRANT_TYPE',
        'Unsupported grant_type',
        'Send grant_type=api_key (form-encoded).',
      );
    }
    if (form.client_id !== 'IDP') {
      throw tokenError(400, 'INVALID_CLIENT', 'Invalid client_id', 'Send client_id=IDP.');
    }
    if (typeof form.apikey !== 'string' || form.apikey === '') {
      throw tokenError(400, 'MISSING_API_KEY', 'Missing apikey', 'Send your OneAtlas API key as apikey.');
    }
    if (!validApiKeys.has(form.apikey)) {
      throw tokenError(
        403,
        'INVALID_API_KEY',
        'Invalid API key',
        'Check the API key; a revoked or stale key is refused.',
      );
    }
    res.status(200).json(tokens.issue(form.apikey));
  };
}

const AUTHENTICATION_FAILED: WireAuthFailure = { message: 'Authentication failed (cause: Token expired)' };

/** Every /api call needs a live bearer token; its API key is kept for the per-key rate limits. */
export function requireBearerToken(tokens: TokenRegistry): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const apiKey = match?.[1] === undefined ? null : tokens.apiKeyOf(match[1]);
    if (apiKey === null) throw new UpstreamError(401, AUTHENTICATION_FAILED);
    res.locals.apiKey = apiKey;
    next();
  };
}

export function authenticatedApiKey(res: Response): string {
  const apiKey: unknown = res.locals.apiKey;
  return typeof apiKey === 'string' ? apiKey : '';
}
