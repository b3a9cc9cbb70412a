/**
 * One tasking list over both back ends, against the simulator over real HTTP: the same operation
 * (operations/tasking-lines.graphql, through its typed document) lists a legacy contract's taskings
 * and a Pléiades Neo contract's order items, each with its acquisitions; the contract's back end
 * decides which upstream calls serve it (the simulator's request log is the proof).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { TaskingLineDocument, TaskingLinesDocument } from '../../operations/documents.generated.js';
import { SEEDED_LEGACY_CONTRACT_ID, SEEDED_NEO_CONTRACT_ID } from '../../src/simulator/seed.js';
import { type GraphQLResponse, sharedTestStack } from '../support/gateway.js';
import { acceptQuotationUpstream, neoOrderInput } from '../support/neo.js';
import { apiCallsSince, requestLogLength } from '../support/request-log.js';

const DAY_S = 86_400;

const stack = sharedTestStack({}, { resetBetweenTests: true });

function run<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<GraphQLResponse<TResult>> {
  return stack().graphql<TResult>(print(document), variables);
}

async function lines(variables: { contractId: string; customerReference?: string }) {
  const response = await run(TaskingLinesDocument, { first: 20, ...variables });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.taskingLines.edges.map((edge) => edge.node) ?? [];
}

/**
 * Neo order items, one per reference, each with one proposed coverage item: quoted through GraphQL,
 * accepted, then the simulated clock moved once past their first acquisition.
 */
async function neoItemsWithProposedCoverage(...customerReferences: string[]): Promise<string[]> {
  const orderItemIds: string[] = [];
  for (const customerReference of customerReferences) {
    const quoted = await stack().graphql<{ requestQuotation: { id: string; orderItemIds: string[] } }>(
      'mutation Q($input: OrderInput!) { requestQuotation(input: $input) { id orderItemIds } }',
      { input: neoOrderInput(customerReference) },
    );
    expect(quoted.errors, JSON.stringify(quoted.errors)).toBeUndefined();
    const quotation = quoted.data?.requestQuotation;
    await acceptQuotationUpstream(stack(), String(quotation?.id));
    orderItemIds.push(String(quotation?.orderItemIds[0]));
  }
  await stack().control('POST', '/clock/advance', { seconds: DAY_S + 3 * 3600 });
  return orderItemIds;
}

describe('taskingLines', () => {
  it('lists a legacy contract’s taskings with their segments as acquisitions, from the legacy API only', async () => {
    const since = await requestLogLength(stack());
    const legacy = await lines({ contractId: SEEDED_LEGACY_CONTRACT_ID });

    const byId = new Map(legacy.map((line) => [line.id, line]));
    expect(legacy.every((line) => line.__typename === 'Tasking' && line.backendSource === 'legacy')).toBe(
      true,
    );
    expect(byId.get('ICR_FC_0000001')).toMatchObject({ state: 'PENDING', acquisitions: [] });
    expect(byId.get('ICR_FC_0000004')).toMatchObject({ state: 'CANCELLED' });
    expect(byId.get('ICR_FC_0000002')).toMatchObject({
      state: 'IN_PROGRESS',
      statusLabel: 'In Progress',
      proposedAcquisitionCount: 1,
      totalAcquisitionCount: 1,
      acquisitions: [
        {
          __typename: 'Segment',
          id: 'AS_FC_0000002_1_1',
          taskingLineId: 'ICR_FC_0000002',
          statusLabel: 'Proposed',
          awaitingDecision: true,
          footprint: expect.objectContaining({ type: 'Polygon' }),
        },
      ],
    });
    expect(byId.get('ICR_FC_0000003')?.acquisitions).toEqual([
      expect.objectContaining({ __typename: 'Segment', statusLabel: 'Validated', awaitingDecision: false }),
    ]);

    const paths = (await apiCallsSince(stack(), since)).map((call) => call.path);
    expect(paths.filter((path) => /\/(orders|coverages)\/search$/.test(path))).toEqual([]);
    expect(
      paths.filter((path) => path.endsWith(`/contracts/${SEEDED_LEGACY_CONTRACT_ID}/taskings`)),
    ).toHaveLength(1);
  });

  it('lists a Neo contract’s order items with their coverage items as acquisitions, batched, from the Neo API only', async () => {
    const orderItemIds = await neoItemsWithProposedCoverage('lines-neo-1', 'lines-neo-2');

    const since = await requestLogLength(stack());
    const neo = await lines({ contractId: SEEDED_NEO_CONTRACT_ID });
    const calls = (await apiCallsSince(stack(), since)).map((call) => call.path);

    const items = neo.filter((line) => orderItemIds.includes(line.id));
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({
        __typename: 'NeoOrderItem',
        contractId: SEEDED_NEO_CONTRACT_ID,
        backendSource: 'neo',
        state: 'IN_PROGRESS',
        proposedAcquisitionCount: 1,
        acquisitions: [
          {
            __typename: 'CoverageItem',
            taskingLineId: item.id,
            statusLabel: 'PROPOSED',
            awaitingDecision: true,
          },
        ],
      });
    }
    // One order search and one coverage search for the whole page; no legacy tasking list or segments.
    expect(calls.filter((path) => path.endsWith('/orders/search'))).toHaveLength(1);
    expect(calls.filter((path) => path.endsWith('/coverages/search'))).toHaveLength(1);
    expect(calls.filter((path) => path.includes('/taskings'))).toEqual([]);
  });

  it('filters by customer reference upstream on either back end', async () => {
    const [wanted] = await neoItemsWithProposedCoverage('lines-neo-wanted', 'lines-neo-other');
    const neo = await lines({ contractId: SEEDED_NEO_CONTRACT_ID, customerReference: 'lines-neo-wanted' });
    expect(neo.map((line) => [line.id, line.customerReference])).toEqual([[wanted, 'lines-neo-wanted']]);
    expect(
      await lines({ contractId: SEEDED_LEGACY_CONTRACT_ID, customerReference: 'lines-neo-wanted' }),
    ).toEqual([]);
  });

  it('answers NOT_FOUND for a contract the credential does not have, with no call but the contract list', async () => {
    const since = await requestLogLength(stack());
    const response = await run(TaskingLinesDocument, { contractId: 'CTR99999999' });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const paths = (await apiCallsSince(stack(), since)).map((call) => call.path);
    expect(paths.filter((path) => !path.endsWith('/contracts'))).toEqual([]);
  });
});

describe('taskingLine', () => {
  it('answers a legacy tasking and a Neo order item by id, each from its own back end, null when unknown', async () => {
    const [orderItemId] = await neoItemsWithProposedCoverage('line-neo-one');

    const tasking = await run(TaskingLineDocument, {
      id: 'ICR_FC_0000002',
      contractId: SEEDED_LEGACY_CONTRACT_ID,
    });
    expect(tasking.data?.taskingLine).toMatchObject({ __typename: 'Tasking', id: 'ICR_FC_0000002' });

    const item = await run(TaskingLineDocument, {
      id: String(orderItemId),
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(item.data?.taskingLine).toMatchObject({
      __typename: 'NeoOrderItem',
      id: orderItemId,
      acquisitions: [expect.objectContaining({ __typename: 'CoverageItem', awaitingDecision: true })],
    });

    const unknown = await run(TaskingLineDocument, {
      id: 'ICR_FC_0000002',
      contractId: SEEDED_NEO_CONTRACT_ID,
    });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.taskingLine).toBeNull();
  });
});
