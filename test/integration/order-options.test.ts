import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attemptsRequest } from '../fixtures/guide-samples.js';
import { CREATE_ORDER, upstreamRequests } from '../safety/support.js';
import { startTestStack, type TestStack } from '../support/gateway.js';
import { orderInput } from '../support/order-input.js';

/** The guide's OneNow order options, typed, through GraphQL against the simulator. */

const ATTEMPTS = `query A($input: TaskingSearchInput!) {
  attempts(input: $input) { progTypes { attempts { segmentKey orderDeadline acquisitionStart acquisitionEnd } } }
}`;
const PRICE = 'query P($input: OrderInput!) { price(input: $input) { totalAmount } }';
const TASKING = 'query T($id: ID!) { tasking(id: $id) { attempts { start end } } }';

interface Pass {
  segmentKey: string;
  orderDeadline: string;
  acquisitionStart: string;
  acquisitionEnd: string;
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

beforeEach(async () => {
  await stack.control('POST', '/reset');
});

async function oneNowPasses(): Promise<Pass[]> {
  const answer = await stack.graphql<{ attempts: { progTypes: { attempts: Pass[] }[] }[] }>(ATTEMPTS, {
    input: {
      missions: ['PLEIADES'],
      progTypes: ['ONENOW'],
      aoi: attemptsRequest('').aoi,
      window: { start: new Date(Date.now() + 86_400_000).toISOString() },
      optical: { acquisitionMode: 'MONO', maxCloudCover: 25, maxIncidenceAngle: 50 },
    },
  });
  const passes = answer.data?.attempts[0]?.progTypes[0]?.attempts ?? [];
  if (passes.length < 2) throw new Error(`fewer than two passes: ${JSON.stringify(answer)}`);
  return passes;
}

function oneNow(customerReference: string, passes: Pass[], overrides: Record<string, unknown> = {}) {
  const [chosen] = passes;
  return orderInput(customerReference, {
    productTypeId: 'PleiadesTaskingOneNow',
    window: null,
    segmentKey: chosen?.segmentKey,
    orderDeadline: chosen?.orderDeadline,
    acquisitionPeriods: passes.map((pass) => ({ start: pass.acquisitionStart, end: pass.acquisitionEnd })),
    ...overrides,
  });
}

describe('OneNow passes, the order deadline and holdback, typed', () => {
  it('sends acqPeriods, orderDeadLine and holdback as the guide’s OneNow sample does, and the tasking lists every pass', async () => {
    const passes = await oneNowPasses();
    const placed = await stack.graphql<{ createOrder: { status: string } }>(CREATE_ORDER, {
      input: oneNow(`one-now-${randomUUID()}`, passes, { holdback: false }),
    });
    expect(placed.errors).toBeUndefined();
    expect(placed.data?.createOrder.status).toBe('PLACED');

    const { orders } = await stack.control<{
      orders: { taskingIds: string[]; body: { items: Record<string, unknown>[] } }[];
    }>('GET', '/orders');
    const [item] = orders[0]?.body.items ?? [];
    const periods = passes.map((pass) => `${pass.acquisitionStart} ${pass.acquisitionEnd}`);
    expect(item?.holdback).toBe(false);
    expect(item?.properties).toEqual(
      expect.arrayContaining([
        { key: 'orderDeadLine', value: passes[0]?.orderDeadline },
        { key: 'acqPeriods', value: periods.join(',') },
      ]),
    );

    const tasking = await stack.graphql<{ tasking: { attempts: { start: string; end: string }[] } }>(
      TASKING,
      {
        id: orders[0]?.taskingIds[0],
      },
    );
    expect(tasking.data?.tasking.attempts.map(({ start, end }) => `${start} ${end}`)).toEqual(periods);
  });

  it('refuses a passed order deadline before anything is priced, journaled or sent', async () => {
    const passes = await oneNowPasses();
    const before = (await upstreamRequests(stack)).length;
    for (const query of [PRICE, CREATE_ORDER]) {
      const response = await stack.graphql(query, {
        input: oneNow(`late-${randomUUID()}`, passes, { orderDeadline: '2020-06-19T03:30:00.899Z' }),
      });
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.orderDeadline',
        problems: [{ field: 'input.orderDeadline', message: expect.stringMatching(/^has passed/) }],
      });
    }
    const sent = (await upstreamRequests(stack))
      .slice(before)
      .filter((call) => /^\/api\/v1\/(prices|orders)$/.test(call.path));
    expect(sent).toEqual([]);
  });

  it('refuses OneNow passes on another offer, and a pass without its end, in one answer', async () => {
    const response = await stack.graphql(PRICE, {
      input: orderInput('plan-with-passes', {
        acquisitionPeriods: [{ start: '2030-01-01T00:00:00.000Z' }],
        orderDeadline: '2030-01-01T00:00:00.000Z',
      }),
    });
    expect(response.errors?.[0]?.extensions?.problems).toEqual([
      {
        field: 'input.acquisitionPeriods',
        message: 'only applies to OneNow products, not SpotTaskingOnePlan',
      },
      {
        field: 'input.acquisitionPeriods[0].end',
        message: 'is required for an order (acqPeriod has both ends)',
      },
      {
        field: 'input.orderDeadline',
        message: "only applies to OneDay and OneNow products (a pass's deadline), not SpotTaskingOnePlan",
      },
    ]);
  });
});
