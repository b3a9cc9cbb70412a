import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attemptsRequest } from '../fixtures/guide-samples.js';
import { CREATE_ORDER, upstreamRequests } from '../safety/support.js';
import { sharedTestStack } from '../support/gateway.js';
import { orderInput, SMALL_AOI_INSIDE_TOULOUSE } from '../support/order-input.js';

/** The guide's order options, typed, through GraphQL against the simulator. */

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

const stack = sharedTestStack({}, { resetBetweenTests: true });

async function oneNowPasses(): Promise<Pass[]> {
  const answer = await stack().graphql<{ attempts: { progTypes: { attempts: Pass[] }[] }[] }>(ATTEMPTS, {
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
    const placed = await stack().graphql<{ createOrder: { status: string } }>(CREATE_ORDER, {
      input: oneNow(`one-now-${randomUUID()}`, passes, { holdback: false }),
    });
    expect(placed.errors).toBeUndefined();
    expect(placed.data?.createOrder.status).toBe('PLACED');

    const { orders } = await stack().control<{
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

    const tasking = await stack().graphql<{ tasking: { attempts: { start: string; end: string }[] } }>(
      TASKING,
      {
        id: orders[0]?.taskingIds[0],
      },
    );
    expect(tasking.data?.tasking.attempts.map(({ start, end }) => `${start} ${end}`)).toEqual(periods);
  });

  it('refuses a passed order deadline before anything is priced, journaled or sent', async () => {
    const passes = await oneNowPasses();
    const before = (await upstreamRequests(stack())).length;
    for (const query of [PRICE, CREATE_ORDER]) {
      const response = await stack().graphql(query, {
        input: oneNow(`late-${randomUUID()}`, passes, { orderDeadline: '2020-06-19T03:30:00.899Z' }),
      });
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.orderDeadline',
        problems: [{ field: 'input.orderDeadline', message: expect.stringMatching(/^has passed/) }],
      });
    }
    const sent = (await upstreamRequests(stack()))
      .slice(before)
      .filter((call) => /^\/api\/v1\/(prices|orders)$/.test(call.path));
    expect(sent).toEqual([]);
  });

  it('refuses OneNow passes on another offer, and a pass without its end, in one answer', async () => {
    const response = await stack().graphql(PRICE, {
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

describe('an acquisition window that has ended', () => {
  const ENDED = { start: '2001-01-01T00:00:00.000Z', end: '2001-02-01T00:00:00.000Z' };
  const FEASIBILITY = 'query F($input: TaskingSearchInput!) { feasibility(input: $input) { mission } }';

  it('refuses a price and an order with the input’s other problems, before anything is priced, journaled or sent', async () => {
    const before = (await upstreamRequests(stack())).length;
    for (const query of [PRICE, CREATE_ORDER]) {
      const response = await stack().graphql(query, {
        input: orderInput(`ended-${randomUUID()}`, { window: ENDED, maxCloudCover: 101 }),
      });
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: expect.arrayContaining([
          {
            field: 'input.window.end',
            message: 'has passed (2001-02-01T00:00:00.000Z): an acquisition window must end in the future',
          },
          expect.objectContaining({ field: 'input.maxCloudCover' }),
        ]),
      });
    }
    const { orders } = await stack().control<{ orders: unknown[] }>('GET', '/orders');
    expect(orders).toEqual([]);
    const sent = (await upstreamRequests(stack()))
      .slice(before)
      .filter((call) => /^\/api\/v1\/(prices|orders)$/.test(call.path));
    expect(sent).toEqual([]);
  });

  it('refuses OneNow passes that have ended, each by its index', async () => {
    const passes = await oneNowPasses();
    const response = await stack().graphql(PRICE, {
      input: oneNow(`ended-passes-${randomUUID()}`, passes, {
        acquisitionPeriods: [{ start: passes[0]?.acquisitionStart, end: passes[0]?.acquisitionEnd }, ENDED],
      }),
    });
    expect(response.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'input.acquisitionPeriods[1].end', message: expect.stringMatching(/^has passed/) },
    ]);
  });

  it('refuses feasibility and attempts over it; attempts keep a start in the past without an end', async () => {
    const search = (window: Record<string, string>) => ({
      input: { missions: ['PLEIADES'], progTypes: ['ONEDAY'], aoi: attemptsRequest('').aoi, window },
    });
    const before = (await upstreamRequests(stack())).length;
    for (const query of [FEASIBILITY, ATTEMPTS]) {
      const response = await stack().graphql(query, search(ENDED));
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.window.end',
      });
    }
    const sent = (await upstreamRequests(stack()))
      .slice(before)
      .filter((call) => /^\/api\/v1\/(feasibility|attempts)$/.test(call.path));
    expect(sent).toEqual([]);
    const fromThePast = await stack().graphql(ATTEMPTS, search({ start: ENDED.start }));
    expect(fromThePast.errors).toBeUndefined();
  });
});

describe('several AOIs in one order', () => {
  const toulouse = attemptsRequest('').aoi;
  /** The guide's Toulouse AOI moved a degree east: outside every pass over Toulouse. */
  const elsewhere = {
    type: 'Polygon',
    coordinates: [toulouse.coordinates[0]?.map(([lon, lat]) => [(lon ?? 0) + 1, lat])],
  };
  const GUIDE_OPTIONS = orderInput('').options;
  const twoAois = [
    { id: 1, geometry: toulouse },
    { id: 2, name: 'Small one', geometry: SMALL_AOI_INSIDE_TOULOUSE },
  ];

  async function priceOf(input: Record<string, unknown>): Promise<number> {
    const answer = await stack().graphql<{ price: { totalAmount: number } }>(PRICE, { input });
    if (answer.data === undefined || answer.data === null) throw new Error(JSON.stringify(answer.errors));
    return answer.data.price.totalAmount;
  }

  it('prices each AOI on its own and orders one item per AOI, with per-AOI options suffixed by the AOI id', async () => {
    const options = [...GUIDE_OPTIONS, { key: 'projection_2', value: '3857' }];
    const together = await priceOf(orderInput('two-aois', { aoi: null, aois: twoAois, options }));
    const alone = await Promise.all(
      twoAois.map(({ geometry }) => priceOf(orderInput('one-aoi', { aoi: geometry }))),
    );
    expect(together).toBe(Math.round(alone.reduce((sum, amount) => sum + amount, 0) * 100) / 100);

    const placed = await stack().graphql<{ createOrder: { status: string } }>(CREATE_ORDER, {
      input: orderInput(`two-aois-${randomUUID()}`, { aoi: null, aois: twoAois, options }),
    });
    expect(placed.data?.createOrder.status).toBe('PLACED');
    const { orders } = await stack().control<{
      orders: {
        taskingIds: string[];
        body: {
          aoi: { id: number; name: string }[];
          items: { aoiId: number }[];
          optionsPerProductType: { options: { key: string; value: string }[] }[];
        };
      }[];
    }>('GET', '/orders');
    const [order] = orders;
    expect(order?.body.aoi.map(({ id, name }) => [id, name])).toEqual([
      [1, expect.stringMatching(/^two-aois-.* 1$/)],
      [2, 'Small one'],
    ]);
    expect(order?.body.items.map((item) => item.aoiId)).toEqual([1, 2]);
    expect(order?.body.optionsPerProductType[0]?.options).toContainEqual({
      key: 'projection_2',
      value: '3857',
    });
    expect(order?.taskingIds).toHaveLength(2);
  });

  it('publishes the production options of every AOI, each per-AOI option suffixed with its AOI id', async () => {
    const OPTIONS = `query O($aois: [OptionsAoiInput!], $aoi: GeoJSONPolygon) {
      productionOptions(productTypeId: "SpotTaskingOnePlan", aois: $aois, aoi: $aoi) { name defaultValue }
    }`;
    const answer = await stack().graphql<{ productionOptions: { name: string }[] }>(OPTIONS, {
      aois: twoAois.map(({ id, geometry }) => ({ id, geometry })),
    });
    const names = answer.data?.productionOptions.map((option) => option.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['dem_1', 'projection_1', 'dem_2', 'projection_2']));

    const both = await stack().graphql(OPTIONS, { aois: [{ id: 1, geometry: toulouse }], aoi: toulouse });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'aoi' });
  });

  it('names in one answer what each AOI lacks: a per-AOI option of AOI 2, and the AOIs past Airbus’ five', async () => {
    const missing = await stack().graphql(PRICE, {
      input: orderInput('two-aois-no-projection', { aoi: null, aois: twoAois }),
    });
    expect(missing.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ field: 'input.options', option: 'projection_2', reason: 'REQUIRED' }),
    ]);

    const before = (await upstreamRequests(stack())).length;
    const six = Array.from({ length: 6 }, (_, index) => ({ id: index + 1, geometry: toulouse }));
    const tooMany = await stack().graphql(CREATE_ORDER, {
      input: orderInput(`six-${randomUUID()}`, { aoi: toulouse, aois: six }),
    });
    expect(tooMany.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'input.aoi', message: 'goes on each AOI of `aois` when `aois` is given' },
      { field: 'input.aois', message: "must hold 1 to 5 AOIs (Airbus' limit per order), got 6" },
    ]);
    const sent = (await upstreamRequests(stack()))
      .slice(before)
      .filter((call) => /^\/api\/v1\/(prices|orders)$/.test(call.path));
    expect(sent).toEqual([]);
  });

  it('binds each AOI to its own pass: a key of another AOI, or none, is refused for that AOI', async () => {
    const passes = await oneNowPasses();
    const response = await stack().graphql(PRICE, {
      input: orderInput('one-now-two-aois', {
        productTypeId: 'PleiadesTaskingOneNow',
        window: null,
        aoi: null,
        aois: [
          { id: 1, geometry: toulouse, segmentKey: passes[0]?.segmentKey },
          { id: 2, geometry: elsewhere, segmentKey: passes[0]?.segmentKey },
          { id: 3, geometry: elsewhere },
        ],
      }),
    });
    expect(response.errors?.[0]?.extensions?.problems).toEqual([
      {
        field: 'input.aois[2].segmentKey',
        message: expect.stringMatching(/^is required for PleiadesTaskingOneNow/),
      },
      { field: 'input.aois[1].segmentKey', message: expect.stringMatching(/^was computed for another AOI/) },
      // In the same answer, each AOI's own projection, which the guide's options give AOI 1 only.
      expect.objectContaining({ field: 'input.options', option: 'projection_2', reason: 'REQUIRED' }),
      expect.objectContaining({ field: 'input.options', option: 'projection_3', reason: 'REQUIRED' }),
    ]);
  });
});
