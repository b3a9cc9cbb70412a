import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import {
  ALPHA_CONTRACT,
  ALPHA_GATEWAY_KEY,
  ALPHA_ONEATLAS_KEY,
  BETA_CONTRACT,
  BETA_GATEWAY_KEY,
  BETA_ONEATLAS_KEY,
  capturedLogger,
  createSigner,
  postAs,
  type Signer,
  twoTenants,
} from '../support/callers.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * Two tenants on two OneAtlas accounts of one simulator: alpha owns the seeded legacy contract and
 * its taskings, beta the Neo contract. Whatever beta tries, alpha's objects stay out of reach, and no
 * secret of either appears in an answer or a log line.
 */

const ALPHA_TASKING = 'ICR_FC_0000002';
const ALPHA_SEGMENT = 'AS_FC_0000002_1_1';
const ALPHA_REFERENCE = 'seed-marseille-plan';

let simulator: RunningSimulator;
let gateway: TestGateway;
let signer: Signer;
let log: ReturnType<typeof capturedLogger>;
const answers: string[] = [];
const tokens: string[] = [];

async function tokenOf(tenant: string, roles: Parameters<Signer['token']>[1]): Promise<string> {
  const token = await signer.token(tenant, roles);
  tokens.push(token);
  return `Bearer ${token}`;
}

async function as(authorization: string | undefined, query: string, variables?: Record<string, unknown>) {
  const response = await postAs(gateway.url, authorization, query, variables);
  answers.push(response.text);
  return response;
}

async function upstreamApiCalls(): Promise<{ method: string; path: string }[]> {
  const response = await fetch(`${simulator.url}/__simulator/requests`);
  const { requests } = (await response.json()) as { requests: { method: string; path: string }[] };
  return requests.filter((request) => request.path.startsWith('/api/'));
}

beforeAll(async () => {
  signer = await createSigner();
  log = capturedLogger();
  simulator = await startSimulator({
    orderApiMaxRps: 1000,
    apiKey: ALPHA_ONEATLAS_KEY,
    otherApiKeys: [BETA_ONEATLAS_KEY],
  });
  gateway = await startTestGateway(simulator, {
    callers: twoTenants(simulator, signer),
    logger: log.logger,
    // Caching on, to show that each account has its own cache.
    safety: { catalogueTtlMs: 60_000 },
  });
});

beforeEach(async () => {
  // Fresh seeded state and an empty request log for each test.
  const reset = await fetch(`${simulator.url}/__simulator/reset`, { method: 'POST' });
  expect(reset.ok).toBe(true);
});

afterAll(async () => {
  await gateway?.close();
  await simulator?.close();
  // Canaries: no OneAtlas key, gateway API key or token of either tenant in any answer or log line.
  const secrets = [ALPHA_ONEATLAS_KEY, BETA_ONEATLAS_KEY, ALPHA_GATEWAY_KEY, BETA_GATEWAY_KEY, ...tokens];
  const everything = [...answers, ...log.lines];
  for (const secret of secrets) {
    expect(everything.filter((text) => text.includes(secret))).toEqual([]);
  }
  expect(answers.length).toBeGreaterThan(10);
  expect(log.lines.length).toBeGreaterThan(10);
});

describe("a tenant reaching for another tenant's objects", () => {
  it('gets FORBIDDEN from tasking(id, contractId), the same answer whether the object exists or not, and nothing is asked upstream', async () => {
    const beta = await tokenOf('beta', ['read', 'order']);
    const real = await as(
      beta,
      `{ tasking(id: "${ALPHA_TASKING}", contractId: "${ALPHA_CONTRACT}") { id } }`,
    );
    const made_up = await as(beta, '{ tasking(id: "ICR_NOPE_0000001", contractId: "CTR99999999") { id } }');
    expect(real.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(made_up.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }))).toEqual(
      real.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code })),
    );
    expect(await upstreamApiCalls()).toEqual([]);
  });

  it("gets the same answer for alpha's tasking id in its own contract as for an id that does not exist", async () => {
    const beta = await tokenOf('beta', ['read']);
    const real = await as(beta, `{ tasking(id: "${ALPHA_TASKING}") { id } }`);
    const madeUp = await as(beta, '{ tasking(id: "ICR_NOPE_0000001") { id } }');
    expect(real.data?.tasking ?? null).toBeNull();
    expect(real.text.replaceAll(ALPHA_TASKING, 'ID')).toBe(madeUp.text.replaceAll('ICR_NOPE_0000001', 'ID'));
    const calls = await upstreamApiCalls();
    expect(calls.some((call) => call.path.includes(ALPHA_CONTRACT))).toBe(false);
  });

  it('gets FORBIDDEN from taskings(contractId, customerReference), and in its own contract the same answer as for a made-up reference', async () => {
    const beta = await tokenOf('beta', ['read']);
    const forbidden = await as(
      beta,
      `{ taskings(contractId: "${ALPHA_CONTRACT}", customerReference: "${ALPHA_REFERENCE}") { edges { node { id } } } }`,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await as(
      beta,
      `{ taskings(customerReference: "${ALPHA_REFERENCE}") { edges { node { id } } } }`,
    );
    const madeUp = await as(
      beta,
      '{ taskings(customerReference: "no-such-reference") { edges { node { id } } } }',
    );
    expect(own.data?.taskings ?? null).toBeNull();
    expect(own.text.replaceAll(ALPHA_REFERENCE, 'REF')).toBe(
      madeUp.text.replaceAll('no-such-reference', 'REF'),
    );
    const calls = await upstreamApiCalls();
    expect(calls.some((call) => call.path.includes(ALPHA_CONTRACT))).toBe(false);
  });

  it("resolves alpha's tasking through _entities to null without touching alpha's contract, and alpha's contract to FORBIDDEN", async () => {
    const beta = await tokenOf('beta', ['read']);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tasking { id } ... on Contract { id } } }`;
    const tasking = await as(beta, query, { r: [{ __typename: 'Tasking', id: ALPHA_TASKING }] });
    expect(tasking.data).toEqual({ _entities: [null] });
    const contract = await as(beta, query, { r: [{ __typename: 'Contract', id: ALPHA_CONTRACT }] });
    expect(contract.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const calls = await upstreamApiCalls();
    expect(calls.some((call) => call.path.includes(ALPHA_CONTRACT))).toBe(false);
  });

  it("gets FORBIDDEN from acceptSegment on alpha's tasking, and the segment stays proposed", async () => {
    const beta = await tokenOf('beta', ['read', 'order']);
    const response = await as(
      beta,
      `mutation { acceptSegment(taskingId: "${ALPHA_TASKING}", segmentId: "${ALPHA_SEGMENT}", contractId: "${ALPHA_CONTRACT}") { status } }`,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await upstreamApiCalls()).toEqual([]);
    const alpha = await tokenOf('alpha', ['read']);
    const segments = await as(alpha, `{ tasking(id: "${ALPHA_TASKING}") { segments { id status } } }`);
    expect(segments.data).toEqual({ tasking: { segments: [{ id: ALPHA_SEGMENT, status: 'Proposed' }] } });
  });

  it('lists only its own contracts, each read through its own account and cache', async () => {
    // A gateway of its own, so no answer cached by an earlier test hides an upstream call.
    const fresh = await startTestGateway(simulator, {
      callers: twoTenants(simulator, signer),
      logger: log.logger,
      safety: { catalogueTtlMs: 60_000 },
    });
    try {
      const list = async (tenant: string) => {
        const response = await postAs(fresh.url, await tokenOf(tenant, ['read']), '{ contracts { id } }');
        answers.push(response.text);
        return response.data;
      };
      expect(await list('alpha')).toEqual({ contracts: [{ id: ALPHA_CONTRACT }] });
      expect(await list('beta')).toEqual({ contracts: [{ id: BETA_CONTRACT }] });
      expect(await list('alpha')).toEqual({ contracts: [{ id: ALPHA_CONTRACT }] });
      // One read per account: a cache shared between accounts would have read once.
      const calls = await upstreamApiCalls();
      expect(calls.filter((call) => call.path === '/api/v1/contracts')).toHaveLength(2);
      const { tokenRequests } = (await (await fetch(`${simulator.url}/__simulator/stats`)).json()) as {
        tokenRequests: number;
      };
      expect(tokenRequests).toBe(2);
    } finally {
      await fresh.close();
    }
  });
});

describe('roles', () => {
  it('refuses segment decisions to a read-only caller before any upstream call, naming the role', async () => {
    const response = await as(
      await tokenOf('alpha', ['read']),
      `mutation { refuseSegment(taskingId: "${ALPHA_TASKING}", segmentId: "${ALPHA_SEGMENT}") { status } }`,
    );
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.message).toContain('order');
    expect(await upstreamApiCalls()).toEqual([]);
  });

  it('gives a gateway API key its configured roles and tenant', async () => {
    const reads = await as(`ApiKey ${ALPHA_GATEWAY_KEY}`, '{ contracts { id } }');
    expect(reads.data).toEqual({ contracts: [{ id: ALPHA_CONTRACT }] });
    const decides = await as(
      `ApiKey ${ALPHA_GATEWAY_KEY}`,
      `mutation { acceptSegment(taskingId: "${ALPHA_TASKING}", segmentId: "${ALPHA_SEGMENT}") { status } }`,
    );
    expect(decides.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('authentication', () => {
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it.each([
    ['no Authorization header', async () => undefined],
    ['an unknown gateway API key', async () => `ApiKey ${ALPHA_GATEWAY_KEY}x`],
    ['a malformed header', async () => 'Basic dXNlcjpwYXNz'],
    [
      'an expired token',
      async () => `Bearer ${await signer.token('alpha', ['read'], { exp: nowSeconds() - 60 })}`,
    ],
    [
      'a wrong-audience token',
      async () => `Bearer ${await signer.token('alpha', ['read'], { aud: 'another-api' })}`,
    ],
    [
      'a token signed by another key',
      async () => `Bearer ${await (await createSigner()).token('alpha', ['read'])}`,
    ],
    ['a token of an unknown tenant', async () => `Bearer ${await signer.token('gamma', ['read'])}`],
    [
      'an alg: none token',
      async () => {
        const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
        const claims = {
          iss: 'https://idp.test.example/',
          aud: 'oneatlas-gateway',
          sub: 'x',
          tenant: 'alpha',
          roles: ['admin'],
          exp: nowSeconds() + 600,
        };
        return `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
      },
    ],
  ])('refuses %s with 401 UNAUTHENTICATED and asks nothing upstream', async (_name, authorization) => {
    const header = await authorization();
    if (header?.startsWith('Bearer ')) tokens.push(header.slice('Bearer '.length));
    const response = await as(header, '{ contracts { id } }');
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await upstreamApiCalls()).toEqual([]);
  });
});
