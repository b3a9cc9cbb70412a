import { beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, sharedTestStack } from '../support/gateway.js';

/**
 * Delivered imagery's search criteria through GraphQL against the simulator's seeded workspace: one
 * Pléiades acquisition over Toulouse, taken four days ago and published two hours later.
 */

const DAY_MS = 86_400_000;
const IMAGERY = `query I(
  $acquisitionDate: DateRangeInput, $cloudCover: FloatRangeInput, $incidenceAngle: FloatRangeInput,
  $intersecting: GeoJSONPolygon, $lastUpdateDate: DateRangeInput
) {
  imagery(
    acquisitionDate: $acquisitionDate, cloudCover: $cloudCover, incidenceAngle: $incidenceAngle,
    intersecting: $intersecting, lastUpdateDate: $lastUpdateDate, first: 10
  ) { totalCount edges { node { id cloudCover incidenceAngle } } }
}`;

type ImageryData = {
  imagery: {
    totalCount: number | null;
    edges: { node: { id: string; cloudCover: number; incidenceAngle: number } }[];
  };
};

function box(west: number, south: number, east: number, north: number) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

const stack = sharedTestStack();
let seeded: ImageryData['imagery']['edges'][number]['node'];

beforeAll(async () => {
  const all = await stack().graphql<ImageryData>(IMAGERY, {});
  const first = all.data?.imagery.edges[0]?.node;
  if (first === undefined) throw new Error('the seeded workspace holds no image');
  seeded = first;
});

async function count(variables: Record<string, unknown>): Promise<number> {
  const response = await stack().graphql<ImageryData>(IMAGERY, variables);
  expect(response.errors).toBeUndefined();
  return response.data?.imagery.edges.length ?? -1;
}

async function upstreamCallCount(): Promise<number> {
  const { requests } = await stack().control<{ requests: { path: string }[] }>('GET', '/requests');
  return requests.filter((request) => request.path.startsWith('/api/')).length;
}

describe('imagery: the search API’s criteria', () => {
  it('filters by acquisition date and by last update (harvesting)', async () => {
    expect(await count({ acquisitionDate: { from: inDays(-5) } })).toBe(1);
    expect(await count({ acquisitionDate: { from: inDays(-3), to: inDays(0) } })).toBe(0);
    expect(await count({ lastUpdateDate: { from: inDays(-5) } })).toBe(1);
    expect(await count({ lastUpdateDate: { from: inDays(-1) } })).toBe(0);
  });

  it('filters by cloud cover and incidence angle ranges, bounds included', async () => {
    expect(await count({ cloudCover: { max: seeded.cloudCover } })).toBe(1);
    expect(await count({ cloudCover: { min: seeded.cloudCover + 0.01 } })).toBe(0);
    expect(await count({ incidenceAngle: { min: seeded.incidenceAngle, max: 90 } })).toBe(1);
    expect(await count({ incidenceAngle: { max: seeded.incidenceAngle - 0.01 } })).toBe(0);
  });

  it('keeps the images whose footprint intersects an area', async () => {
    expect(await count({ intersecting: box(1.4, 43.55, 1.45, 43.6) })).toBe(1);
    expect(await count({ intersecting: box(2.25, 48.8, 2.4, 48.9) })).toBe(0);
  });

  it.each([
    ['a cloud cover range upside down', { cloudCover: { min: 50, max: 10 } }, 'cloudCover'],
    ['a cloud cover over 100 %', { cloudCover: { max: 101 } }, 'cloudCover.max'],
    ['an incidence angle over 90°', { incidenceAngle: { min: 91 } }, 'incidenceAngle.min'],
    ['a range with no bound', { lastUpdateDate: {} }, 'lastUpdateDate'],
    ['a date range upside down', { acquisitionDate: { from: inDays(0), to: inDays(-1) } }, 'acquisitionDate'],
  ])('refuses %s with BAD_USER_INPUT before any upstream call', async (_case, variables, field) => {
    const before = await upstreamCallCount();
    const response: GraphQLResponse = await stack().graphql(IMAGERY, variables);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await upstreamCallCount()).toBe(before);
  });
});
