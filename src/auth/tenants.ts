/**
 * The tenants file: which OneAtlas credentials the gateway holds, which tenants use them, with which
 * contracts, gateway API keys, budget and approval threshold. `src/config.ts` reads the file and the
 * secrets it names and hands them here; every mistake becomes one line of the start-up error.
 */
import { isRole, ROLES, type Role } from './caller.js';

/** One OneAtlas account the gateway calls with: everything that paces, caches or coalesces calls is keyed by its id. */
export interface OneAtlasCredential {
  id: string;
  apiKey: string;
  authUrl: string;
  orderUrl: string;
  searchUrl: string;
  dataUrl: string;
  accessUrl: string;
}

/** A gateway API key for a service caller, kept as the SHA-256 of the key (hex), never the key. */
export interface TenantApiKey {
  /** Names the caller in the journal (`api-key:<name>`) and in logs; not a secret. */
  name: string;
  sha256: Buffer;
  roles: ReadonlySet<Role>;
}

export interface Tenant {
  id: string;
  /** The value of the JWT tenant claim (AUTH_TENANT_CLAIM) that selects this tenant; defaults to the tenant id. */
  jwtClaimValue: string;
  credentialId: string;
  /** The first one is the default where a query or mutation omits its contract. */
  contracts: readonly string[];
  workspaceId: string | undefined;
  apiKeys: readonly TenantApiKey[];
  /** Placed and held orders may add up to this much per calendar month, in the contract's currency; null: no budget. */
  monthlyBudget: number | null;
  /** Orders priced above this wait for a caller with the approve role; null: none wait. */
  approvalThreshold: number | null;
}

export interface TenantsConfiguration {
  credentials: readonly OneAtlasCredential[];
  tenants: readonly Tenant[];
}

/** What parsing needs from the outside world (config.ts owns the environment and the files). */
export interface SecretSources {
  env: Record<string, string | undefined>;
  /** Reads a secret file; throws when it cannot. */
  readFile(path: string): string;
  defaultUrls: { authUrl: string; orderUrl: string; searchUrl: string; dataUrl: string; accessUrl: string };
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CONTRACT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the whole file and returns either the configuration or every mistake found, one line each
 * (never a secret's value: lines name the field, not what it holds).
 */
export function parseTenantsFile(
  document: unknown,
  sources: SecretSources,
): { ok: true; value: TenantsConfiguration } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (!isObject(document)) return { ok: false, errors: ['the file must hold a JSON object'] };
  const credentials = parseCredentials(document.credentials, sources, errors);
  const tenants = parseTenants(document.tenants, new Set(credentials.map((c) => c.id)), errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { credentials, tenants } };
}

function parseCredentials(value: unknown, sources: SecretSources, errors: string[]): OneAtlasCredential[] {
  if (!isObject(value) || Object.keys(value).length === 0) {
    errors.push('credentials must be an object with at least one OneAtlas credential');
    return [];
  }
  const credentials: OneAtlasCredential[] = [];
  for (const [id, entry] of Object.entries(value)) {
    const where = `credentials.${id}`;
    if (!ID.test(id)) errors.push(`${where}: the id must be 1-64 letters, digits, '.', '_' or '-'`);
    if (!isObject(entry)) {
      errors.push(`${where} must be an object`);
      continue;
    }
    const apiKey = secretOf(entry, where, sources, errors);
    const url = (field: keyof SecretSources['defaultUrls']) =>
      httpUrl(entry[field], `${where}.${field}`, sources.defaultUrls[field], errors);
    const credential = {
      id,
      apiKey,
      authUrl: url('authUrl'),
      orderUrl: url('orderUrl'),
      searchUrl: url('searchUrl'),
      dataUrl: url('dataUrl'),
      accessUrl: url('accessUrl'),
    };
    // Kept even when its key is missing, so tenants naming it are not reported as well.
    credentials.push(credential);
  }
  return credentials;
}

/** The OneAtlas API key, from an environment variable named in the file or from a secret file. */
function secretOf(entry: Json, where: string, sources: SecretSources, errors: string[]): string {
  const { apiKeyEnv, apiKeyFile } = entry;
  if ((apiKeyEnv === undefined) === (apiKeyFile === undefined)) {
    errors.push(`${where}: give exactly one of apiKeyEnv (a variable name) or apiKeyFile (a path)`);
    return '';
  }
  if (apiKeyEnv !== undefined) {
    if (typeof apiKeyEnv !== 'string' || !ENV_NAME.test(apiKeyEnv)) {
      errors.push(`${where}.apiKeyEnv must be an environment variable name (A-Z, 0-9, _)`);
      return '';
    }
    const key = sources.env[apiKeyEnv]?.trim();
    if (!key) errors.push(`${where}.apiKeyEnv: the variable ${apiKeyEnv} is not set`);
    return key ?? '';
  }
  if (typeof apiKeyFile !== 'string' || apiKeyFile.trim() === '') {
    errors.push(`${where}.apiKeyFile must be a file path`);
    return '';
  }
  let key: string;
  try {
    key = sources.readFile(apiKeyFile).trim();
  } catch {
    errors.push(`${where}.apiKeyFile: cannot read ${apiKeyFile}`);
    return '';
  }
  if (key === '') errors.push(`${where}.apiKeyFile: ${apiKeyFile} is empty`);
  return key;
}

function httpUrl(value: unknown, where: string, fallback: string, errors: string[]): string {
  if (value === undefined) return fallback;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    errors.push(`${where} must be an http(s) URL`);
    return fallback;
  }
  // Credentials in a URL would end up in logs.
  if (url.username || url.password) errors.push(`${where} must not contain credentials`);
  return (value as string).replace(/\/+$/, '');
}

function parseTenants(value: unknown, credentialIds: ReadonlySet<string>, errors: string[]): Tenant[] {
  if (!isObject(value) || Object.keys(value).length === 0) {
    errors.push('tenants must be an object with at least one tenant');
    return [];
  }
  const tenants = Object.entries(value).map(([id, entry]) => parseTenant(id, entry, credentialIds, errors));
  const claimOwners = new Map<string, string>();
  const keyOwners = new Map<string, string>();
  for (const tenant of tenants) {
    const other = claimOwners.get(tenant.jwtClaimValue);
    if (other !== undefined) errors.push(`tenants.${tenant.id}.jwtClaimValue is also ${other}'s`);
    claimOwners.set(tenant.jwtClaimValue, tenant.id);
    for (const key of tenant.apiKeys) {
      const hex = key.sha256.toString('hex');
      const owner = keyOwners.get(hex);
      if (owner !== undefined)
        errors.push(`tenants.${tenant.id}.apiKeys.${key.name}: the same key is also ${owner}'s`);
      keyOwners.set(hex, `${tenant.id}.${key.name}`);
    }
  }
  return tenants;
}

function parseTenant(
  id: string,
  entry: unknown,
  credentialIds: ReadonlySet<string>,
  errors: string[],
): Tenant {
  const where = `tenants.${id}`;
  if (!ID.test(id)) errors.push(`${where}: the id must be 1-64 letters, digits, '.', '_' or '-'`);
  const fields: Json = isObject(entry) ? entry : {};
  if (!isObject(entry)) errors.push(`${where} must be an object`);

  const credentialId = typeof fields.credential === 'string' ? fields.credential : '';
  if (!credentialIds.has(credentialId)) errors.push(`${where}.credential must name one of the credentials`);

  const contracts = Array.isArray(fields.contracts) ? fields.contracts : [];
  if (contracts.length === 0 || !contracts.every((c) => typeof c === 'string' && CONTRACT_ID.test(c))) {
    errors.push(`${where}.contracts must be a non-empty list of contract ids (e.g. CTR21000411)`);
  }
  const jwtClaimValue = fields.jwtClaimValue ?? id;
  if (typeof jwtClaimValue !== 'string' || jwtClaimValue.length === 0 || jwtClaimValue.length > 256) {
    errors.push(`${where}.jwtClaimValue must be a string of 1-256 characters`);
  }
  const workspaceId = fields.workspaceId;
  if (workspaceId !== undefined && (typeof workspaceId !== 'string' || !CONTRACT_ID.test(workspaceId))) {
    errors.push(`${where}.workspaceId must be a workspace id`);
  }
  return {
    id,
    jwtClaimValue: String(jwtClaimValue),
    credentialId,
    contracts: contracts.filter((c): c is string => typeof c === 'string'),
    workspaceId: typeof workspaceId === 'string' ? workspaceId : undefined,
    apiKeys: parseApiKeys(fields.apiKeys, where, errors),
    monthlyBudget: optionalAmount(fields.monthlyBudget, `${where}.monthlyBudget`, errors),
    approvalThreshold: optionalAmount(fields.approvalThreshold, `${where}.approvalThreshold`, errors),
  };
}

function parseApiKeys(value: unknown, where: string, errors: string[]): TenantApiKey[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push(`${where}.apiKeys must be a list`);
    return [];
  }
  return value.flatMap((entry, index): TenantApiKey[] => {
    const at = `${where}.apiKeys[${index}]`;
    if (!isObject(entry)) {
      errors.push(`${at} must be an object`);
      return [];
    }
    const { name, sha256, roles } = entry;
    let valid = true;
    if (typeof name !== 'string' || !ID.test(name)) {
      errors.push(`${at}.name must be 1-64 letters, digits, '.', '_' or '-'`);
      valid = false;
    }
    if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
      errors.push(`${at}.sha256 must be the key's SHA-256 as 64 lowercase hex digits (never the key itself)`);
      valid = false;
    }
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
      errors.push(`${at}.roles must be a non-empty list of ${ROLES.join(', ')}`);
      valid = false;
    }
    if (!valid) return [];
    return [
      { name: name as string, sha256: Buffer.from(sha256 as string, 'hex'), roles: new Set(roles as Role[]) },
    ];
  });
}

function optionalAmount(value: unknown, where: string, errors: string[]): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    errors.push(`${where} must be a non-negative number (in the contract's currency)`);
    return null;
  }
  return value;
}
