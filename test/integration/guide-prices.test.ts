import { describe, expect, it } from 'vitest';
import type { WireOrderRequest } from '../../src/datasources/oneatlas/wire/types.js';
import {
  inSampleYear,
  PLEIADES_ONE_DAY_OPTION_INPUTS,
  pleiadesOneDayPriceRequest,
  pleiadesOneDayPriceResponse,
  spotOnePlanPriceRequest,
  spotOnePlanPriceResponse,
} from '../fixtures/guide-samples.js';
import { sharedTestStack, type TestStack } from '../support/gateway.js';

/**
 * The guide's two price examples end to end: GraphQL in, the guide's REST body out (as the simulator
 * received it), the guide's amounts back.
 */

const PRICE = `query Price($input: OrderInput!) {
  price(input: $input) {
    contractId currency totalAmount discountPercentage discountValue
    productTypes { productTypeId amount price areaKm2 discountPercentage discountValue }
  }
}`;

const options = PLEIADES_ONE_DAY_OPTION_INPUTS;

/**
 * Absent, null, '' and [] say the same thing to the upstream, and the order of item properties does
 * not matter: compare bodies on what they mean.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    const isKeyValueList = items.every((item) => typeof item === 'object' && item !== null && 'key' in item);
    return isKeyValueList
      ? [...items].sort((a, b) =>
          String((a as { key: string }).key).localeCompare(String((b as { key: string }).key)),
        )
      : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(
          ([, field]) => field !== null && field !== '' && !(Array.isArray(field) && field.length === 0),
        )
        .map(([key, field]) => [key, canonical(field)]),
    );
  }
  return value;
}

async function lastPriceBody(stack: TestStack): Promise<unknown> {
  const { requests } = await stack.control<{ requests: { method: string; path: string; body?: unknown }[] }>(
    'GET',
    '/requests',
  );
  return requests.filter((request) => request.method === 'POST' && request.path === '/api/v1/prices').at(-1)
    ?.body;
}

describe('the guide price examples', () => {
  const stack = sharedTestStack();

  it('Pléiades Tasking OneDay: 132 km², 7392 EUR, on a pass chosen from attempts', async () => {
    const { contractId, workspaceId } = stack().simulator;
    const guideBody = pleiadesOneDayPriceRequest(contractId, workspaceId, '<segmentKey>');
    const aoi = guideBody.aoi[0]?.geometry;
    const attempts = await stack().graphql<{
      attempts: { progTypes: { attempts: { segmentKey: string }[] }[] }[];
    }>(
      'query A($input: TaskingSearchInput!) { attempts(input: $input) { progTypes { attempts { segmentKey } } } }',
      {
        input: {
          missions: ['PLEIADES'],
          progTypes: ['ONEDAY'],
          aoi,
          window: { start: new Date(Date.now() + 86_400_000).toISOString() },
          optical: { acquisitionMode: 'MONO', maxCloudCover: 25, maxIncidenceAngle: 30 },
        },
      },
    );
    const segmentKey = attempts.data?.attempts[0]?.progTypes[0]?.attempts[0]?.segmentKey;
    expect(segmentKey).toBeDefined();

    const { data, errors } = await stack().graphql<{ price: unknown }>(PRICE, {
      input: {
        productTypeId: 'PleiadesTaskingOneDay',
        aoi,
        aoiName: 'PHR 1',
        segmentKey,
        extendedAngle: true,
        comments: 'Pleiades OneDay',
        itemComments: 'your comment',
        customerReference: 'unique customer reference',
        primaryMarket: 'NQUAL',
        options,
      },
    });
    expect(errors).toBeUndefined();
    const expected = pleiadesOneDayPriceResponse(contractId);
    expect(data?.price).toEqual({
      contractId,
      currency: expected.currency,
      totalAmount: 7392,
      discountPercentage: expected.discountPercentage,
      discountValue: expected.discountValue,
      productTypes: [
        {
          productTypeId: 'PleiadesTaskingOneDay',
          amount: 7392,
          price: 7392,
          areaKm2: 132,
          discountPercentage: 0,
          discountValue: 0,
        },
      ],
    });

    // The guide's sample sends two different comments: the property (`comments`) and the item's (`itemComments`).
    const [item] = guideBody.items;
    const expectedBody: WireOrderRequest = {
      ...guideBody,
      items: item ? [{ ...item, segmentKey: segmentKey as string }] : [],
    };
    expect(canonical(await lastPriceBody(stack()))).toEqual(canonical(expectedBody));
  });
});

describe('the guide price example on a contract whose workspace the gateway cannot know', () => {
  // The SPOT sample asks for no delivery. The gateway adds the contract's workspace when /me gives
  // it; on another account's key, /me names another contract, so none is known and none is added.
  const otherKey = 'guide-prices-other-account';
  const stack = sharedTestStack({
    simulator: { otherApiKeys: [otherKey] },
    oneAtlas: (config) => ({ ...config, apiKey: otherKey, workspaceId: undefined }),
  });

  it('Spot Tasking OnePlan: 500 km² minimum, 3450 EUR less 80 % → 690 EUR', async () => {
    const { contractId } = stack().simulator;
    const guideBody = spotOnePlanPriceRequest(contractId);
    const { data, errors } = await stack().graphql<{ price: unknown }>(PRICE, {
      input: {
        productTypeId: 'SpotTaskingOnePlan',
        aoi: guideBody.aoi[0]?.geometry,
        aoiName: 'Polygon 1',
        acquisitionMode: 'MONO',
        feasibility: {
          classification: 'CHALLENGING',
          automation: 'AUTOMATIC',
          automationName: 'AutomaticTasking30',
        },
        notificationThreshold: 25,
        maxCloudCover: 10,
        maxIncidenceAngle: 50,
        window: {
          start: inSampleYear('2021-06-18T09:04:16.284Z'),
          end: inSampleYear('2021-07-18T23:59:59.999Z'),
        },
        comments: 'comment',
        customerReference: 'customer reference',
        options,
      },
    });
    expect(errors).toBeUndefined();
    const expected = spotOnePlanPriceResponse(contractId);
    expect(data?.price).toEqual({
      contractId,
      currency: expected.currency,
      totalAmount: 690,
      discountPercentage: 0,
      discountValue: 0,
      productTypes: [
        {
          productTypeId: 'SpotTaskingOnePlan',
          amount: 690,
          price: 3450,
          areaKm2: 500,
          discountPercentage: 80,
          discountValue: 0,
        },
      ],
    });
    expect(canonical(await lastPriceBody(stack()))).toEqual(canonical(guideBody));
  });
});
