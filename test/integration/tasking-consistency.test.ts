import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, sharedTestStack, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * A tasking and its segments are cached apart, so they can be of different ages: the tasking's counts
 * must still agree with the segments served beside it. Another gateway (its own caches) decides the
 * seeded proposed segment behind the first one's back, as another replica or Airbus' own site would.
 */

const TASKING_ID = 'ICR_FC_0000002';
const SEGMENT_ID = 'AS_FC_0000002_1_1';
const COUNTS = 'id proposedSegmentCount totalSegmentCount';

// Taskings cached for a minute on the gateway under test; nothing cached on the other.
const stack = sharedTestStack({ safety: { taskingTtlMs: 60_000 } });
let elsewhere: TestGateway;

beforeAll(async () => {
  elsewhere = await startTestGateway(stack().simulator);
});

afterAll(async () => {
  await elsewhere?.close();
});

describe('a tasking served with its segments', () => {
  it('counts what its segments hold, even when the cached tasking is older than they are', async () => {
    // Cached: one proposed segment.
    const cachedList = await stack().graphql<{
      taskings: { edges: Array<{ node: { proposedSegmentCount: number } }> };
    }>(`query { taskings(first: 10) { edges { node { ${COUNTS} } } } }`);
    expect(cachedList.data?.taskings.edges.map((edge) => edge.node)).toContainEqual(
      expect.objectContaining({ id: TASKING_ID, proposedSegmentCount: 1 }),
    );
    const cachedOne = await stack().graphql(`query { tasking(id: "${TASKING_ID}") { ${COUNTS} } }`);
    expect(cachedOne.data?.tasking).toMatchObject({ proposedSegmentCount: 1 });

    const decided = await postGraphQL(
      elsewhere.url,
      `mutation { acceptSegment(taskingId: "${TASKING_ID}", segmentId: "${SEGMENT_ID}") { status } }`,
    );
    expect(decided.data).toEqual({ acceptSegment: { status: 'Validated' } });

    // Still the cached tasking, beside segments read now: the counts follow the segments.
    const one = await stack().graphql(
      `query { tasking(id: "${TASKING_ID}") { ${COUNTS} segments { id status } } }`,
    );
    expect(one.data?.tasking).toEqual({
      id: TASKING_ID,
      proposedSegmentCount: 0,
      totalSegmentCount: 1,
      segments: [{ id: SEGMENT_ID, status: 'Validated' }],
    });
    const list = await stack().graphql<{ taskings: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `query { taskings(first: 10) { edges { node { ${COUNTS} segments { status } } } } }`,
    );
    for (const { node } of list.data?.taskings.edges ?? []) {
      const segments = node.segments as Array<{ status: string }>;
      expect(node.totalSegmentCount, String(node.id)).toBe(segments.length);
      expect(node.proposedSegmentCount, String(node.id)).toBe(
        segments.filter((s) => s.status === 'Proposed').length,
      );
    }
    const line = await stack().graphql(
      `query { taskingLine(id: "${TASKING_ID}") { ... on Tasking { proposedSegmentCount } acquisitions { awaitingDecision } } }`,
    );
    expect(line.errors).toBeUndefined();
    expect(line.data?.taskingLine).toMatchObject({
      proposedSegmentCount: 0,
      acquisitions: [{ awaitingDecision: false }],
    });
  });
});
