import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_LEGACY_CONTRACT_ID } from '../../src/simulator/seed.js';
import { CREATE_ORDER, upstreamRequests } from '../safety/support.js';
import { startTestStack, type TestStack } from '../support/gateway.js';
import { neoOrderInput } from '../support/neo.js';
import { orderInput } from '../support/order-input.js';

/** What a form needs of a contract besides its products: markets and delivery types. */

const REFERENCE = /* GraphQL */ `
  query Reference {
    contracts {
      id
      markets { id label secondaryMarkets { id label } }
      deliveryTypes { method id label }
    }
  }
`;

interface ReferenceData {
  contracts: {
    id: string;
    markets: { id: string; label: string; secondaryMarkets: { id: string; label: string }[] }[];
    deliveryTypes: { method: string; id: string; label: string }[];
  }[];
}

let stack: TestStack;

beforeEach(async () => {
  // Kept across requests like the rest of the catalogue (the test default keeps nothing).
  stack = await startTestStack({ safety: { catalogueTtlMs: 60_000 } });
});

afterEach(async () => {
  await stack.close();
});

async function referenceCalls(): Promise<string[]> {
  return (await upstreamRequests(stack))
    .map((call) => call.path)
    .filter((path) => /\/(properties|deliveryTypes)$/.test(path));
}

describe("a contract's markets and delivery types", () => {
  it('are served on every contract, each read once, then from the cache', async () => {
    const first = await stack.graphql<ReferenceData>(REFERENCE);
    expect(first.errors).toBeUndefined();
    const contracts = first.data?.contracts ?? [];
    expect(contracts.length).toBeGreaterThan(1);
    for (const contract of contracts) {
      expect(contract.markets).toContainEqual({ id: 'NQUAL', label: 'Not qualified', secondaryMarkets: [] });
      expect(contract.markets.find((market) => market.id === 'AGRI')?.secondaryMarkets).toContainEqual({
        id: 'CROP',
        label: 'Crop monitoring',
      });
      expect(contract.deliveryTypes.map(({ method, id }) => ({ method, id }))).toEqual([
        { method: 'NETWORK', id: 'network' },
        { method: 'MEDIA', id: 'MEDIA' },
      ]);
    }
    const calls = await referenceCalls();
    expect(calls).toHaveLength(2 * contracts.length);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls).toContain(`/api/v1/${SEEDED_LEGACY_CONTRACT_ID}/properties`);

    await stack.graphql<ReferenceData>(REFERENCE);
    expect(await referenceCalls()).toHaveLength(calls.length);
  });

  it('are read at /contracts/{cis}/… when the documented path answers 404', async () => {
    for (const resource of ['properties', 'deliveryTypes']) {
      await stack.control('POST', '/faults', {
        method: 'GET',
        path: `/api/v1/${SEEDED_LEGACY_CONTRACT_ID}/${resource}`,
        status: 404,
      });
    }
    const { data, errors } = await stack.graphql<ReferenceData>(REFERENCE);
    expect(errors).toBeUndefined();
    const legacy = data?.contracts.find((contract) => contract.id === SEEDED_LEGACY_CONTRACT_ID);
    expect(legacy?.markets.map((market) => market.id)).toContain('NQUAL');
    expect(legacy?.deliveryTypes).toHaveLength(2);
    expect(await referenceCalls()).toEqual(
      expect.arrayContaining([
        `/api/v1/contracts/${SEEDED_LEGACY_CONTRACT_ID}/properties`,
        `/api/v1/contracts/${SEEDED_LEGACY_CONTRACT_ID}/deliveryTypes`,
      ]),
    );
  });

  it('answer MALFORMED_RESPONSE on the field when the upstream sends markets of the wrong shape', async () => {
    await stack.control('POST', '/faults', {
      method: 'GET',
      path: `/api/v1/${SEEDED_LEGACY_CONTRACT_ID}/properties`,
      status: 200,
      body: { markets: [{ label: 'no id' }] },
    });
    const { errors } = await stack.graphql<ReferenceData>(REFERENCE);
    expect(errors?.[0]).toMatchObject({
      path: ['contracts', 0, 'markets'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', upstreamCode: 'MALFORMED_RESPONSE' },
    });
  });
});

const PRICE = 'query P($input: OrderInput!) { price(input: $input) { totalAmount } }';
const QUOTE = 'mutation Q($input: OrderInput!) { requestQuotation(input: $input) { id } }';

describe('the market of an order', () => {
  async function sentPaidCalls(): Promise<string[]> {
    return (await upstreamRequests(stack))
      .map((call) => call.path)
      .filter((path) => /\/(prices|orders|quotations)$/.test(path));
  }

  it.each([
    ['createOrder', CREATE_ORDER, orderInput('no-market', { primaryMarket: null })],
    ['requestQuotation', QUOTE, { ...neoOrderInput('no-market'), primaryMarket: null }],
  ])('is required by %s, with the allowed ids, before anything is sent', async (_, operation, input) => {
    const { errors } = await stack.graphql(operation, { input });
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        {
          field: 'input.primaryMarket',
          allowedValues: expect.arrayContaining(['NQUAL', 'AGRI']),
        },
      ],
    });
    expect(errors?.[0]?.message).toMatch(/input\.primaryMarket: is required.*NQUAL/);
    expect(await sentPaidCalls()).toEqual([]);
  });

  it("may be left out of a price, as the guide's SpotTaskingOnePlan sample does", async () => {
    const { errors } = await stack.graphql(PRICE, {
      input: orderInput('price-no-market', { primaryMarket: null }),
    });
    expect(errors).toBeUndefined();
  });

  it("must be one of the contract's, and a secondary market one of its own", async () => {
    const unknown = await stack.graphql(CREATE_ORDER, {
      input: orderInput('bad-market', { primaryMarket: 'MOON' }),
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      field: 'input.primaryMarket',
      problems: [{ field: 'input.primaryMarket', allowedValues: ['NQUAL', 'AGRI', 'DEFENCE', 'ENERGY'] }],
    });
    expect(unknown.errors?.[0]?.message).toContain('MOON is not a market of contract');
    const secondary = await stack.graphql(PRICE, {
      input: orderInput('bad-secondary', { primaryMarket: 'AGRI', secondaryMarket: 'INTEL' }),
    });
    expect(secondary.errors?.[0]?.extensions).toMatchObject({
      problems: [{ field: 'input.secondaryMarket', allowedValues: ['CROP', 'FOREST'] }],
    });
    expect(await sentPaidCalls()).toEqual([]);

    const fine = await stack.graphql(PRICE, {
      input: orderInput('good-secondary', { primaryMarket: 'AGRI', secondaryMarket: 'CROP' }),
    });
    expect(fine.errors).toBeUndefined();
  });
});

describe('the delivery method of an order', () => {
  const ORDER_PATHS = /\/(prices|orders|quotations)$/;

  async function sentBodies(): Promise<unknown[]> {
    return (await upstreamRequests(stack))
      .filter((call) => call.method === 'POST' && ORDER_PATHS.test(call.path))
      .map((call) => call.body);
  }

  it("goes as the contract's delivery type id: MEDIA, priced and ordered, without a workspace", async () => {
    const { errors } = await stack.graphql(CREATE_ORDER, {
      input: orderInput('media-order', { deliveryMethod: 'MEDIA' }),
    });
    expect(errors).toBeUndefined();
    const bodies = await sentBodies();
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(body).toMatchObject({ delivery: { type: 'MEDIA' } });
    for (const body of bodies) expect(body).not.toHaveProperty('delivery.workspace');
  });

  it('defaults to network into the workspace, without reading the delivery types', async () => {
    const { errors } = await stack.graphql(PRICE, { input: orderInput('network-price') });
    expect(errors).toBeUndefined();
    expect(await sentBodies()).toEqual([
      expect.objectContaining({ delivery: { type: 'network', workspace: expect.any(String) } }),
    ]);
    expect(await referenceCalls()).not.toContain(`/api/v1/${SEEDED_LEGACY_CONTRACT_ID}/deliveryTypes`);
  });

  it.each([
    ['price', PRICE, orderInput('other-price', { deliveryMethod: 'OTHER' })],
    ['createOrder', CREATE_ORDER, orderInput('other-order', { deliveryMethod: 'OTHER' })],
    ['requestQuotation', QUOTE, { ...neoOrderInput('other-quote'), deliveryMethod: 'OTHER' }],
  ])(
    'is refused by %s when the contract does not offer it, before anything is sent',
    async (_, operation, input) => {
      const { errors } = await stack.graphql(operation, { input });
      expect(errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'input.deliveryMethod', allowedValues: ['NETWORK', 'MEDIA'] }],
      });
      expect(errors?.[0]?.message).toContain('OTHER is not a delivery method of contract');
      expect(await sentBodies()).toEqual([]);
    },
  );
});
