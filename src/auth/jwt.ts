import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';

/** How bearer JWTs are checked (AUTH_* settings). */
export interface JwtSettings {
  /** Where the signing keys come from: the identity provider's JWKS URL, or a key set read at start-up. */
  keys: { jwksUrl: string } | { jwks: JSONWebKeySet };
  issuer: string;
  audience: string;
  /** Accepted `alg` values; anything else (and `none`, always) is refused. */
  algorithms: readonly string[];
  /** Leeway on `exp` and `nbf`, for clocks that disagree a little. */
  clockSkewSeconds: number;
  /** The claim whose value names the tenant. */
  tenantClaim: string;
  /** The claim listing the caller's roles (a list, or a space-separated string like `scope`). */
  rolesClaim: string;
}

/** Why a token was refused, in words safe for a client: never the token or its claims. */
export class TokenRejected extends Error {
  override name = 'TokenRejected';
}

export type VerifyJwt = (token: string) => Promise<JWTPayload>;

export function createJwtVerifier(settings: JwtSettings): VerifyJwt {
  const keys: JWTVerifyGetKey =
    'jwksUrl' in settings.keys
      ? // jose caches the set, refetches on an unknown `kid` at most every 30 s, and bounds each fetch.
        createRemoteJWKSet(new URL(settings.keys.jwksUrl), {
          timeoutDuration: 5_000,
          cooldownDuration: 30_000,
        })
      : createLocalJWKSet(settings.keys.jwks);
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: [...settings.algorithms],
    clockTolerance: settings.clockSkewSeconds,
    requiredClaims: ['exp', 'sub'],
  };
  return async (token) => {
    try {
      return (await jwtVerify(token, keys, options)).payload;
    } catch (error) {
      throw new TokenRejected(reasonOf(error));
    }
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not accepted";
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return 'the token is not signed by a trusted key';
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return 'the signing keys could not be fetched';
  }
  return 'the token is not a valid JWT';
}
