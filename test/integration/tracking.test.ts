import { describe, expect, it } from 'vitest';
import { type GraphQLResponse, sharedTestStack } from '../support/gateway.js';

/**
 * Tracking filters and sorting of `taskings`, through GraphQL against the simulator's seeded taskings
 * (src/simulator/seed.ts): 1 SPOT plan in study, 2 Pléiades plan with a proposed segment,
 * 3 Pléiades OneDay completed, 4 SPOT OneDay canceled.
 */

const DAY_MS = 86_400_000;
const TASKINGS = `query T(
  $hasProposedSegments: Boolean, $mission: Mission, $offers: [ProgType!], $acquisitionDate: DateRangeInput,
  $endOfPeriod: DateRangeInput, $ids: [ID!], $status: [TaskingStatus!], $sort: TaskingSortInput
) {
  taskings(
    hasProposedSegments: $hasProposedSegments, mission: $mission, offers: $offers, acquisitionDate: $acquisitionDate,
    endOfPeriod: $endOfPeriod, ids: $ids, status: $status, sort: $sort, first: 20
  ) { totalCount edges { node { id proposedSegmentCount } } }
}`;

type TaskingsData = {
  taskings: { totalCount: number | null; edges: { node: { id: string; proposedSegmentCount: number } }[] };
};

const stack = sharedTestStack();

async function ids(variables: Record<string, unknown>): Promise<string[]> {
  const response = await stack().graphql<TaskingsData>(TASKINGS, variables);
  expect(response.errors).toBeUndefined();
  return response.data?.taskings.edges.map((edge) => edge.node.id) ?? [];
}

async function upstreamCallCount(): Promise<number> {
  const { requests } = await stack().control<{ requests: { path: string }[] }>('GET', '/requests');
  return requests.filter((request) => request.path.startsWith('/api/')).length;
}

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

describe('taskings: tracking filters and sorting', () => {
  it('hasProposedSegments: true is the queue of taskings waiting for a decision', async () => {
    const response = await stack().graphql<TaskingsData>(TASKINGS, { hasProposedSegments: true });
    expect(response.data?.taskings.edges.map((edge) => edge.node)).toEqual([
      { id: 'ICR_FC_0000002', proposedSegmentCount: 1 },
    ]);
    expect(response.data?.taskings.totalCount).toBe(1);
  });

  it('filters by mission and offer', async () => {
    expect(await ids({ mission: 'SPOT', offers: ['ONEDAY'] })).toEqual(['ICR_FC_0000004']);
    expect((await ids({ mission: 'PLEIADES' })).sort()).toEqual(['ICR_FC_0000002', 'ICR_FC_0000003']);
  });

  it('filters by acquisition-period start and end ranges, open on one side or not', async () => {
    expect(await ids({ acquisitionDate: { from: inDays(1), to: inDays(3) } })).toEqual(['ICR_FC_0000001']);
    expect(await ids({ endOfPeriod: { from: inDays(29), to: inDays(31) } })).toEqual(['ICR_FC_0000002']);
    expect((await ids({ endOfPeriod: { from: inDays(29) } })).sort()).toEqual([
      'ICR_FC_0000001',
      'ICR_FC_0000002',
    ]);
  });

  it('filters by ids', async () => {
    expect((await ids({ ids: ['ICR_FC_0000003', 'ICR_FC_0000001'] })).sort()).toEqual([
      'ICR_FC_0000001',
      'ICR_FC_0000003',
    ]);
  });

  it.each(['ids', 'offers', 'status'])(
    'an empty %s list matches no tasking (an empty watch-list shows nothing), without an upstream call',
    async (filter) => {
      const before = await upstreamCallCount();
      const response = await stack().graphql<TaskingsData>(TASKINGS, { [filter]: [] });
      expect(response.errors).toBeUndefined();
      expect(response.data?.taskings).toEqual({ totalCount: 0, edges: [] });
      expect(await upstreamCallCount()).toBe(before);
    },
  );

  it('sorts by the end of the acquisition period, either way', async () => {
    const range = { endOfPeriod: { from: inDays(29) } };
    expect(await ids({ ...range, sort: { field: 'END_OF_PERIOD', direction: 'ASC' } })).toEqual([
      'ICR_FC_0000002',
      'ICR_FC_0000001',
    ]);
    expect(await ids({ ...range, sort: { field: 'END_OF_PERIOD' } })).toEqual([
      'ICR_FC_0000001',
      'ICR_FC_0000002',
    ]);
  });

  it.each([
    [
      'a range whose from is after its to',
      { acquisitionDate: { from: inDays(3), to: inDays(1) } },
      'acquisitionDate',
    ],
    ['a range with no bound', { endOfPeriod: {} }, 'endOfPeriod'],
    ['the Pléiades Neo mission', { mission: 'PLEIADES_NEO' }, 'mission'],
    ['a Pléiades Neo offer', { offers: ['ONENOWATTEMPTS'] }, 'offers'],
    ['more than 100 ids', { ids: Array.from({ length: 101 }, (_, index) => `ICR_${index}`) }, 'ids'],
    ['an id that could split the list', { ids: ['ICR_1,ICR_2'] }, 'ids[0]'],
  ])('refuses %s with BAD_USER_INPUT before any upstream call', async (_case, variables, field) => {
    const before = await upstreamCallCount();
    const response: GraphQLResponse = await stack().graphql(TASKINGS, variables);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await upstreamCallCount()).toBe(before);
  });
});
