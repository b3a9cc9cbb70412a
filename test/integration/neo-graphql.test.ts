/**
 * Pléiades Neo through GraphQL, against the simulator over real HTTP: quotations, order items as a
 * connection with their coverage items batched per request, the back-end check before any upstream
 * call (the simulator's request log is the proof), and order items as federation entities.
 */
import { describe, expect, it } from 'vitest';
import { SEEDED_NEO_CONTRACT_ID, SEEDED_NEO_WORKSPACE_ID } from '../../src/simulator/seed.js';
import { type GraphQLResponse, sharedTestStack, type TestStack } from '../support/gateway.js';
import { acceptQuotationUpstream, neoOrderInput } from '../support/neo.js';
import { apiCallsSince, requestLogLength } from '../support/request-log.js';

const DAY_S = 86_400;

const REQUEST_QUOTATION = /* GraphQL */ `
  mutation Quote($input: OrderInput!) {
    requestQuotation(input: $input) {
      id
      contractId
      totalAmount
      currency
      status
      validUntil
      cancellationDeadline
      orderItemIds
    }
  }
`;

const ORDER_ITEMS = /* GraphQL */ `
  query Items(
    $contractId: ID
    $customerReference: String
    $status: [NeoOrderItemStatus!]
    $ids: [ID!]
    $quotationId: ID
    $first: Int
    $after: String
  ) {
    neoOrderItems(
      contractId: $contractId
      customerReference: $customerReference
      status: $status
      ids: $ids
      quotationId: $quotationId
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          customerReference
          quotationId
          quotationStatus
          productType
          proposedCoverageCount
          totalCoverageCount
          cancellationDeadline
          coverageItems {
            id
            orderItemId
            status
            clearSkyRate
            incidenceAngle
            baseToHeight
            footprint
            acquisitionDate
          }
        }
      }
    }
  }
`;

interface QuotationData {
  id: string;
  contractId: string;
  totalAmount: number;
  currency: string;
  status: string;
  validUntil: string;
  cancellationDeadline: string;
  orderItemIds: string[];
}

interface OrderItemData {
  id: string;
  status: string;
  customerReference: string;
  quotationId: string;
  quotationStatus: string;
  productType: string;
  proposedCoverageCount: number;
  totalCoverageCount: number;
  coverageItems: { id: string; orderItemId: string; status: string; footprint: { type: string } }[];
}

type ItemsResponse = GraphQLResponse<{
  neoOrderItems: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: OrderItemData }[];
  };
}>;

async function quote(stack: TestStack, customerReference: string): Promise<QuotationData> {
  const response = await stack.graphql<{ requestQuotation: QuotationData }>(REQUEST_QUOTATION, {
    input: neoOrderInput(customerReference),
  });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.requestQuotation as QuotationData;
}

function items(stack: TestStack, variables: Record<string, unknown>): Promise<ItemsResponse> {
  return stack.graphql(ORDER_ITEMS, { contractId: SEEDED_NEO_CONTRACT_ID, ...variables });
}

describe('Pléiades Neo through GraphQL', () => {
  const stack = sharedTestStack({}, { resetBetweenTests: true });

  it('finds a Neo offer feasible, lists its passes and prices it, on the Neo contract like legacy', async () => {
    const input = neoOrderInput('gql-neo-price');
    const search = {
      contractId: SEEDED_NEO_CONTRACT_ID,
      missions: ['PLEIADES_NEO'],
      progTypes: ['ONEPLAN', 'ONEDAY'],
      aoi: input.aoi,
      window: input.window,
    };
    const response = await stack().graphql<{
      feasibility: { mission: string; progTypes: { name: string; available: boolean }[] }[];
      attempts: { progTypes: { name: string; attempts: unknown[] }[] }[];
      price: { contractId: string; totalAmount: number };
      productTypes: { id: string }[];
    }>(
      `query Discover($search: TaskingSearchInput!, $input: OrderInput!, $c: ID) {
        productTypes(contractId: $c) { id }
        feasibility(input: $search) { mission progTypes { name available } }
        attempts(input: $search) { progTypes { name attempts { segmentKey } } }
        price(input: $input) { contractId totalAmount }
      }`,
      { search, input, c: SEEDED_NEO_CONTRACT_ID },
    );
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.data?.productTypes.map((type) => type.id)).toContain('PleiadesNeoOnePlan');
    expect(response.data?.feasibility[0]).toMatchObject({ mission: 'PLEIADES_NEO' });
    const oneDay = response.data?.attempts[0]?.progTypes.find((progType) => progType.name === 'ONEDAY');
    expect(oneDay?.attempts.length).toBeGreaterThan(0);
    expect(response.data?.price).toMatchObject({ contractId: SEEDED_NEO_CONTRACT_ID });
    expect(response.data?.price.totalAmount).toBeGreaterThan(0);
  });

  it.each(['ids', 'status'])(
    'answers an empty page for an empty %s list, as taskings does, without an upstream call',
    async (filter) => {
      await quote(stack(), 'gql-neo-empty-filter');
      const since = await requestLogLength(stack());
      const response = await items(stack(), { [filter]: [] });
      expect(response.errors).toBeUndefined();
      expect(response.data?.neoOrderItems).toMatchObject({ totalCount: 0, edges: [] });
      expect(await apiCallsSince(stack(), since)).toEqual([]);
    },
  );

  it.each([
    // A windowed legacy offer, so the input itself is complete and only the product is wrong.
    ['a legacy product', 'PleiadesTaskingOnePlan'],
    ['Neo’s tracking id instead of its ordering id', 'PleiadesNeoTaskingOnePlan'],
  ])(
    'refuses to quote %s as BAD_USER_INPUT from the contract’s productTypes, before any option or quotation call',
    async (_, productTypeId) => {
      const since = await requestLogLength(stack());
      const response = await stack().graphql(
        'mutation Q($input: OrderInput!) { requestQuotation(input: $input) { id } }',
        {
          input: { ...neoOrderInput('gql-neo-wrong-product'), productTypeId },
        },
      );

      expect(response.errors?.[0]).toMatchObject({
        message: expect.stringContaining(
          `${productTypeId} is not a product type of contract ${SEEDED_NEO_CONTRACT_ID}`,
        ),
        extensions: { code: 'BAD_USER_INPUT', field: 'input.productTypeId' },
      });
      // The ids it offers, read at run time, tell the client what to send instead.
      expect(response.errors?.[0]?.message).toContain('PleiadesNeoOnePlan');
      const calls = (await apiCallsSince(stack(), since)).map((call) => call.path);
      expect(calls).toContain(`/api/v1/contracts/${SEEDED_NEO_CONTRACT_ID}/productTypes`);
      expect(calls.filter((path) => /\/(options|quotations)$/.test(path))).toEqual([]);
    },
  );

  it('quotes an order, then tracks its order item and the coverage it proposes', async () => {
    const quotation = await quote(stack(), 'gql-neo-1');
    expect(quotation).toMatchObject({ contractId: SEEDED_NEO_CONTRACT_ID, currency: 'EUR', status: 'SENT' });
    expect(quotation.totalAmount).toBeGreaterThan(0);
    expect(Date.parse(quotation.validUntil)).toBeLessThan(Date.parse(quotation.cancellationDeadline));
    expect(quotation.orderItemIds).toHaveLength(1);

    await acceptQuotationUpstream(stack(), quotation.id);
    await stack().control('POST', '/clock/advance', { seconds: DAY_S + 3 * 3600 });

    const tracked = await items(stack(), { quotationId: quotation.id, status: ['IN_PROGRESS'] });
    expect(tracked.errors).toBeUndefined();
    expect(tracked.data?.neoOrderItems.totalCount).toBe(1);
    const item = tracked.data?.neoOrderItems.edges[0]?.node;
    expect(item).toMatchObject({
      id: quotation.orderItemIds[0],
      customerReference: 'gql-neo-1',
      quotationId: quotation.id,
      quotationStatus: 'ACCEPTED',
      // The tracking product type differs from the ordering one (PleiadesNeoOnePlan).
      productType: 'PleiadesNeoTaskingOnePlan',
      proposedCoverageCount: 1,
    });
    expect(item?.coverageItems).toEqual([
      {
        id: expect.any(String),
        orderItemId: item?.id,
        status: 'PROPOSED',
        clearSkyRate: expect.any(Number),
        incidenceAngle: expect.any(Number),
        baseToHeight: expect.any(Number),
        footprint: expect.objectContaining({ type: 'Polygon' }),
        acquisitionDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it("quotes with notifyEmails, sent in Neo's notification shape (the simulator refuses the legacy one)", async () => {
    const response = await stack().graphql<{ requestQuotation: QuotationData }>(REQUEST_QUOTATION, {
      input: { ...neoOrderInput('gql-neo-notified'), notifyEmails: ['ops@example.com'] },
    });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.data?.requestQuotation).toMatchObject({
      contractId: SEEDED_NEO_CONTRACT_ID,
      currency: 'EUR',
    });
  });

  it('accepts a proposed coverage item, which is delivered, and refuses another', async () => {
    const kept = await quote(stack(), 'gql-neo-keep');
    const dropped = await quote(stack(), 'gql-neo-drop');
    for (const quotation of [kept, dropped]) await acceptQuotationUpstream(stack(), quotation.id);
    await stack().control('POST', '/clock/advance', { seconds: DAY_S + 3 * 3600 });
    const page = await items(stack(), { status: ['IN_PROGRESS'] });
    const coverageOf = (quotation: QuotationData) => {
      const node = page.data?.neoOrderItems.edges.find(
        (edge) => edge.node.quotationId === quotation.id,
      )?.node;
      return { orderItemId: String(node?.id), coverageItemId: String(node?.coverageItems[0]?.id) };
    };
    const DECIDE = /* GraphQL */ `
      mutation Decide($c: ID, $orderItemId: ID!, $coverageItemId: ID!, $refuse: Boolean!) {
        acceptCoverage(contractId: $c, orderItemId: $orderItemId, coverageItemId: $coverageItemId)
          @skip(if: $refuse) {
          id
          status
        }
        refuseCoverage(contractId: $c, orderItemId: $orderItemId, coverageItemId: $coverageItemId)
          @include(if: $refuse) {
          id
          status
        }
      }
    `;
    const decide = (ids: { orderItemId: string; coverageItemId: string }, refuse: boolean) =>
      stack().graphql<Record<string, { id: string; status: string }>>(DECIDE, {
        c: SEEDED_NEO_CONTRACT_ID,
        refuse,
        ...ids,
      });

    const accepted = await decide(coverageOf(kept), false);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptCoverage).toEqual({
      id: coverageOf(kept).coverageItemId,
      status: 'VALIDATED',
    });
    const images = await stack().graphql<{ imagery: { edges: unknown[] } }>(
      'query I($w: ID) { imagery(workspaceId: $w) { edges { node { id } } } }',
      { w: SEEDED_NEO_WORKSPACE_ID },
    );
    expect(images.data?.imagery.edges).toHaveLength(1);

    // The same decision again is answered as taken; the other one is refused by OneAtlas.
    const again = await decide(coverageOf(kept), false);
    expect(again.data?.acceptCoverage).toEqual(accepted.data?.acceptCoverage);
    const reversed = await decide(coverageOf(kept), true);
    expect(reversed.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      upstreamCode: 'COVERAGE_NOT_PROPOSED',
    });

    const refused = await decide(coverageOf(dropped), true);
    expect(refused.data?.refuseCoverage).toEqual({
      id: coverageOf(dropped).coverageItemId,
      status: 'REFUSED',
    });

    // Another order item's coverage item, or an unknown one, is not found; nothing is decided.
    const since = await requestLogLength(stack());
    const mismatched = await decide(
      { orderItemId: coverageOf(dropped).orderItemId, coverageItemId: coverageOf(kept).coverageItemId },
      true,
    );
    expect(mismatched.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const calls = (await apiCallsSince(stack(), since)).map((call) => call.path);
    expect(calls.filter((path) => /\/coverages\/[^/]+\/(accept|refuse)$/.test(path))).toEqual([]);
  });

  it('reads the coverage items of a whole page in one coverage search', async () => {
    const quotations = [await quote(stack(), 'gql-neo-a'), await quote(stack(), 'gql-neo-b')];
    for (const quotation of quotations) await acceptQuotationUpstream(stack(), quotation.id);
    await stack().control('POST', '/clock/advance', { seconds: DAY_S + 3 * 3600 });

    const since = await requestLogLength(stack());
    const page = await items(stack(), { status: ['IN_PROGRESS'] });
    expect(page.errors).toBeUndefined();
    const nodes = page.data?.neoOrderItems.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(2);
    expect(nodes.every((node) => node.coverageItems.length === 1)).toBe(true);
    const calls = await apiCallsSince(stack(), since);
    expect(calls.filter((call) => call.path.endsWith('/coverages/search'))).toHaveLength(1);
    expect(calls.filter((call) => call.path.endsWith('/orders/search'))).toHaveLength(1);
  });

  it('reads no coverage for order items that count none', async () => {
    await quote(stack(), 'gql-neo-quoted');
    const since = await requestLogLength(stack());
    const page = await items(stack(), { customerReference: 'gql-neo-quoted' });
    expect(page.errors).toBeUndefined();
    expect(page.data?.neoOrderItems.edges.map((edge) => edge.node.coverageItems)).toEqual([[]]);
    expect((await apiCallsSince(stack(), since)).map((call) => call.path)).not.toContain(
      '/api/v1/coverages/search',
    );
  });

  it('filters by reference, status and ids upstream, and pages with cursors', async () => {
    const first = await quote(stack(), 'gql-neo-f1');
    const second = await quote(stack(), 'gql-neo-f2');
    await quote(stack(), 'gql-neo-f3');
    await acceptQuotationUpstream(stack(), second.id);

    const byReference = await items(stack(), { customerReference: 'gql-neo-f1' });
    expect(byReference.data?.neoOrderItems.edges.map((edge) => edge.node.id)).toEqual(first.orderItemIds);
    const inProgress = await items(stack(), { status: ['IN_PROGRESS'] });
    expect(inProgress.data?.neoOrderItems.edges.map((edge) => edge.node.id)).toEqual(second.orderItemIds);
    const byIds = await items(stack(), { ids: [...first.orderItemIds, ...second.orderItemIds] });
    expect(byIds.data?.neoOrderItems.totalCount).toBe(2);
    const hostile = await items(stack(), { customerReference: '" OR contractId:*' });
    expect(hostile.errors).toBeUndefined();
    expect(hostile.data?.neoOrderItems.edges).toEqual([]);

    const pageOne = await items(stack(), { first: 2 });
    expect(pageOne.data?.neoOrderItems).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const pageTwo = await items(stack(), { first: 2, after: pageOne.data?.neoOrderItems.pageInfo.endCursor });
    expect(pageTwo.data?.neoOrderItems.edges).toHaveLength(1);
    expect(pageTwo.data?.neoOrderItems.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses OTHER as a status filter and too many ids, sending nothing', async () => {
    const since = await requestLogLength(stack());
    const other = await items(stack(), { status: ['OTHER'] });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const many = await items(stack(), { ids: Array.from({ length: 101 }, (_, index) => `WOI_${index}`) });
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    const badId = await items(stack(), { ids: ['WOI_1,WOI_2'] });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    expect(await apiCallsSince(stack(), since)).toEqual([]);
  });

  it('answers one order item by id, null when unknown, NOT_FOUND for an unknown contract', async () => {
    const quotation = await quote(stack(), 'gql-neo-one');
    const ONE =
      'query One($id: ID!, $contractId: ID) { neoOrderItem(id: $id, contractId: $contractId) { id status } }';
    const known = await stack().graphql<{ neoOrderItem: { id: string; status: string } | null }>(ONE, {
      id: quotation.orderItemIds[0],
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(known.data?.neoOrderItem).toEqual({ id: quotation.orderItemIds[0], status: 'PENDING' });
    const unknown = await stack().graphql(ONE, { id: 'WOI_404_1', contractId: SEEDED_NEO_CONTRACT_ID });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.neoOrderItem).toBeNull();

    const since = await requestLogLength(stack());
    const noContract = await stack().graphql(ONE, { id: 'WOI_404_1', contractId: 'CTR_UNKNOWN' });
    expect(noContract.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await apiCallsSince(stack(), since)).map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /api/v1/contracts',
    ]);
  });
});

describe('a coverage decision whose answer or read-back is lost', () => {
  // Reads are cached, so the coverage shown before the decision is not read again before it.
  const stack = sharedTestStack({ safety: { taskingTtlMs: 60_000 } }, { resetBetweenTests: true });
  const DECIDE = /* GraphQL */ `
    mutation Decide($c: ID, $o: ID!, $v: ID!, $refuse: Boolean!) {
      acceptCoverage(contractId: $c, orderItemId: $o, coverageItemId: $v) @skip(if: $refuse) { id status }
      refuseCoverage(contractId: $c, orderItemId: $o, coverageItemId: $v) @include(if: $refuse) { id status }
    }
  `;

  /** A proposed coverage item of a newly accepted quotation's order item, shown (and so cached) once. */
  async function proposedCoverage(reference: string): Promise<{ o: string; v: string }> {
    const quotation = await quote(stack(), reference);
    await acceptQuotationUpstream(stack(), quotation.id);
    await stack().control('POST', '/clock/advance', { seconds: DAY_S + 3 * 3600 });
    const o = String(quotation.orderItemIds[0]);
    const shown = await stack().graphql<{
      neoOrderItem: { coverageItems: { id: string; status: string }[] };
    }>(
      'query I($c: ID, $id: ID!) { neoOrderItem(contractId: $c, id: $id) { coverageItems { id status } } }',
      { c: SEEDED_NEO_CONTRACT_ID, id: o },
    );
    const proposed = shown.data?.neoOrderItem.coverageItems.find((item) => item.status === 'PROPOSED');
    expect(proposed, JSON.stringify(shown)).toBeDefined();
    return { o, v: String(proposed?.id) };
  }

  function decide(ids: { o: string; v: string }, refuse: boolean) {
    return stack().graphql<Record<string, { id: string; status: string }>>(DECIDE, {
      c: SEEDED_NEO_CONTRACT_ID,
      refuse,
      ...ids,
    });
  }

  async function acceptCalls(coverageItemId: string): Promise<number> {
    const { requests } = await stack().control<{ requests: { method: string; path: string }[] }>(
      'GET',
      '/requests',
    );
    return requests.filter(
      (call) => call.method === 'POST' && call.path.endsWith(`/coverages/${coverageItemId}/accept`),
    ).length;
  }

  it('answers a decision OneAtlas took although the read after it fails', async () => {
    const ids = await proposedCoverage('gql-neo-read-lost');
    await stack().control('POST', '/faults', { path: '/api/v1/coverages/search', count: 1, status: 503 });

    const accepted = await decide(ids, false);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptCoverage).toEqual({ id: ids.v, status: 'VALIDATED' });
    expect(await acceptCalls(ids.v)).toBe(1);
  });

  it('answers a decision whose answer was lost as taken once the item shows it, and its retry too', async () => {
    const ids = await proposedCoverage('gql-neo-answer-lost');
    await stack().control('POST', '/faults', {
      method: 'POST',
      path: `/api/v1/coverages/${ids.v}/accept`,
      count: 1,
      drop: true,
      afterHandling: true,
    });

    const accepted = await decide(ids, false);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptCoverage).toEqual({ id: ids.v, status: 'VALIDATED' });
    // The retry is refused upstream (no longer proposed), and answered from the item, which shows it.
    const retried = await decide(ids, false);
    expect(retried.data?.acceptCoverage).toEqual({ id: ids.v, status: 'VALIDATED' });
    expect(await acceptCalls(ids.v)).toBe(2);
    // The item does not show a refusal: that one stays OneAtlas' refusal.
    const refused = await decide(ids, true);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      upstreamCode: 'COVERAGE_NOT_PROPOSED',
    });
  });
});

describe('the back end of a contract decides, before any upstream call', () => {
  // The contract list is read through the catalogue cache, as in production: once read, the check is free.
  const stack = sharedTestStack({ safety: { catalogueTtlMs: 600_000 } });

  const cases: { name: string; query: string; variables: Record<string, unknown>; backend: string }[] = [
    {
      name: 'neoOrderItems on a legacy contract',
      query: 'query Q($c: ID) { neoOrderItems(contractId: $c) { totalCount } }',
      variables: { c: 'CTR21000411' },
      backend: 'legacy',
    },
    {
      name: 'neoOrderItem on a legacy contract',
      query: 'query Q($c: ID) { neoOrderItem(id: "WOI_1_1", contractId: $c) { id } }',
      variables: { c: 'CTR21000411' },
      backend: 'legacy',
    },
    {
      name: 'requestQuotation on a legacy contract',
      query: 'mutation M($input: OrderInput!) { requestQuotation(input: $input) { id } }',
      variables: { input: { ...neoOrderInput('gql-wrong-1'), contractId: 'CTR21000411' } },
      backend: 'legacy',
    },
    {
      name: 'acceptCoverage on a legacy contract',
      query:
        'mutation M($c: ID) { acceptCoverage(contractId: $c, orderItemId: "WOI_1_1", coverageItemId: "CIE_1") { id } }',
      variables: { c: 'CTR21000411' },
      backend: 'legacy',
    },
    {
      name: 'acceptQuotation on a legacy contract',
      query: 'mutation M($c: ID) { acceptQuotation(contractId: $c, quotationId: "QUO000000001") { status } }',
      variables: { c: 'CTR21000411' },
      backend: 'legacy',
    },
    {
      name: 'refuseQuotation on a legacy contract',
      query: 'mutation M($c: ID) { refuseQuotation(contractId: $c, quotationId: "QUO000000001") { state } }',
      variables: { c: 'CTR21000411' },
      backend: 'legacy',
    },
    {
      name: 'cancelOrderItem on a legacy contract',
      query: 'mutation M($c: ID) { cancelOrderItem(contractId: $c, orderItemId: "WOI_1_1") { state } }',
      variables: { c: 'CTR21000411' },
      backend: 'legacy',
    },
    {
      name: 'stopOrderItem on a legacy contract',
      query: 'mutation M($c: ID) { stopOrderItem(contractId: $c, orderItemId: "WOI_1_1") { state } }',
      variables: { c: 'CTR21000411' },
      backend: 'legacy',
    },
    {
      name: 'cancelTasking on a Neo contract',
      query: 'mutation M($c: ID) { cancelTasking(contractId: $c, taskingId: "ICR_FC_0000002") { state } }',
      variables: { c: SEEDED_NEO_CONTRACT_ID },
      backend: 'neo',
    },
    {
      name: 'createOrder on a Neo contract',
      query: 'mutation M($input: OrderInput!) { createOrder(input: $input) { status } }',
      variables: { input: neoOrderInput('gql-wrong-2') },
      backend: 'neo',
    },
    {
      name: 'taskings on a Neo contract',
      query: 'query Q($c: ID) { taskings(contractId: $c) { totalCount } }',
      variables: { c: SEEDED_NEO_CONTRACT_ID },
      backend: 'neo',
    },
    {
      name: 'tasking on a Neo contract',
      query: 'query Q($c: ID) { tasking(id: "ICR_FC_0000001", contractId: $c) { id } }',
      variables: { c: SEEDED_NEO_CONTRACT_ID },
      backend: 'neo',
    },
    {
      name: 'acceptSegment on a Neo contract',
      query:
        'mutation M($c: ID) { acceptSegment(taskingId: "ICR_FC_0000002", segmentId: "AS_FC_0000002_1_1", contractId: $c) { id } }',
      variables: { c: SEEDED_NEO_CONTRACT_ID },
      backend: 'neo',
    },
  ];

  for (const { name, query, variables, backend } of cases) {
    it(`refuses ${name} with BAD_USER_INPUT naming the ${backend} back end`, async () => {
      await stack().graphql('{ contracts { id } }');
      const since = await requestLogLength(stack());
      const response = await stack().graphql(query, variables);
      expect(
        response.data === null || Object.values(response.data ?? {}).every((value) => value === null),
      ).toBe(true);
      expect(response.errors).toHaveLength(1);
      expect(response.errors?.[0]?.message).toContain(`on the ${backend} back end`);
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'contractId',
        backendSource: backend,
      });
      expect(await apiCallsSince(stack(), since)).toEqual([]);
    });
  }
});

describe('NeoOrderItem as a federation entity', () => {
  const stack = sharedTestStack();

  it('resolves many representations with one order search per Neo contract, coverage in one more', async () => {
    const quotations = [];
    for (const reference of ['gql-fed-1', 'gql-fed-2', 'gql-fed-3']) {
      const quotation = await quote(stack(), reference);
      await acceptQuotationUpstream(stack(), quotation.id);
      quotations.push(quotation);
    }
    await stack().control('POST', '/clock/advance', { seconds: DAY_S + 3 * 3600 });
    const known = quotations.flatMap((quotation) => quotation.orderItemIds);
    const ids = [...known, 'WOI_404_1', known[0]];

    const since = await requestLogLength(stack());
    const response = await stack().graphql<{
      _entities: ({
        __typename: string;
        id: string;
        customerReference: string;
        coverageItems: unknown[];
      } | null)[];
    }>(
      'query E($r: [_Any!]!) { _entities(representations: $r) { __typename ... on NeoOrderItem { id customerReference coverageItems { id status } } } }',
      { r: ids.map((id) => ({ __typename: 'NeoOrderItem', id })) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities.map((entity) => entity?.id ?? null)).toEqual([...known, null, known[0]]);
    expect(response.data?._entities[0]).toMatchObject({
      __typename: 'NeoOrderItem',
      customerReference: 'gql-fed-1',
    });
    expect(response.data?._entities[0]?.coverageItems).toHaveLength(1);

    const calls = (await apiCallsSince(stack(), since)).map((call) => `${call.method} ${call.path}`);
    expect(calls.sort()).toEqual(
      ['GET /api/v1/contracts', 'POST /api/v2/orders/search', 'POST /api/v1/coverages/search'].sort(),
    );
  });

  it('refuses a representation without a valid id, asking nothing upstream', async () => {
    const since = await requestLogLength(stack());
    const response = await stack().graphql(
      'query E($r: [_Any!]!) { _entities(representations: $r) { ... on NeoOrderItem { id } } }',
      { r: [{ __typename: 'NeoOrderItem', id: 'WOI_1 OR *' }] },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await apiCallsSince(stack(), since)).toEqual([]);
  });
});
