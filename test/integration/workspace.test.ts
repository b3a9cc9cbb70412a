import { afterEach, describe, expect, it } from 'vitest';
import {
  SEEDED_LEGACY_CONTRACT_ID,
  SEEDED_LEGACY_WORKSPACE_ID,
  SEEDED_NEO_CONTRACT_ID,
  SEEDED_NEO_WORKSPACE_ID,
  SEEDED_SECOND_LEGACY_CONTRACT_ID,
  SEEDED_SECOND_LEGACY_WORKSPACE_ID,
} from '../../src/simulator/seed.js';
import { CREATE_ORDER, upstreamRequests } from '../safety/support.js';
import { startTestStack, type TestStack, type TestStackOptions } from '../support/gateway.js';
import { orderInput } from '../support/order-input.js';

/**
 * The delivery workspace of a SPOT/Pléiades contract comes from OneAtlas `/me`, which answers for
 * the API key's own contract (the simulator's main key: CTR21000411; any other key: CTR21000587);
 * a Neo contract's from the contract list. An order never sends another contract's workspace.
 */

const CONTRACTS = '{ contracts { id workspaceId } }';
const OTHER_KEY = 'simulator-other-account-key';

let stack: TestStack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function start(options: TestStackOptions): Promise<TestStack> {
  stack = await startTestStack(options);
  return stack;
}

async function workspaces(on: TestStack): Promise<Record<string, string | null>> {
  const { data, errors } = await on.graphql<{ contracts: { id: string; workspaceId: string | null }[] }>(
    CONTRACTS,
  );
  expect(errors).toBeUndefined();
  return Object.fromEntries((data?.contracts ?? []).map((contract) => [contract.id, contract.workspaceId]));
}

/** The `delivery` of every order body that reached the simulator. */
async function deliveriesSent(on: TestStack): Promise<unknown[]> {
  return (await upstreamRequests(on))
    .filter((call) => call.method === 'POST' && call.path === '/api/v1/orders')
    .map((call) => (call.body as { delivery?: unknown }).delivery ?? null);
}

describe('Contract.workspaceId', () => {
  it("is /me's for the key's own legacy contract even when no workspace is configured, null for another legacy contract", async () => {
    const on = await start({ oneAtlas: (config) => ({ ...config, workspaceId: undefined }) });
    expect(await workspaces(on)).toEqual({
      [SEEDED_LEGACY_CONTRACT_ID]: SEEDED_LEGACY_WORKSPACE_ID,
      [SEEDED_SECOND_LEGACY_CONTRACT_ID]: null,
      [SEEDED_NEO_CONTRACT_ID]: SEEDED_NEO_WORKSPACE_ID,
    });
    const meCalls = (await upstreamRequests(on)).filter((call) => call.path === '/api/v1/me');
    expect(meCalls).toHaveLength(1);
  });

  it("follows the API key: another account's /me names its own contract", async () => {
    const on = await start({
      simulator: { otherApiKeys: [OTHER_KEY] },
      oneAtlas: (config) => ({ ...config, apiKey: OTHER_KEY, workspaceId: undefined }),
    });
    expect(await workspaces(on)).toMatchObject({
      [SEEDED_LEGACY_CONTRACT_ID]: null,
      [SEEDED_SECOND_LEGACY_CONTRACT_ID]: SEEDED_SECOND_LEGACY_WORKSPACE_ID,
    });
  });
});

describe('the delivery workspace of an order', () => {
  it("on a second legacy contract is never the configured default's, even when that contract is the default", async () => {
    // The configured workspace is CTR21000411's; /me does not describe CTR21000587: none is sent.
    const on = await start({
      oneAtlas: (config) => ({ ...config, contractId: SEEDED_SECOND_LEGACY_CONTRACT_ID }),
    });
    const { data, errors } = await on.graphql(CREATE_ORDER, { input: orderInput('ws-second-default') });
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({ createOrder: { status: 'PLACED' } });
    expect(await deliveriesSent(on)).toEqual([null]);
  });

  it("is the contract's own from /me when the key belongs to that contract", async () => {
    const on = await start({
      simulator: { otherApiKeys: [OTHER_KEY] },
      oneAtlas: (config) => ({ ...config, apiKey: OTHER_KEY }),
    });
    const input = orderInput('ws-second-own', { contractId: SEEDED_SECOND_LEGACY_CONTRACT_ID });
    const { errors } = await on.graphql(CREATE_ORDER, { input });
    expect(errors).toBeUndefined();
    expect(await deliveriesSent(on)).toEqual([
      { type: 'network', workspace: SEEDED_SECOND_LEGACY_WORKSPACE_ID },
    ]);
  });

  it("refuses a workspace that is not the contract's before anything is priced or sent", async () => {
    const on = await start({});
    const input = orderInput('ws-foreign', { workspaceId: SEEDED_NEO_WORKSPACE_ID });
    for (const operation of [
      CREATE_ORDER,
      'query P($input: OrderInput!) { price(input: $input) { totalAmount } }',
    ]) {
      const { errors } = await on.graphql(operation, { input });
      expect(errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.workspaceId',
        problems: [{ field: 'input.workspaceId', allowedValues: [SEEDED_LEGACY_WORKSPACE_ID] }],
      });
      expect(errors?.[0]?.message).toContain(SEEDED_LEGACY_WORKSPACE_ID);
    }
    const sent = (await upstreamRequests(on)).filter(
      (call) => call.path === '/api/v1/prices' || call.path === '/api/v1/orders',
    );
    expect(sent).toEqual([]);
  });

  it('reports a foreign workspace in the same answer as the other problems found before sending', async () => {
    const on = await start({});
    const input = orderInput('ws-foreign-and-more', {
      workspaceId: SEEDED_NEO_WORKSPACE_ID,
      maxCloudCover: 140,
    });
    const { errors } = await on.graphql(CREATE_ORDER, { input });
    const problems = (errors?.[0]?.extensions?.problems ?? []) as { field: string }[];
    const fields = problems.map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['input.maxCloudCover', 'input.workspaceId']));
  });

  it("sends the contract's own workspace when the client names it", async () => {
    const on = await start({});
    const input = orderInput('ws-named', { workspaceId: SEEDED_LEGACY_WORKSPACE_ID });
    const { errors } = await on.graphql(CREATE_ORDER, { input });
    expect(errors).toBeUndefined();
    expect(await deliveriesSent(on)).toEqual([{ type: 'network', workspace: SEEDED_LEGACY_WORKSPACE_ID }]);
  });
});
