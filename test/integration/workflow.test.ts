import { describe, expect, it } from 'vitest';
import { attemptsRequest, inSampleYear } from '../fixtures/guide-samples.js';
import { sharedTestStack } from '../support/gateway.js';
import { orderInput } from '../support/order-input.js';

/** The whole tasking workflow of the guide, step by step, through GraphQL against the simulator. */

const toulouse = attemptsRequest('').aoi;

interface ProgCapacityData {
  mission: string;
  progTypes: {
    name: string;
    available: boolean;
    feasibility: {
      classification: string;
      automation: string;
      automationName: string | null;
      classificationLevel: string | null;
      automationMode: string | null;
    } | null;
    attempts: { satellite: string; segmentKey: string; footprint: { type: string }; orderDeadline: string }[];
    errors: { code: string; locator: string | null; message: string | null }[];
  }[];
}

interface TaskingData {
  id: string;
  status: string;
  statusLabel: string;
  customerReference: string | null;
  proposedSegmentCount: number;
  totalSegmentCount: number;
  progress: number;
  segments: { id: string; status: string; catalogId: string | null }[];
}

const stack = sharedTestStack({}, { resetBetweenTests: true });

describe('catalogue', () => {
  it('lists contracts, product types and production options from the upstream', async () => {
    const { data, errors } = await stack().graphql<{
      contracts: { id: string; backendSource: string; workspaceId: string | null }[];
      productTypes: { id: string; minimumOrderAreaKm2: number }[];
      productionOptions: { name: string; mandatory: string; values: { id: string }[] }[];
    }>(
      `query Catalogue($aoi: GeoJSONPolygon!) {
        contracts { id name backendSource workspaceId currency creditRemaining }
        productTypes { id label source sensor target minimumOrderAreaKm2 }
        productionOptions(productTypeId: "PleiadesTaskingOneDay", aoi: $aoi) { name label type mandatory condition values { id label condition } range { min max } }
      }`,
      { aoi: toulouse },
    );
    expect(errors).toBeUndefined();
    // A SPOT/Pléiades contract carries no workspace upstream: the default contract's is the configured one.
    expect(data?.contracts).toContainEqual(
      expect.objectContaining({
        id: stack().simulator.contractId,
        backendSource: 'legacy',
        workspaceId: stack().simulator.workspaceId,
      }),
    );
    // A Neo contract names its own (delivery[]).
    expect(data?.contracts.find((contract) => contract.backendSource === 'neo')?.workspaceId).toEqual(
      expect.stringMatching(/^[0-9a-f-]{36}$/),
    );
    expect(data?.productTypes.map((productType) => productType.id)).toContain('PleiadesTaskingOneDay');
    expect(
      data?.productTypes.find((productType) => productType.id === 'PleiadesTaskingOneDay')
        ?.minimumOrderAreaKm2,
    ).toBe(100);
    expect(data?.productionOptions.length).toBeGreaterThan(0);
    expect(data?.productionOptions.some((option) => option.mandatory === 'ALWAYS')).toBe(true);
  });
});

describe('feasibility and attempts', () => {
  const SEARCH = `query Search($input: TaskingSearchInput!) {
    feasibility(input: $input) { mission progTypes { name mission available feasibility { classification automation automationName classificationLevel automationMode } errors { code locator message } } }
  }`;
  const ATTEMPTS = `query Attempts($input: TaskingSearchInput!) {
    attempts(input: $input) {
      mission
      progTypes { name available errors { code locator message }
        attempts { satellite segmentKey footprint center instrumentMode orderDeadline acquisitionStart acquisitionEnd incidenceAngle acrossTrackIncidenceAngle extendedAngle } }
    }
  }`;

  it('answers the guide feasibility request as the guide does', async () => {
    const { data, errors } = await stack().graphql<{ feasibility: ProgCapacityData[] }>(SEARCH, {
      input: {
        missions: ['PLEIADES'],
        progTypes: ['ONEPLAN'],
        aoi: toulouse,
        window: {
          start: inSampleYear('2021-05-12T11:03:19.052Z'),
          end: inSampleYear('2021-06-11T23:59:59.999Z'),
        },
        optical: { acquisitionMode: 'MONO', maxCloudCover: 10, maxIncidenceAngle: 50 },
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.feasibility[0]?.progTypes[0]).toMatchObject({
      name: 'ONEPLAN',
      available: true,
      feasibility: {
        classification: 'CHALLENGING',
        automation: 'AUTOMATIC',
        automationName: 'AutomaticTasking30',
        classificationLevel: 'CHALLENGING',
        automationMode: 'AUTOMATIC',
      },
    });
  });

  it('returns passes with GeoJSON footprints, and an unavailable offer with its upstream reason', async () => {
    const start = new Date(Date.now() + 86_400_000).toISOString();
    const { data, errors } = await stack().graphql<{ attempts: ProgCapacityData[] }>(ATTEMPTS, {
      input: { missions: ['PLEIADES'], progTypes: ['ONEDAY'], aoi: toulouse, window: { start } },
    });
    expect(errors).toBeUndefined();
    const oneDay = data?.attempts[0]?.progTypes[0];
    expect(oneDay?.available).toBe(true);
    expect(oneDay?.attempts.length).toBeGreaterThan(0);
    expect(oneDay?.attempts[0]?.footprint.type).toBe('Polygon');
    expect(oneDay?.attempts[0]?.segmentKey.length).toBeGreaterThan(10);

    const tiny = {
      type: 'Polygon',
      coordinates: [
        [
          [1.44, 43.6],
          [1.45, 43.6],
          [1.45, 43.61],
          [1.44, 43.61],
          [1.44, 43.6],
        ],
      ],
    };
    const small = await stack().graphql<{ attempts: ProgCapacityData[] }>(ATTEMPTS, {
      input: { missions: ['PLEIADES'], progTypes: ['ONEDAY'], aoi: tiny, window: { start } },
    });
    expect(small.errors).toBeUndefined();
    expect(small.data?.attempts[0]?.progTypes[0]).toMatchObject({
      available: false,
      attempts: [],
      errors: [{ code: 'ERR_MIN_AOI_AREA', locator: 'AOI' }],
    });
  });

  it('turns the upstream "no sensor available" 500 into an empty result', async () => {
    const start = new Date(Date.now() + 86_400_000);
    // A one-second window holds no pass, so the upstream answers ERR_NO_SENSOR_AVAILABLE.
    const { data, errors } = await stack().graphql<{ attempts: ProgCapacityData[] }>(ATTEMPTS, {
      input: {
        missions: ['PLEIADES'],
        progTypes: ['ONEDAY'],
        aoi: toulouse,
        window: { start: start.toISOString(), end: new Date(start.getTime() + 1000).toISOString() },
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.attempts[0]?.progTypes[0]).toMatchObject({
      available: false,
      attempts: [],
      errors: [{ code: 'ERR_NO_SENSOR_AVAILABLE', message: expect.stringMatching(/^No pass in the window/) }],
    });
  });
});

describe('ordering and tracking', () => {
  const TASKINGS = `query Taskings($customerReference: String, $status: [TaskingStatus!], $first: Int, $after: String) {
    taskings(customerReference: $customerReference, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id status statusLabel customerReference proposedSegmentCount progress fetchedAt period { start end } segments { id status catalogId } } }
    }
  }`;

  it('orders what it priced, then finds the new tasking by its customer reference', async () => {
    const input = orderInput('workflow-order-1', {
      feasibility: {
        classification: 'CHALLENGING',
        automation: 'AUTOMATIC',
        automationName: 'AutomaticTasking30',
      },
      notifyEmails: ['ops@example.com'],
      endUsers: [{ name: 'John Doe', country: 'FR' }],
    });
    const priced = await stack().graphql<{ price: { totalAmount: number; currency: string } }>(
      'query Price($input: OrderInput!) { price(input: $input) { currency totalAmount discountPercentage discountValue productTypes { productTypeId amount price areaKm2 } } }',
      { input },
    );
    expect(priced.errors).toBeUndefined();
    const ordered = await stack().graphql<{
      createOrder: {
        status: string;
        salesOrderId: string | null;
        totalAmount: number;
        customerReference: string;
      };
    }>(
      'mutation Order($input: OrderInput!) { createOrder(input: $input) { status salesOrderId currency totalAmount discountPercentage discountValue customerReference } }',
      { input },
    );
    expect(ordered.errors).toBeUndefined();
    expect(ordered.data?.createOrder).toMatchObject({
      status: 'PLACED',
      customerReference: 'workflow-order-1',
      totalAmount: priced.data?.price.totalAmount,
    });
    expect(ordered.data?.createOrder.salesOrderId).toMatch(/^SAL/);

    const tracked = await stack().graphql<{
      taskings: { totalCount: number; edges: { node: TaskingData }[] };
    }>(TASKINGS, {
      customerReference: 'workflow-order-1',
    });
    expect(tracked.errors).toBeUndefined();
    expect(tracked.data?.taskings.totalCount).toBe(1);
    expect(tracked.data?.taskings.edges[0]?.node).toMatchObject({
      customerReference: 'workflow-order-1',
      status: 'IN_PROGRESS',
    });
    const requests = await stack().control<{
      requests: { method: string; path: string; query: Record<string, unknown> }[];
    }>('GET', '/requests');
    // The filter went upstream as the upstream's own parameter, not as a local filter over a full list.
    expect(requests.requests.some((request) => request.query.customerRef === 'workflow-order-1')).toBe(true);
    // The guide's options passed the product's published rules, read before the price and the order.
    expect(
      requests.requests
        .filter((request) => request.method === 'POST' && !request.path.startsWith('/auth'))
        .map((request) => request.path.replace(/^\/api\/v1\/contracts\/[^/]+/, '…')),
    ).toEqual([
      '…/productTypes/SpotTaskingOnePlan/options',
      '/api/v1/prices',
      '…/productTypes/SpotTaskingOnePlan/options',
      '/api/v1/orders',
    ]);
  });

  it('pages through taskings with cursors and filters by status upstream', async () => {
    const firstPage = await stack().graphql<{
      taskings: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: TaskingData }[];
      };
    }>(TASKINGS, { first: 2 });
    expect(firstPage.errors).toBeUndefined();
    const total = firstPage.data?.taskings.totalCount ?? 0;
    expect(total).toBeGreaterThan(2);
    expect(firstPage.data?.taskings.edges).toHaveLength(2);
    expect(firstPage.data?.taskings.pageInfo.hasNextPage).toBe(true);

    const secondPage = await stack().graphql<{ taskings: { edges: { node: TaskingData }[] } }>(TASKINGS, {
      first: 2,
      after: firstPage.data?.taskings.pageInfo.endCursor,
    });
    const firstIds = firstPage.data?.taskings.edges.map((edge) => edge.node.id) ?? [];
    const secondIds = secondPage.data?.taskings.edges.map((edge) => edge.node.id) ?? [];
    expect(secondIds.length).toBeGreaterThan(0);
    expect(secondIds.some((id) => firstIds.includes(id))).toBe(false);

    const completed = await stack().graphql<{ taskings: { edges: { node: TaskingData }[] } }>(TASKINGS, {
      status: ['COMPLETED'],
    });
    expect(completed.data?.taskings.edges.length).toBeGreaterThan(0);
    expect(completed.data?.taskings.edges.every((edge) => edge.node.status === 'COMPLETED')).toBe(true);
  });

  it("reads each tasking's segments once per request, none for a tasking without any, accepts and refuses proposed acquisitions", async () => {
    const before = await stack().control<{ requests: { path: string }[] }>('GET', '/requests');
    const listed = await stack().graphql<{ taskings: { edges: { node: TaskingData }[] } }>(
      `query { taskings(first: 20) { edges { node { id proposedSegmentCount totalSegmentCount segments { id status } again: segments { id } } } } }`,
    );
    expect(listed.errors).toBeUndefined();
    const nodes = listed.data?.taskings.edges.map((edge) => edge.node) ?? [];
    const after = await stack().control<{ requests: { path: string }[] }>('GET', '/requests');
    const segmentCalls = after.requests
      .slice(before.requests.length)
      .filter((request) => request.path.endsWith('/segments'));
    const withSegments = nodes.filter((node) => node.totalSegmentCount > 0);
    expect(withSegments.length).toBeLessThan(nodes.length);
    expect(segmentCalls).toHaveLength(withSegments.length);

    const waiting = nodes.find((node) => node.proposedSegmentCount > 0);
    const proposed = waiting?.segments.find((segment) => segment.status === 'Proposed');
    expect(proposed).toBeDefined();

    const DECIDE = `mutation Decide($taskingId: ID!, $segmentId: ID!) {
      acceptSegment(taskingId: $taskingId, segmentId: $segmentId) { id status taskingId catalogId acquisitionDate footprint clearSkyRate incidenceAngle }
    }`;
    const accepted = await stack().graphql<{ acceptSegment: { id: string; status: string } }>(DECIDE, {
      taskingId: waiting?.id,
      segmentId: proposed?.id,
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptSegment).toMatchObject({ id: proposed?.id, status: 'Validated' });

    // The same decision again is answered as taken; the other one is refused by OneAtlas.
    const again = await stack().graphql(DECIDE, { taskingId: waiting?.id, segmentId: proposed?.id });
    expect(again.data?.acceptSegment).toMatchObject({ id: proposed?.id, status: 'Validated' });
    const reversed = await stack().graphql(
      'mutation R($t: ID!, $s: ID!) { refuseSegment(taskingId: $t, segmentId: $s) { id } }',
      { t: waiting?.id, s: proposed?.id },
    );
    expect(reversed.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      upstreamCode: 'SEGMENT_NOT_PROPOSED',
    });

    const tasking = await stack().graphql<{
      tasking: { proposedSegmentCount: number; validatedArea: number } | null;
    }>('query One($id: ID!) { tasking(id: $id) { id proposedSegmentCount validatedArea progress } }', {
      id: waiting?.id,
    });
    expect(tasking.data?.tasking?.validatedArea).toBeGreaterThan(0);
    expect(tasking.data?.tasking?.proposedSegmentCount).toBe((waiting?.proposedSegmentCount ?? 0) - 1);

    const unknown = await stack().graphql<{ tasking: unknown }>(
      'query { tasking(id: "ICR_DOES_NOT_EXIST") { id } }',
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.tasking).toBeNull();
  });

  it('refuses a proposed acquisition after the simulated clock proposes one', async () => {
    const input = orderInput('refuse-me', {
      productTypeId: 'PleiadesTaskingOnePlan',
      window: { start: new Date().toISOString(), end: new Date(Date.now() + 60 * 86_400_000).toISOString() },
      maxCloudCover: 20,
      feasibility: {
        classificationLevel: 'EASY',
        automationMode: 'AUTOMATIC',
        automationName: 'AutomaticTasking30',
      },
    });
    const ordered = await stack().graphql(
      'mutation O($input: OrderInput!) { createOrder(input: $input) { status } }',
      {
        input,
      },
    );
    expect(ordered.errors).toBeUndefined();
    await stack().control('POST', '/clock/advance', { seconds: 10 * 86_400 });
    const tracked = await stack().graphql<{ taskings: { edges: { node: TaskingData }[] } }>(TASKINGS, {
      customerReference: 'refuse-me',
    });
    const node = tracked.data?.taskings.edges[0]?.node;
    const proposed = node?.segments.find((segment) => segment.status === 'Proposed');
    expect(proposed).toBeDefined();
    const refused = await stack().graphql<{ refuseSegment: { status: string } }>(
      'mutation R($t: ID!, $s: ID!) { refuseSegment(taskingId: $t, segmentId: $s) { id status } }',
      { t: node?.id, s: proposed?.id },
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.refuseSegment.status).toBe('Refused');
  });

  it('says what the user must do: confirm a studied order in OneAtlas, or decide on acquisitions', async () => {
    const actions = async () => {
      const { data, errors } = await stack().graphql<{
        taskings: { edges: { node: { id: string; status: string; requiredAction: string | null } }[] };
      }>('query { taskings(first: 10) { edges { node { id status requiredAction } } } }');
      expect(errors).toBeUndefined();
      return Object.fromEntries(
        (data?.taskings.edges ?? []).map(({ node }) => [node.id, [node.status, node.requiredAction]]),
      );
    };
    expect(await actions()).toEqual({
      ICR_FC_0000001: ['FEASIBILITY_STUDY', 'CONFIRM_AFTER_FEASIBILITY_STUDY'],
      ICR_FC_0000002: ['IN_PROGRESS', 'DECIDE_PROPOSED_SEGMENTS'],
      ICR_FC_0000003: ['COMPLETED', null],
      ICR_FC_0000004: ['CANCELED', null],
    });
    // The study is done in a day, yet the order waits for the requester, who answers in OneAtlas.
    await stack().control('POST', '/clock/advance', { seconds: 2 * 86_400 });
    expect((await actions()).ICR_FC_0000001).toEqual([
      'FEASIBILITY_STUDY',
      'CONFIRM_AFTER_FEASIBILITY_STUDY',
    ]);
    await stack().control('POST', '/taskings/ICR_FC_0000001/feasibility-study', { answer: 'confirm' });
    expect((await actions()).ICR_FC_0000001).toEqual(['IN_PROGRESS', null]);
  });
});

describe('imagery', () => {
  it('lists delivered images of the configured workspace', async () => {
    const { data, errors } = await stack().graphql<{
      imagery: {
        totalCount: number;
        edges: { node: { id: string; footprint: unknown; properties: unknown } }[];
      };
    }>(
      'query { imagery(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id footprint acquisitionDate cloudCover incidenceAngle platform properties } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data?.imagery.totalCount).toBeGreaterThan(0);
    expect(data?.imagery.edges[0]?.node.footprint).toMatchObject({ type: 'Polygon' });
  });
});
