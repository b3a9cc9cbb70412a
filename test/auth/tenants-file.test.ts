import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../../src/auth/api-keys.js';
import { parseTenantsFile } from '../../src/auth/tenants.js';
import { assertCallersConfigured, ConfigError, loadConfig } from '../../src/config.js';

const folder = mkdtempSync(join(tmpdir(), 'tenants-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const SOURCES = {
  env: { KEY_A: 'secret-oneatlas-key-a' },
  readFile: (path: string) => {
    if (path === '/run/secrets/b') return 'secret-oneatlas-key-b\n';
    throw new Error('ENOENT');
  },
  defaultUrls: {
    authUrl: 'https://auth.example',
    orderUrl: 'https://order.example',
    searchUrl: 'https://search.example',
    dataUrl: 'https://data.example',
    accessUrl: 'https://access.example',
  },
};

const VALID = {
  credentials: {
    a: { apiKeyEnv: 'KEY_A' },
    b: { apiKeyFile: '/run/secrets/b', orderUrl: 'https://order.b.example/' },
  },
  tenants: {
    imagery: {
      credential: 'a',
      contracts: ['CTR1', 'CTR2'],
      apiKeys: [{ name: 'batch', sha256: sha256Of('gateway-key').toString('hex'), roles: ['read', 'order'] }],
      monthlyBudget: 5000,
      approvalThreshold: 1000,
    },
    mapping: { credential: 'b', contracts: ['CTR3'], jwtClaimValue: 'team-mapping' },
  },
};

describe('the tenants file', () => {
  it('maps tenants to credentials, contracts, hashed keys, budget and threshold', () => {
    const parsed = parseTenantsFile(VALID, SOURCES);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.value.credentials).toEqual([
      { id: 'a', apiKey: 'secret-oneatlas-key-a', ...SOURCES.defaultUrls },
      {
        id: 'b',
        apiKey: 'secret-oneatlas-key-b',
        authUrl: 'https://auth.example',
        orderUrl: 'https://order.b.example',
        searchUrl: 'https://search.example',
        dataUrl: 'https://data.example',
        accessUrl: 'https://access.example',
      },
    ]);
    const [imagery, mapping] = parsed.value.tenants;
    expect(imagery).toMatchObject({
      id: 'imagery',
      jwtClaimValue: 'imagery',
      contracts: ['CTR1', 'CTR2'],
      monthlyBudget: 5000,
      approvalThreshold: 1000,
    });
    expect(imagery?.apiKeys[0]?.roles).toEqual(new Set(['read', 'order']));
    expect(mapping).toMatchObject({
      jwtClaimValue: 'team-mapping',
      monthlyBudget: null,
      approvalThreshold: null,
    });
  });

  it('reports every mistake, one line each, without quoting a secret', () => {
    const parsed = parseTenantsFile(
      {
        credentials: {
          a: { apiKeyEnv: 'MISSING' },
          b: { apiKeyFile: '/nope' },
          c: { apiKeyEnv: 'KEY_A', apiKeyFile: '/x' },
        },
        tenants: {
          t1: {
            credential: 'zzz',
            contracts: [],
            apiKeys: [{ name: 'k', sha256: 'gateway-key-in-clear', roles: ['root'] }],
            monthlyBudget: -1,
          },
          t2: { credential: 'a', contracts: ['CTR1'], jwtClaimValue: 't3' },
          t3: { credential: 'a', contracts: ['CTR1'] },
        },
      },
      SOURCES,
    );
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors).toEqual([
      'credentials.a.apiKeyEnv: the variable MISSING is not set',
      'credentials.b.apiKeyFile: cannot read /nope',
      'credentials.c: give exactly one of apiKeyEnv (a variable name) or apiKeyFile (a path)',
      'tenants.t1.credential must name one of the credentials',
      'tenants.t1.contracts must be a non-empty list of contract ids (e.g. CTR21000411)',
      "tenants.t1.apiKeys[0].sha256 must be the key's SHA-256 as 64 lowercase hex digits (never the key itself)",
      'tenants.t1.apiKeys[0].roles must be a non-empty list of read, order, approve, admin, schema',
      "tenants.t1.monthlyBudget must be a non-negative number (in the contract's currency)",
      "tenants.t3.jwtClaimValue is also t2's",
    ]);
    expect(errors.join('\n')).not.toContain('gateway-key-in-clear');
  });
});

describe('security configuration', () => {
  const secretFile = join(folder, 'b.key');
  writeFileSync(secretFile, 'secret-oneatlas-key-b\n');
  const onDisk = { ...VALID, credentials: { ...VALID.credentials, b: { apiKeyFile: secretFile } } };

  it('reads the tenants file named by GATEWAY_TENANTS_FILE, and prefixes each mistake with it', () => {
    const path = join(folder, 'tenants.json');
    writeFileSync(path, JSON.stringify({ credentials: {}, tenants: {} }));
    expect(() => loadConfig({ GATEWAY_TENANTS_FILE: path })).toThrow(
      new ConfigError(
        `GATEWAY_TENANTS_FILE (${path}): credentials must be an object with at least one OneAtlas credential.\n` +
          `GATEWAY_TENANTS_FILE (${path}): tenants must be an object with at least one tenant.`,
      ),
    );
    writeFileSync(path, JSON.stringify(onDisk));
    const config = loadConfig({
      GATEWAY_TENANTS_FILE: path,
      KEY_A: 'k',
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ISSUER: 'https://idp.example/',
      AUTH_AUDIENCE: 'gw',
    });
    expect(config.security.tenants?.tenants).toHaveLength(2);
    expect(config.security.tenants?.credentials[1]?.apiKey).toBe('secret-oneatlas-key-b');
    expect(config.security.jwt).toMatchObject({
      algorithms: ['RS256', 'ES256'],
      clockSkewSeconds: 30,
      tenantClaim: 'tenant',
      rolesClaim: 'roles',
    });
  });

  it.each([
    [{ NODE_ENV: 'production' }, /GATEWAY_TENANTS_FILE is required when NODE_ENV=production/],
    [{ AUTH_JWKS_URL: 'https://idp.example/jwks' }, /AUTH_ISSUER and AUTH_AUDIENCE are required/],
    [
      {
        AUTH_JWKS_URL: 'https://i/j',
        AUTH_ISSUER: 'i',
        AUTH_AUDIENCE: 'a',
        AUTH_ALGORITHMS: 'RS256,none,HS256',
      },
      /not none, HS256/,
    ],
    [{ GRAPHIQL: 'yes' }, /GRAPHIQL must be true or false/],
    [{ HTTP_MAX_CONNECTIONS: '0' }, /HTTP_MAX_CONNECTIONS must be a positive integer/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('turns introspection, GraphiQL and field suggestions off in production by default', () => {
    const path = join(folder, 'tenants-prod.json');
    writeFileSync(path, JSON.stringify(onDisk));
    const { security } = loadConfig({ NODE_ENV: 'production', GATEWAY_TENANTS_FILE: path, KEY_A: 'k' });
    expect([security.introspection, security.graphiql, security.fieldSuggestions]).toEqual([
      false,
      false,
      false,
    ]);
    expect(loadConfig({}).security.introspection).toBe(true);
  });

  it('lets local dev servers call only a development-mode gateway: with tenants, only CORS_ORIGINS', () => {
    const path = join(folder, 'tenants-cors.json');
    writeFileSync(path, JSON.stringify(onDisk));
    const withTenants = loadConfig({
      GATEWAY_TENANTS_FILE: path,
      KEY_A: 'k',
      CORS_ORIGINS: 'https://app.example.com',
    });
    expect(withTenants.security.cors).toEqual({
      origins: ['https://app.example.com'],
      loopbackOrigins: false,
    });
    expect(loadConfig({}).security.cors).toEqual({ origins: [], loopbackOrigins: true });
  });

  it('refuses a real OneAtlas key without tenants: development mode is for the embedded simulator only', () => {
    expect(() =>
      assertCallersConfigured(loadConfig({ ONEATLAS_API_KEY: 'k', ONEATLAS_CONTRACT_ID: 'C' })),
    ).toThrow(/GATEWAY_TENANTS_FILE is required with ONEATLAS_API_KEY/);
    expect(() => assertCallersConfigured(loadConfig({}))).not.toThrow();
  });
});
