/**
 * Pléiades Neo with two tenants: beta owns the Neo contract, alpha the legacy one. Each Neo field and
 * the order fields check the contract against the caller's tenant before any upstream call, and a
 * federated order item is searched in the caller's own Neo contracts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  ALPHA_CONTRACT,
  BETA_CONTRACT,
  createSigner,
  postAs,
  type Signer,
  startTwoAccountSimulator,
  twoTenants,
} from '../support/callers.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { neoOrderInput } from '../support/neo.js';

let simulator: RunningSimulator;
let gateway: TestGateway;
let signer: Signer;

async function apiCallCount(): Promise<number> {
  return (await apiPaths()).length;
}

async function apiPaths(): Promise<string[]> {
  const response = await fetch(`${simulator.url}/__simulator/requests`);
  const { requests } = (await response.json()) as { requests: { path: string }[] };
  return requests.map((request) => request.path).filter((path) => path.startsWith('/api/'));
}

async function as(tenant: 'alpha' | 'beta', query: string, variables?: Record<string, unknown>) {
  return postAs(gateway.url, `Bearer ${await signer.token(tenant, ['read', 'order'])}`, query, variables);
}

beforeAll(async () => {
  signer = await createSigner();
  simulator = await startTwoAccountSimulator();
  gateway = await startTestGateway(simulator, { callers: twoTenants(simulator, signer) });
});

afterAll(async () => {
  await gateway?.close();
  await simulator?.close();
});

const QUOTE = 'mutation Q($input: OrderInput!) { requestQuotation(input: $input) { id orderItemIds } }';
const ENTITIES =
  'query E($r: [_Any!]!) { _entities(representations: $r) { ... on NeoOrderItem { id customerReference } } }';

describe('Neo fields between tenants', () => {
  it("quotes and tracks on the tenant's own Neo contract, its default", async () => {
    const quoted = await as('beta', QUOTE, {
      input: { ...neoOrderInput('tenant-beta-1'), contractId: null },
    });
    expect(quoted.errors).toBeUndefined();
    const tracked = await as('beta', '{ neoOrderItems { edges { node { id customerReference } } } }');
    expect(tracked.data).toEqual({
      neoOrderItems: { edges: [{ node: { id: expect.any(String), customerReference: 'tenant-beta-1' } }] },
    });
  });

  it("refuses another tenant's contract as FORBIDDEN, with nothing sent upstream", async () => {
    const before = await apiCallCount();
    const attempts = [
      await as('alpha', QUOTE, { input: { ...neoOrderInput('tenant-alpha-1'), contractId: BETA_CONTRACT } }),
      await as('alpha', 'query Q($c: ID) { neoOrderItems(contractId: $c) { totalCount } }', {
        c: BETA_CONTRACT,
      }),
      await as('beta', 'query P($input: OrderInput!) { price(input: $input) { totalAmount } }', {
        input: { ...neoOrderInput('tenant-beta-2'), contractId: ALPHA_CONTRACT },
      }),
      await as('beta', 'mutation O($input: OrderInput!) { createOrder(input: $input) { status } }', {
        input: { ...neoOrderInput('tenant-beta-3'), contractId: ALPHA_CONTRACT },
      }),
    ];
    expect(attempts.map((attempt) => attempt.errors?.[0]?.extensions?.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    expect(await apiCallCount()).toBe(before);
  });

  it("resolves a federated order item for its tenant only: another tenant's is null", async () => {
    const quoted = await as('beta', QUOTE, {
      input: { ...neoOrderInput('tenant-beta-fed'), contractId: null },
    });
    const id = (quoted.data as { requestQuotation: { orderItemIds: string[] } }).requestQuotation
      .orderItemIds[0];
    const representations = { r: [{ __typename: 'NeoOrderItem', id }] };

    const own = await as('beta', ENTITIES, representations);
    expect(own.data).toEqual({ _entities: [{ id, customerReference: 'tenant-beta-fed' }] });
    const other = await as('alpha', ENTITIES, representations);
    expect(other.errors).toBeUndefined();
    expect(other.data).toEqual({ _entities: [null] });
  });

  it('searches a federated Tasking in legacy contracts only: none for a Neo-only tenant', async () => {
    const before = (await apiPaths()).length;
    const response = await as(
      'beta',
      'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Tasking { id } } }',
      {
        r: [{ __typename: 'Tasking', id: 'ICR_FC_0000002' }],
      },
    );
    expect(response.data).toEqual({ _entities: [null] });
    expect((await apiPaths()).slice(before)).toEqual(['/api/v1/contracts']);
  });
});
