import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { BREAK, type FieldNode, Kind, parse, print, visit } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyValueInput, OrderInput, TaskingSearchInput } from '../../operations/documents.generated.js';
import * as documents from '../../operations/documents.generated.js';
import type { Role } from '../../src/auth/caller.js';
import { MAX_SEGMENT_READS_PER_REQUEST } from '../../src/datasources/loaders.js';
import type { CallerConfig } from '../../src/gateway.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { SEEDED_NEO_CONTRACT_ID } from '../../src/simulator/seed.js';
import {
  ALPHA_ONEATLAS_KEY,
  BETA_ONEATLAS_KEY,
  createSigner,
  type Signer,
  twoTenants,
} from '../support/callers.js';
import {
  type GraphQLResponse,
  postGraphQL,
  sharedTestStack,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';
import { neoOrderInput } from '../support/neo.js';
import { orderInput } from '../support/order-input.js';

/**
 * Every example operation of operations/ (through its generated typed document, as a frontend would
 * use it) run against the simulator through the gateway, in the order of the tasking workflow, so an
 * example that stops matching the schema or the gateway's behaviour fails here.
 */

const DAY_MS = 86_400_000;

/** About 11 × 12 km around Toulouse: large enough for every Pléiades offer's minimum area. */
const AOI = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [1.37, 43.54],
      [1.51, 43.54],
      [1.51, 43.65],
      [1.37, 43.65],
      [1.37, 43.54],
    ],
  ],
};

const executedOperations = new Set<string>();
const stack = sharedTestStack();

function operationName(document: TypedDocumentNode<unknown, never>): string | undefined {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.name?.value : undefined;
}

/** Posts one operation to a gateway as one caller. */
type Post = <TData>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<TData>>;

/**
 * Sends a generated document to the gateway over HTTP (by default the development-mode stack's) and
 * returns its typed data; any error fails.
 */
async function execute<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  post: Post = stack().graphql,
): Promise<TResult> {
  const response = await post<TResult>(print(document), variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  expect(response.data).toBeDefined();
  executedOperations.add(String(operationName(document)));
  return response.data as TResult;
}

/** The guides' GraphQL sketches, which a reader copies as printed. */
const GUIDE_OPERATIONS = ['workflow.md', 'neo.md'].flatMap((guide) =>
  [
    ...readFileSync(new URL(`../../docs/${guide}`, import.meta.url), 'utf8').matchAll(
      /^```graphql\n([\s\S]*?)^```$/gm,
    ),
  ].map((match) => parse(match[1] ?? '')),
);

/** Whether a field's selection reads acquisitions, each tasking's a OneAtlas call of its own. */
function readsAcquisitions(field: FieldNode): boolean {
  let found = false;
  visit(field, {
    Field(inner) {
      if (inner !== field && ['segments', 'acquisitions'].includes(inner.name.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

describe("the guides' sketches", () => {
  it(`page by at most ${MAX_SEGMENT_READS_PER_REQUEST} where they read each tasking's acquisitions, as one request may`, () => {
    const pages = GUIDE_OPERATIONS.flatMap((document) => {
      const found: { field: string; first: number }[] = [];
      visit(document, {
        Field(field) {
          const first = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
          if (first?.kind === Kind.INT && readsAcquisitions(field)) {
            found.push({ field: field.name.value, first: Number(first.value) });
          }
        },
      });
      return found;
    });
    expect(pages.map(({ field }) => field)).toContain('taskings');
    for (const page of pages) expect(page.first).toBeLessThanOrEqual(MAX_SEGMENT_READS_PER_REQUEST);
  });
});

describe('the example operations, in workflow order', () => {
  const search: TaskingSearchInput = {
    missions: ['PLEIADES'],
    progTypes: ['ONEDAY'],
    aoi: AOI,
    window: {
      start: new Date(Date.now() + DAY_MS).toISOString(),
      end: new Date(Date.now() + 8 * DAY_MS).toISOString(),
    },
  };
  let order: OrderInput;

  it('Contracts and ProductTypes: what the API key can order', async () => {
    const { contracts } = await execute(documents.ContractsDocument, {});
    expect(contracts.map((contract) => contract.id)).toContain(stack().simulator.contractId);

    const { productTypes } = await execute(documents.ProductTypesDocument, {});
    expect(productTypes.map((productType) => productType.id)).toContain('PleiadesTaskingOneDay');
  });

  it("Markets: each contract's markets, for the order's primaryMarket, and its delivery types", async () => {
    const { contracts } = await execute(documents.MarketsDocument, {});
    const own = contracts.find((contract) => contract.id === stack().simulator.contractId);
    expect(own?.markets.map((market) => market.id)).toContain('NQUAL');
    expect(own?.deliveryTypes.map((deliveryType) => deliveryType.method)).toEqual(['NETWORK', 'MEDIA']);
  });

  it('ProductionOptions: the order form, with the defaults a UI would preselect', async () => {
    const { productionOptions } = await execute(documents.ProductionOptionsDocument, {
      productTypeId: 'PleiadesTaskingOneDay',
      aoi: AOI,
    });
    expect(productionOptions.length).toBeGreaterThan(0);
    const options: KeyValueInput[] = productionOptions
      // Required options (always, or when their condition holds) preset to their defaults.
      .filter((option) => option.mandatory !== 'NEVER' && option.defaultValue !== null)
      .map((option) => ({ key: option.name, value: String(option.defaultValue) }));
    order = {
      productTypeId: 'PleiadesTaskingOneDay',
      aoi: AOI,
      customerReference: `operations-example-${randomUUID()}`,
      primaryMarket: 'NQUAL',
      options,
    };
  });

  it('Feasibility: the automatic verdict for the offer', async () => {
    const { feasibility } = await execute(documents.FeasibilityDocument, { input: search });
    expect(feasibility[0]?.progTypes[0]).toMatchObject({ name: 'ONEDAY', errors: [] });
  });

  it('Attempts: passes to choose from; the chosen segmentKey goes into the order', async () => {
    const { attempts } = await execute(documents.AttemptsDocument, { input: search });
    const pass = attempts.flatMap((capacity) => capacity.progTypes).flatMap((offer) => offer.attempts)[0];
    expect(pass?.segmentKey).toEqual(expect.any(String));
    expect(pass?.footprint.type).toBe('Polygon');
    order = { ...order, segmentKey: pass?.segmentKey };
  });

  it('Price, then CreateOrder with the same input', async () => {
    const { price } = await execute(documents.PriceDocument, { input: order });
    expect(price.totalAmount).toBeGreaterThan(0);
    expect(price.productTypes.map((line) => line.productTypeId)).toEqual(['PleiadesTaskingOneDay']);

    const { createOrder } = await execute(documents.CreateOrderDocument, { input: order });
    expect(createOrder).toMatchObject({ status: 'PLACED', customerReference: order.customerReference });
    expect(createOrder.salesOrderId).toEqual(expect.any(String));
  });

  it('Taskings: the new order is tracked by its customerReference, with its segments', async () => {
    const { taskings } = await execute(documents.TaskingsDocument, {
      customerReference: order.customerReference,
      first: 10,
    });
    expect(taskings.totalCount).toBe(1);
    expect(taskings.edges[0]?.node).toMatchObject({
      customerReference: order.customerReference,
      progTypeName: expect.any(String),
      segments: [],
    });
  });

  it('DecisionQueue: the taskings with acquisitions waiting for a decision', async () => {
    const { taskings } = await execute(documents.DecisionQueueDocument, { mission: 'PLEIADES', first: 10 });
    expect(taskings.edges.map((edge) => edge.node.id)).toEqual(['ICR_FC_0000002']);
    expect(taskings.edges[0]?.node.segments.map((segment) => segment.status)).toContain('Proposed');
  });

  it('Tasking, AcceptSegment and RefuseSegment: deciding on proposed acquisitions', async () => {
    const { tasking } = await execute(documents.TaskingDocument, { id: 'ICR_FC_0000002' });
    const proposed = tasking?.segments.find((segment) => segment.status === 'Proposed');
    expect(proposed).toBeDefined();
    const decision = { taskingId: 'ICR_FC_0000002', segmentId: String(proposed?.id) };

    const { acceptSegment } = await execute(documents.AcceptSegmentDocument, decision);
    expect(acceptSegment).toMatchObject({ id: decision.segmentId, status: 'Validated' });

    // The seeded segment is decided now; the reset brings it back as Proposed, to be refused.
    await stack().control('POST', '/reset');
    const { refuseSegment } = await execute(documents.RefuseSegmentDocument, decision);
    expect(refuseSegment).toMatchObject({ id: decision.segmentId, status: 'Refused' });
  });

  it('Imagery: the delivered acquisition appears in the workspace', async () => {
    const { imagery } = await execute(documents.ImageryDocument, {
      cloudCover: { max: 100 },
      intersecting: AOI,
      first: 10,
    });
    expect(imagery.edges.length).toBeGreaterThan(0);
    const image = imagery.edges[0]?.node;
    expect(image?.footprint?.type).toBe('Polygon');
    // The quicklook link works as it is, without the caller's credentials.
    const quicklook = await fetch(`${stack().gatewayUrl}${image?.quicklookUrl}`);
    expect(quicklook.status).toBe(200);
    expect(quicklook.headers.get('content-type')).toBe('image/png');
  });

  it('CancelTasking: a legacy tasking cancelled, once', async () => {
    const { cancelTasking } = await execute(documents.CancelTaskingDocument, { taskingId: 'ICR_FC_0000001' });
    expect(cancelTasking).toMatchObject({
      action: 'CANCEL_TASKING',
      targetId: 'ICR_FC_0000001',
      state: 'DONE',
    });
  });

  it('RequestQuotation, AcceptQuotation, NeoOrderItems, NeoOrderItem, coverage decisions, cancel, stop and RefuseQuotation: Pléiades Neo, from quotation to delivery', async () => {
    const { requestQuotation } = await execute(documents.RequestQuotationDocument, {
      input: neoOrderInput('operations-neo-1'),
    });
    expect(requestQuotation).toMatchObject({ contractId: SEEDED_NEO_CONTRACT_ID, status: 'SENT' });
    const { acceptQuotation } = await execute(documents.AcceptQuotationDocument, {
      quotationId: requestQuotation.id,
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(acceptQuotation).toMatchObject({ status: 'PLACED', totalAmount: requestQuotation.totalAmount });
    const pdf = await fetch(`${stack().gatewayUrl}${requestQuotation.exportUrl}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    await stack().control('POST', '/clock/advance', { seconds: 27 * 3600 });

    const { neoOrderItems } = await execute(documents.NeoOrderItemsDocument, {
      contractId: SEEDED_NEO_CONTRACT_ID,
      quotationId: requestQuotation.id,
    });
    const item = neoOrderItems.edges[0]?.node;
    expect(item).toMatchObject({ id: requestQuotation.orderItemIds[0], status: 'IN_PROGRESS' });
    expect(item?.coverageItems.map((coverage) => coverage.status)).toEqual(['PROPOSED']);

    const { neoOrderItem } = await execute(documents.NeoOrderItemDocument, {
      id: String(item?.id),
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(neoOrderItem?.coverageItems).toEqual(item?.coverageItems);

    const decision = {
      orderItemId: String(item?.id),
      coverageItemId: String(item?.coverageItems[0]?.id),
      contractId: SEEDED_NEO_CONTRACT_ID,
    };
    const { acceptCoverage } = await execute(documents.AcceptCoverageDocument, decision);
    expect(acceptCoverage).toMatchObject({ id: decision.coverageItemId, status: 'VALIDATED' });
    // A second order item proposes its own coverage item, to be refused.
    const second = await execute(documents.RequestQuotationDocument, {
      input: neoOrderInput('operations-neo-2'),
    });
    await execute(documents.AcceptQuotationDocument, {
      quotationId: second.requestQuotation.id,
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    await stack().control('POST', '/clock/advance', { seconds: 27 * 3600 });
    const { neoOrderItem: secondItem } = await execute(documents.NeoOrderItemDocument, {
      id: String(second.requestQuotation.orderItemIds[0]),
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    const { refuseCoverage } = await execute(documents.RefuseCoverageDocument, {
      orderItemId: String(secondItem?.id),
      coverageItemId: String(secondItem?.coverageItems[0]?.id),
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(refuseCoverage).toMatchObject({ status: 'REFUSED' });

    // The second item is within its cancellation deadline; the first, past it, can still be stopped.
    const { cancelOrderItem } = await execute(documents.CancelOrderItemDocument, {
      orderItemId: String(secondItem?.id),
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(cancelOrderItem).toMatchObject({ action: 'CANCEL_ORDER_ITEM', state: 'DONE', error: null });
    const { stopOrderItem } = await execute(documents.StopOrderItemDocument, {
      orderItemId: String(item?.id),
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(stopOrderItem).toMatchObject({ action: 'STOP_ORDER_ITEM', state: 'DONE' });
    // A third quotation is not wanted: refused, nothing ordered.
    const third = await execute(documents.RequestQuotationDocument, {
      input: neoOrderInput('operations-neo-3'),
    });
    const { refuseQuotation } = await execute(documents.RefuseQuotationDocument, {
      quotationId: third.requestQuotation.id,
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(refuseQuotation).toMatchObject({ targetId: third.requestQuotation.id, state: 'DONE' });
  });

  it('TaskingLines and TaskingLine: one list for both back ends, with their acquisitions', async () => {
    const legacy = await execute(documents.TaskingLinesDocument, { first: 10 });
    const proposedSegment = legacy.taskingLines.edges
      .flatMap((edge) => edge.node.acquisitions)
      .find((acquisition) => acquisition.awaitingDecision);
    expect(proposedSegment).toMatchObject({ __typename: 'Segment' });

    const neo = await execute(documents.TaskingLinesDocument, {
      contractId: SEEDED_NEO_CONTRACT_ID,
      first: 10,
    });
    const item = neo.taskingLines.edges.find((edge) => edge.node.acquisitions.length > 0)?.node;
    expect(item).toMatchObject({ __typename: 'NeoOrderItem', backendSource: 'neo' });
    expect(item?.acquisitions[0]).toMatchObject({ __typename: 'CoverageItem', taskingLineId: item?.id });

    const { taskingLine } = await execute(documents.TaskingLineDocument, {
      id: String(item?.id),
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(taskingLine).toEqual(item);
  });

  it('UpstreamPauses and ClearUpstreamPause: an operator sees the pause a 429 imposed and ends it', async () => {
    await stack().control('POST', '/faults', {
      method: 'GET',
      path: '/api/v1/contracts/*',
      count: 1,
      status: 429,
      retryAfter: 300,
    });
    const refused = await stack().graphql(print(documents.TaskingsDocument), { first: 1 });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_RATE_LIMITED']);

    const { upstreamPauses } = await execute(documents.UpstreamPausesDocument, {});
    const orderApi = upstreamPauses.find((pause) => pause.api === 'ORDER');
    expect(orderApi?.pausedForSeconds).toBeGreaterThan(0);
    expect(orderApi?.pausedUntil).toEqual(expect.any(String));

    const { clearUpstreamPause } = await execute(documents.ClearUpstreamPauseDocument, {
      api: 'ORDER',
      credentialId: orderApi?.credentialId,
    });
    expect(clearUpstreamPause.map((pause) => [pause.api, pause.pausedForSeconds])).toEqual([['ORDER', 0]]);
    await execute(documents.TaskingsDocument, { first: 1 });
  });
});

/** The simulator prices `orderInput`'s SPOT order at 690: above alpha's threshold, so it is held. */
const APPROVAL_THRESHOLD = 500;

/** `orderInput`'s SPOT order (MONO), as the generated `OrderInput`. */
function spotOrder(customerReference: string): OrderInput {
  return { ...orderInput(customerReference), acquisitionMode: 'MONO' };
}

/** Alpha (on the simulator's seeded contract) holds orders above `APPROVAL_THRESHOLD` for approval. */
function alphaWithApprovalThreshold(simulator: RunningSimulator, signer: Signer): CallerConfig {
  const callers = twoTenants(simulator, signer);
  const tenants = callers.tenants.tenants.map((tenant) =>
    tenant.id === 'alpha' ? { ...tenant, approvalThreshold: APPROVAL_THRESHOLD } : tenant,
  );
  return { ...callers, tenants: { ...callers.tenants, tenants } };
}

describe('the approval operations, for a tenant with an approval threshold', () => {
  let simulator: RunningSimulator;
  let gateway: TestGateway;
  let orderer: Post;
  let approver: Post;

  beforeAll(async () => {
    const signer = await createSigner();
    simulator = await startSimulator({
      orderApiMaxRps: 1000,
      apiKey: ALPHA_ONEATLAS_KEY,
      otherApiKeys: [BETA_ONEATLAS_KEY],
    });
    gateway = await startTestGateway(simulator, { callers: alphaWithApprovalThreshold(simulator, signer) });
    const as = async (roles: readonly Role[]): Promise<Post> => {
      const headers = { authorization: `Bearer ${await signer.token('alpha', roles)}` };
      return (query, variables) => postGraphQL(gateway.url, query, variables, headers);
    };
    orderer = await as(['read', 'order']);
    approver = await as(['read', 'approve']);
  });

  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
  });

  it('ApproveOrder, RejectOrder, OrderAttempts and OrderAttempt: held orders decided, then the journal read page by page', async () => {
    const references = ['operations-approved', 'operations-rejected'];
    for (const reference of references) {
      const { createOrder } = await execute(
        documents.CreateOrderDocument,
        { input: spotOrder(reference) },
        orderer,
      );
      expect(createOrder).toMatchObject({
        status: 'AWAITING_APPROVAL',
        idempotencyKey: reference,
        salesOrderId: null,
      });
    }

    const { approveOrder } = await execute(
      documents.ApproveOrderDocument,
      { idempotencyKey: 'operations-approved' },
      approver,
    );
    expect(approveOrder).toMatchObject({ status: 'PLACED', idempotencyKey: 'operations-approved' });
    expect(approveOrder.salesOrderId).toEqual(expect.any(String));
    expect(approveOrder.totalAmount).toBeGreaterThan(APPROVAL_THRESHOLD);

    const { rejectOrder } = await execute(
      documents.RejectOrderDocument,
      { idempotencyKey: 'operations-rejected', reason: 'Archive imagery covers the area' },
      approver,
    );
    expect(rejectOrder).toMatchObject({
      state: 'APPROVAL_REJECTED',
      requestedBy: 'alpha/user-of-alpha',
      decidedBy: 'alpha/user-of-alpha',
      decisionReason: 'Archive imagery covers the area',
      sendCount: 0,
    });

    // One decided attempt per page, newest first: the rejected one, then the approved one.
    const states = ['PLACED', 'APPROVAL_REJECTED'] as const;
    const { orderAttempts: firstPage } = await execute(
      documents.OrderAttemptsDocument,
      { states: [...states], first: 1 },
      orderer,
    );
    expect(firstPage.edges.map((edge) => edge.node.idempotencyKey)).toEqual(['operations-rejected']);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const { orderAttempts: secondPage } = await execute(
      documents.OrderAttemptsDocument,
      { states: [...states], first: 1, after: firstPage.pageInfo.endCursor },
      orderer,
    );
    expect(secondPage.edges.map((edge) => edge.node.idempotencyKey)).toEqual(['operations-approved']);
    expect(secondPage.pageInfo.hasNextPage).toBe(false);
    const { orderAttempts: waiting } = await execute(
      documents.OrderAttemptsDocument,
      { states: ['AWAITING_APPROVAL'] },
      orderer,
    );
    expect(waiting.edges).toEqual([]);

    const { orderAttempt } = await execute(
      documents.OrderAttemptDocument,
      { idempotencyKey: 'operations-approved' },
      orderer,
    );
    expect(orderAttempt).toMatchObject({
      state: 'PLACED',
      tenantId: 'alpha',
      decidedBy: 'alpha/user-of-alpha',
      salesOrderId: approveOrder.salesOrderId,
      totalAmount: approveOrder.totalAmount,
    });
    expect(orderAttempt?.events.map((event) => event.kind)).toEqual([
      'AWAITING_APPROVAL',
      'APPROVED',
      'SENT',
      'PLACED',
    ]);
  });
});

it('has run every example operation of operations/', () => {
  const exampleOperations = Object.values(documents)
    .map((document) => operationName(document))
    .filter((name) => name !== undefined);
  expect([...executedOperations].sort()).toEqual(exampleOperations.sort());
});
