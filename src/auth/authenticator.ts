import type { IncomingHttpHeaders } from 'node:http';
import type { JWTPayload } from 'jose';
import { unauthenticated } from '../errors.js';
import type { Logger } from '../logger.js';
import { findApiKey } from './api-keys.js';
import { type Caller, isRole, ROLES, type Role } from './caller.js';
import { createJwtVerifier, type JwtSettings, TokenRejected, type VerifyJwt } from './jwt.js';
import type { Tenant } from './tenants.js';

/** Turns a request's headers into a verified caller, or throws UNAUTHENTICATED. */
export type Authenticate = (headers: IncomingHttpHeaders, requestId: string) => Promise<Caller>;

/** Long enough for any real JWT or key; a longer header is refused before any parsing or hashing. */
const MAX_CREDENTIAL_LENGTH = 8_192;
/** Printable, without spaces: the subject is written to the journal and logs. */
const SANE_SUBJECT = /^[\x21-\x7e]{1,256}$/;

/**
 * `Authorization: Bearer <JWT>` for people and services with an identity provider,
 * `Authorization: ApiKey <key>` for service callers holding a gateway API key. The credentials
 * themselves are never logged or echoed: refusals log the reason and the request id only.
 */
export function createAuthenticator(options: {
  tenants: readonly Tenant[];
  jwt: JwtSettings | null;
  logger: Logger;
}): Authenticate {
  const { tenants, jwt, logger } = options;
  const verify: VerifyJwt | null = jwt === null ? null : createJwtVerifier(jwt);
  const byClaim = new Map(tenants.map((tenant) => [tenant.jwtClaimValue, tenant]));
  const keys = tenants.flatMap((tenant) => tenant.apiKeys.map((key) => ({ ...key, tenant })));
  // A service sends the same key with every request: once verified, it maps straight to its caller.
  // Only keys of the tenants file get in, so this holds at most one entry per configured key; a
  // wrong guess always takes the constant-time comparison.
  const verifiedKeys = new Map<string, Caller>();

  const refuse = (requestId: string, reason: string) => {
    logger.info({ requestId, reason }, 'caller not authenticated');
    return unauthenticated(reason);
  };

  return async (headers, requestId) => {
    const header = headers.authorization;
    if (header === undefined || header === '') {
      throw refuse(requestId, 'send Authorization: Bearer <token> or Authorization: ApiKey <key>');
    }
    if (header.length > MAX_CREDENTIAL_LENGTH)
      throw refuse(requestId, 'the Authorization header is too long');
    const match = /^(Bearer|ApiKey) +(\S+)$/i.exec(header);
    if (match === null)
      throw refuse(requestId, 'the Authorization header is not Bearer <token> or ApiKey <key>');
    const [, scheme = '', credential = ''] = match;

    if (scheme.toLowerCase() === 'apikey') {
      const known = verifiedKeys.get(credential);
      if (known !== undefined) return known;
      const key = findApiKey(credential, keys);
      if (key === undefined) throw refuse(requestId, 'unknown API key');
      const caller = callerOf(key.tenant, `api-key:${key.name}`, key.roles);
      verifiedKeys.set(credential, caller);
      return caller;
    }
    if (verify === null || jwt === null) {
      throw refuse(requestId, 'bearer tokens are not accepted here (no AUTH_JWKS_URL or AUTH_JWKS_FILE)');
    }
    let claims: JWTPayload;
    try {
      claims = await verify(credential);
    } catch (error) {
      if (error instanceof TokenRejected) throw refuse(requestId, error.message);
      throw error;
    }
    const tenantClaim = claims[jwt.tenantClaim];
    const tenant = typeof tenantClaim === 'string' ? byClaim.get(tenantClaim) : undefined;
    if (tenant === undefined)
      throw refuse(requestId, `the token's ${jwt.tenantClaim} claim names no tenant here`);
    if (typeof claims.sub !== 'string' || !SANE_SUBJECT.test(claims.sub)) {
      throw refuse(requestId, "the token's sub claim must be 1-256 printable characters");
    }
    return callerOf(tenant, claims.sub, rolesOf(claims[jwt.rolesClaim]));
  };
}

/** Roles the gateway knows, from a list or a space-separated string; anything else is ignored. */
function rolesOf(claim: unknown): ReadonlySet<Role> {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
  return new Set(values.filter(isRole));
}

function callerOf(tenant: Tenant, subject: string, roles: ReadonlySet<Role>): Caller {
  return {
    tenantId: tenant.id,
    subject,
    roles,
    credentialId: tenant.credentialId,
    contracts: { kind: 'listed', ids: tenant.contracts },
    defaults: { contractId: tenant.contracts[0] ?? '', workspaceId: tenant.workspaceId },
    spending: { monthlyBudget: tenant.monthlyBudget, approvalThreshold: tenant.approvalThreshold },
  };
}

/** The credential id of the one OneAtlas key used in development mode. */
export const DEVELOPMENT_CREDENTIAL_ID = 'development';
/** The one tenant of development mode: everyone who can reach the gateway. */
export const DEVELOPMENT_TENANT_ID = 'development';

/**
 * Development mode (embedded simulator, no tenants file): every request is the built-in development
 * tenant, with every role and every contract of the simulator's key. main.ts refuses it in production.
 */
export function developmentAuthenticator(defaults: Caller['defaults']): Authenticate {
  const caller: Caller = {
    tenantId: DEVELOPMENT_TENANT_ID,
    subject: 'developer',
    roles: new Set(ROLES),
    credentialId: DEVELOPMENT_CREDENTIAL_ID,
    contracts: { kind: 'any' },
    defaults,
    spending: { monthlyBudget: null, approvalThreshold: null },
  };
  return async () => caller;
}
