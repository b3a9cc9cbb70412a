import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway.js';

/**
 * What a router does when a query crosses into this subgraph: `_entities` with many representations
 * at once, over real HTTP, against the simulator. The request log proves the batching; each test gets
 * its own stack so no answer cached by the gateway for an earlier test hides an upstream call.
 */

const SEEDED_TASKINGS = ['ICR_FC_0000001', 'ICR_FC_0000002', 'ICR_FC_0000003', 'ICR_FC_0000004'];
const SEEDED_CONTRACTS = ['CTR21000411', 'CTR22000512'];

interface UpstreamRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
}

let stack: TestStack;

beforeEach(async () => {
  stack = await startTestStack();
});

afterEach(async () => {
  await stack.close();
});

/** The calls the gateway made to the OneAtlas APIs (the token endpoint aside). */
async function upstreamApiCalls(): Promise<UpstreamRequest[]> {
  const { requests } = await stack.control<{ requests: UpstreamRequest[] }>('GET', '/requests');
  return requests.filter((request) => request.path.startsWith('/api/'));
}

const ENTITIES_QUERY = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Tasking {
        id
        status
        customerReference
        aoi
        period {
          start
        }
        segments {
          id
          status
        }
      }
      ... on Contract {
        id
        name
        currency
      }
    }
  }
`;

type Entity = { __typename: string; id: string } & Record<string, unknown>;

async function entities(
  representations: Array<{ __typename: string; id: unknown }>,
): Promise<(Entity | null)[]> {
  const response = await stack.graphql<{ _entities: (Entity | null)[] }>(ENTITIES_QUERY, { representations });
  expect(response.errors).toBeUndefined();
  return response.data?._entities ?? [];
}

describe('_entities for Tasking', () => {
  it('resolves 50 representations (known, unknown, repeated) with one upstream list call', async () => {
    const unknownIds = Array.from({ length: 20 }, (_, index) => `ICR_UNKNOWN_${index}`);
    const distinctIds = [...SEEDED_TASKINGS, ...unknownIds];
    const ids = Array.from({ length: 50 }, (_, index) => distinctIds[index % distinctIds.length]);
    const result = await entities(ids.map((id) => ({ __typename: 'Tasking', id })));

    expect(result).toHaveLength(50);
    result.forEach((entity, index) => {
      if (ids[index]?.startsWith('ICR_UNKNOWN')) expect(entity).toBeNull();
      else expect(entity).toMatchObject({ __typename: 'Tasking', id: ids[index] });
    });

    const taskingListCalls = (await upstreamApiCalls()).filter((call) => call.path.endsWith('/taskings'));
    expect(taskingListCalls).toHaveLength(1);
    const askedIds = String(taskingListCalls[0]?.query.taskingIds).split(',');
    expect(askedIds.sort()).toEqual(distinctIds.sort());
  });

  it('splits more than 100 distinct ids into list calls of at most 100', async () => {
    const ids = Array.from({ length: 150 }, (_, index) => `ICR_UNKNOWN_${index}`);
    const result = await entities(ids.map((id) => ({ __typename: 'Tasking', id })));

    expect(result.every((entity) => entity === null)).toBe(true);
    const askedPerCall = (await upstreamApiCalls())
      .filter((call) => call.path.endsWith('/taskings'))
      .map((call) => String(call.query.taskingIds).split(',').length);
    expect(askedPerCall).toEqual([100, 50]);
  });

  it('returns the same fields as the tasking query, scalars serialised', async () => {
    const [entity] = await entities([{ __typename: 'Tasking', id: 'ICR_FC_0000002' }]);
    const direct = await stack.graphql<{ tasking: Entity }>(
      'query { tasking(id: "ICR_FC_0000002") { __typename id status customerReference aoi period { start } segments { id status } } }',
    );
    expect(entity).toEqual(direct.data?.tasking);
    expect(entity).toMatchObject({
      status: 'IN_PROGRESS',
      aoi: { type: 'Polygon' },
      period: { start: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      segments: [{ id: 'AS_FC_0000002_1_1', status: 'Proposed' }],
    });
  });

  it('refuses a representation without an id as bad input, asking nothing upstream', async () => {
    const response = await stack.graphql(ENTITIES_QUERY, { representations: [{ __typename: 'Tasking' }] });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/representations\[0\]\.id/);
    expect(await upstreamApiCalls()).toEqual([]);
  });
});

describe('_entities for Contract', () => {
  it('resolves several contracts, unknown ones as null, with one GET /contracts', async () => {
    const ids = [...SEEDED_CONTRACTS, 'CTR_UNKNOWN', SEEDED_CONTRACTS[0]];
    const result = await entities(ids.map((id) => ({ __typename: 'Contract', id })));

    expect(result.map((entity) => entity?.id ?? null)).toEqual([
      ...SEEDED_CONTRACTS,
      null,
      SEEDED_CONTRACTS[0],
    ]);
    expect(result[0]).toMatchObject({ __typename: 'Contract', currency: 'EUR' });
    const calls = await upstreamApiCalls();
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/contracts']);
  });
});

it('resolves taskings and contracts in one request with one upstream call each', async () => {
  const result = await entities([
    { __typename: 'Contract', id: 'CTR21000411' },
    ...SEEDED_TASKINGS.map((id) => ({ __typename: 'Tasking', id })),
    { __typename: 'Contract', id: 'CTR22000512' },
  ]);
  expect(result.map((entity) => entity?.__typename)).toEqual([
    'Contract',
    'Tasking',
    'Tasking',
    'Tasking',
    'Tasking',
    'Contract',
  ]);
  const calls = (await upstreamApiCalls()).map((call) => `${call.method} ${call.path}`);
  // Each tasking's segments are read once (the loader), and nothing else is asked twice.
  expect(calls.filter((call) => !call.endsWith('/segments')).sort()).toEqual([
    'GET /api/v1/contracts',
    'GET /api/v1/contracts/CTR21000411/taskings',
  ]);
  expect(new Set(calls).size).toBe(calls.length);
});
