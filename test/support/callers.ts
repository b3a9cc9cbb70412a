import { Writable } from 'node:stream';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { sha256Of } from '../../src/auth/api-keys.js';
import type { Role } from '../../src/auth/caller.js';
import type { JwtSettings } from '../../src/auth/jwt.js';
import type { TenantsConfiguration } from '../../src/auth/tenants.js';
import type { CallerConfig } from '../../src/gateway.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import type { GraphQLResponse } from './gateway.js';

/**
 * Two tenants on two OneAtlas accounts of one simulator, a key pair that signs their tokens, and
 * canary secrets (OneAtlas keys, gateway API keys) that tests look for in every answer and log line.
 */

export const ISSUER = 'https://idp.test.example/';
export const AUDIENCE = 'oneatlas-gateway';
/** The seeded legacy contract (all four seeded taskings) is alpha's; the Neo contract is beta's. */
export const ALPHA_CONTRACT = 'CTR21000411';
export const BETA_CONTRACT = 'CTR22000512';
export const ALPHA_ONEATLAS_KEY = 'canary-oneatlas-key-alpha-7f3a9c';
export const BETA_ONEATLAS_KEY = 'canary-oneatlas-key-beta-2e8d41';
export const ALPHA_GATEWAY_KEY = 'canary-gateway-key-alpha-c0ffee0123456789abcdef';
export const BETA_GATEWAY_KEY = 'canary-gateway-key-beta-deadbeef0123456789abcd';

export interface Signer {
  /** A token for `tenant` with `roles`; `claims` override or add claims (exp, aud…). */
  token(tenant: string, roles: readonly Role[], claims?: Record<string, unknown>): Promise<string>;
  publicJwk: JWK;
}

export async function createSigner(): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256' };
  return {
    publicJwk,
    token: (tenant, roles, claims = {}) =>
      new SignJWT({ tenant, roles, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(ISSUER)
        .setAudience(typeof claims.aud === 'string' ? claims.aud : AUDIENCE)
        .setSubject(`user-of-${tenant}`)
        .setIssuedAt()
        .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : '10m')
        .sign(privateKey),
  };
}

/** Alpha and beta, each on its own OneAtlas key of `simulator` (started with `otherApiKeys: [BETA_ONEATLAS_KEY]`). */
export function twoTenants(simulator: RunningSimulator, signer: Signer): CallerConfig {
  const urls = simulator.endpoints;
  const tenants: TenantsConfiguration = {
    credentials: [
      { id: 'account-alpha', apiKey: simulator.apiKey, ...urls },
      { id: 'account-beta', apiKey: BETA_ONEATLAS_KEY, ...urls },
    ],
    tenants: [
      {
        id: 'alpha',
        jwtClaimValue: 'alpha',
        credentialId: 'account-alpha',
        contracts: [ALPHA_CONTRACT],
        workspaceId: simulator.workspaceId,
        apiKeys: [{ name: 'alpha-batch', sha256: sha256Of(ALPHA_GATEWAY_KEY), roles: new Set(['read']) }],
        monthlyBudget: null,
        approvalThreshold: null,
      },
      {
        id: 'beta',
        jwtClaimValue: 'beta',
        credentialId: 'account-beta',
        contracts: [BETA_CONTRACT],
        workspaceId: undefined,
        apiKeys: [
          { name: 'beta-batch', sha256: sha256Of(BETA_GATEWAY_KEY), roles: new Set(['read', 'order']) },
        ],
        monthlyBudget: null,
        approvalThreshold: null,
      },
    ],
  };
  const jwt: JwtSettings = {
    keys: { jwks: { keys: [signer.publicJwk] } },
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['RS256'],
    clockSkewSeconds: 5,
    tenantClaim: 'tenant',
    rolesClaim: 'roles',
  };
  return { tenants, jwt };
}

/** A simulator with both tenants' OneAtlas keys (alpha's is its own), not throttling tests. */
export function startTwoAccountSimulator(): Promise<RunningSimulator> {
  return startSimulator({
    orderApiMaxRps: 1000,
    apiKey: ALPHA_ONEATLAS_KEY,
    otherApiKeys: [BETA_ONEATLAS_KEY],
  });
}

/** A tenant's spending guard: amounts in its contracts' currency; null: none. */
export interface Spending {
  monthlyBudget: number | null;
  approvalThreshold: number | null;
}

/** `twoTenants`, with `tenantId`'s spending guard set to `spending` (the other keeps none). */
export function twoTenantsSpending(
  simulator: RunningSimulator,
  signer: Signer,
  tenantId: 'alpha' | 'beta',
  spending: Spending,
): CallerConfig {
  const callers = twoTenants(simulator, signer);
  return {
    ...callers,
    tenants: {
      ...callers.tenants,
      tenants: callers.tenants.tenants.map((tenant) =>
        tenant.id === tenantId ? { ...tenant, ...spending } : tenant,
      ),
    },
  };
}

/**
 * `callers` with one more tenant, `id`, on the OneAtlas account and contracts of `sharing` (no API
 * keys, no spending guard): two tenants sharing a contract, as two departments of one company may.
 * `contracts` gives the new tenant others on that account instead.
 */
export function withSharingTenant(
  callers: CallerConfig,
  sharing: string,
  id: string,
  contracts?: readonly string[],
): CallerConfig {
  const shared = callers.tenants.tenants.find((tenant) => tenant.id === sharing);
  if (shared === undefined) throw new Error(`no tenant ${sharing}`);
  const tenant = {
    ...shared,
    id,
    jwtClaimValue: id,
    contracts: contracts ?? shared.contracts,
    apiKeys: [],
    monthlyBudget: null,
    approvalThreshold: null,
  };
  return { ...callers, tenants: { ...callers.tenants, tenants: [...callers.tenants.tenants, tenant] } };
}

/** POSTs one operation with an Authorization header (none when `authorization` is undefined). */
export async function postAs<TData = Record<string, unknown>>(
  gatewayUrl: string,
  authorization: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<TData> & { text: string }> {
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization !== undefined && { authorization }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, ...(JSON.parse(text) as object) };
}

/**
 * A caller signed in as `tenant` with `roles`, posting to the gateway `gatewayUrl()` names when it is
 * called (tests that restart their gateway keep the caller).
 */
export async function signedCaller<TAnswer>(
  signer: Signer,
  gatewayUrl: () => string,
  tenant: string,
  roles: readonly Role[],
) {
  const authorization = `Bearer ${await signer.token(tenant, roles)}`;
  return <TData = TAnswer>(query: string, variables: Record<string, unknown>) =>
    postAs<TData>(gatewayUrl(), authorization, query, variables);
}

/** A logger at debug level whose lines are kept as text, to search for secrets. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('debug', sink), lines };
}
