import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  WireKeyValue,
  WireOrderRequest,
  WireProgCapacities,
  WireTaskingsResponse,
} from '../../src/datasources/oneatlas/wire/types.js';
import {
  attemptsRequest,
  pleiadesOneDayPriceRequest,
  spotOnePlanOrderRequest,
  spotOnePlanPriceRequest,
} from '../fixtures/guide-samples.js';
import { SMALL_AOI_INSIDE_TOULOUSE } from '../support/order-input.js';
import { type SimulatorClient, startSimulatorClient } from './simulator-client.js';

/** The guide's SpotTaskingOnePlan body with some item properties replaced (or removed when `null`). */
function withProperties(
  request: WireOrderRequest,
  changes: Record<string, WireKeyValue['value'] | undefined>,
): WireOrderRequest {
  const [item] = request.items;
  if (item === undefined) throw new Error('sample without item');
  const kept = item.properties.filter((property) => !(property.key in changes));
  const added = Object.entries(changes).flatMap(([key, value]) =>
    value === undefined ? [] : [{ key, value }],
  );
  return { ...request, items: [{ ...item, properties: [...kept, ...added] }] };
}

describe('simulator prices and orders', () => {
  let client: SimulatorClient;
  let contractId: string;
  let workspaceId: string;
  let segmentKey: string;
  beforeAll(async () => {
    client = await startSimulatorClient();
    ({ contractId, workspaceId } = client.simulator);
  });
  beforeEach(async () => {
    await client.control('POST', '/reset');
    const attempts = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/attempts',
      attemptsRequest(contractId),
    );
    segmentKey = attempts.body.progCapacities[0]?.progTypes[0]?.segments?.[0]?.segmentKey ?? '';
  });
  afterAll(() => client.close());

  async function expect400(path: string, body: unknown, errorCode: string, message?: RegExp) {
    const answer = await client.api('POST', `/api/v1/${path}`, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body).toEqual({ errorCode, message: expect.stringMatching(message ?? /./) });
  }

  it('rejects bad property values with 400 {errorCode, message}', async () => {
    const plan = spotOnePlanPriceRequest(contractId);
    await expect400(
      'prices',
      withProperties(plan, { maxCloudCover: 101 }),
      'INVALID_PROPERTY',
      /maxCloudCover/,
    );
    await expect400('prices', withProperties(plan, { notificationThreshold: '-1' }), 'INVALID_PROPERTY');
    await expect400(
      'prices',
      withProperties(plan, { maxIncidenceAngle: 90.5 }),
      'INVALID_PROPERTY',
      /maxIncidenceAngle/,
    );
    await expect400(
      'prices',
      withProperties(plan, { acqPeriod: '2030-01-01T00:00:00Z' }),
      'INVALID_PROPERTY',
      /acqPeriod/,
    );
    await expect400(
      'prices',
      withProperties(plan, { acqPeriod: '2030-02-01T00:00:00Z 2030-01-01T00:00:00Z' }),
      'INVALID_PROPERTY',
    );
    await expect400('prices', withProperties(plan, { acqPeriod: 'yesterday tomorrow' }), 'INVALID_DATE');
    await expect400(
      'prices',
      withProperties(plan, { acqPeriod: undefined }),
      'INVALID_PROPERTY',
      /acqPeriod/,
    );
    await expect400('prices', withProperties(plan, { acquisitionMode: 'QUADSTEREO' }), 'INVALID_PROPERTY');
  });

  it('refuses a price and an order whose acqPeriod or acqPeriods ended on its clock, with 400 ACQUISITION_PERIOD_PASSED', async () => {
    const ended = '2001-01-01T00:00:00.000Z 2001-02-01T00:00:00.000Z';
    const plan = withProperties(spotOnePlanOrderRequest(contractId), { acqPeriod: ended });
    await expect400(
      'prices',
      plan,
      'ACQUISITION_PERIOD_PASSED',
      /^acqPeriod ended at 2001-02-01T00:00:00\.000Z/,
    );
    await expect400('orders', plan, 'ACQUISITION_PERIOD_PASSED');

    // An hour ahead of the machine's clock, a day behind the simulator's.
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    await client.control('POST', '/clock/advance', { seconds: 86_400 });
    await expect400(
      'prices',
      withProperties(spotOnePlanPriceRequest(contractId), {
        acqPeriod: `${new Date().toISOString()} ${soon}`,
      }),
      'ACQUISITION_PERIOD_PASSED',
    );
    const oneNow = pleiadesOneDayPriceRequest(contractId, workspaceId, segmentKey);
    const [item] = oneNow.items;
    if (item === undefined) throw new Error('sample without item');
    await expect400(
      'prices',
      {
        ...oneNow,
        items: [
          {
            ...item,
            properties: [
              ...item.properties,
              { key: 'acqPeriods', value: `${new Date().toISOString()} ${soon}` },
            ],
          },
        ],
      },
      'ACQUISITION_PERIOD_PASSED',
      /^acqPeriods ended/,
    );
    expect((await client.control<{ orders: unknown[] }>('GET', '/orders')).body.orders).toEqual([]);
  });

  it('requires base-to-height ratios "0.2"–"0.8", min ≤ max, for STEREO/TRISTEREO orders', async () => {
    const stereo = (minBH?: string, maxBH?: string) =>
      withProperties(spotOnePlanOrderRequest(contractId), {
        acquisitionMode: 'STEREO',
        feasibilityAutomation: 'MANUAL',
        acquisitionModeMinBH: minBH,
        acquisitionModeMaxBH: maxBH,
      });
    await expect400('orders', stereo(), 'INVALID_PROPERTY', /acquisitionModeMinBH/);
    await expect400('orders', stereo('0.1', '0.5'), 'INVALID_PROPERTY', /acquisitionModeMinBH/);
    await expect400('orders', stereo('0.4', '0.9'), 'INVALID_PROPERTY', /acquisitionModeMaxBH/);
    await expect400('orders', stereo('0.7', '0.4'), 'INVALID_PROPERTY', /must not exceed/);
    expect((await client.api('POST', '/api/v1/orders', stereo('0.4', '0.7'))).status).toBe(201);
  });

  it('wants a known market on an order, and a known one on a price that names one (the guide prices without)', async () => {
    const order = spotOnePlanOrderRequest(contractId);
    const { primaryMarket: _, ...withoutMarket } = order;
    await expect400('orders', withoutMarket, 'INVALID_MARKET', /^primaryMarket is mandatory: one of NQUAL, /);
    await expect400(
      'orders',
      { ...order, primaryMarket: 'NOPE' },
      'INVALID_MARKET',
      /Unknown primaryMarket 'NOPE'/,
    );
    await expect400('prices', { ...order, primaryMarket: 'NOPE' }, 'INVALID_MARKET');
    await expect400(
      'orders',
      { ...order, primaryMarket: 'AGRI', secondaryMarket: 'INTEL' },
      'INVALID_MARKET',
      /secondaryMarket 'INTEL' for AGRI: CROP, FOREST/,
    );
    expect((await client.api('POST', '/api/v1/prices', withoutMarket)).status).toBe(201);
    const agri = { ...order, customerReference: 'agri-crop', primaryMarket: 'AGRI', secondaryMarket: 'CROP' };
    expect((await client.api('POST', '/api/v1/orders', agri)).status).toBe(201);
  });

  it('has no price for a tasking that needs a manual feasibility study (guide step 4)', async () => {
    const manual = withProperties(spotOnePlanPriceRequest(contractId), { feasibilityAutomation: 'MANUAL' });
    await expect400('prices', manual, 'PRICE_NEEDS_FEASIBILITY_STUDY');
  });

  it('rejects an unknown contract, an unknown product type, a foreign workspace, a delivery type the contract does not list and malformed bodies', async () => {
    const plan = spotOnePlanPriceRequest(contractId);
    await expect400(
      'prices',
      { ...plan, contractId: 'CTR404' },
      'CONTRACT_NOT_FOUND',
      /^CIS contract 'CTR404' not found\.$/,
    );
    const neoProduct = {
      ...plan,
      items: plan.items.map((item) => ({ ...item, productTypeId: 'PleiadesNeoOnePlan' })),
    };
    await expect400('prices', neoProduct, 'PRODUCT_TYPE_NOT_FOUND');
    const order = spotOnePlanOrderRequest(contractId);
    await expect400('orders', { ...order, delivery: { type: 'network', workspace: 'elsewhere' } }, 'E2203');
    // The contract's delivery types are `network` and `MEDIA`, spelled as listed.
    await expect400('orders', { ...order, delivery: { type: 'media' } }, 'INVALID_DELIVERY_TYPE', /'media'/);
    await expect400('prices', { ...plan, delivery: { type: 'DRONE' } }, 'INVALID_DELIVERY_TYPE');
    expect(
      (await client.api('POST', '/api/v1/prices', { ...plan, delivery: { type: 'MEDIA' } })).status,
    ).toBe(201);
    await expect400('prices', { ...plan, aoi: [] }, 'INVALID_REQUEST');
    // notes §2.3: at most 5 AOI/item pairs per order.
    const sixAois = plan.aoi.flatMap((aoi) => [1, 2, 3, 4, 5, 6].map((id) => ({ ...aoi, id })));
    await expect400('prices', { ...plan, aoi: sixAois }, 'INVALID_REQUEST', /^At most 5 AOIs per order\.$/);
    await expect400(
      'prices',
      { ...plan, items: [{ ...plan.items[0], aoiId: 7 }] },
      'INVALID_REQUEST',
      /aoiId/,
    );
    await expect400('orders', '{"aoi": [', 'MALFORMED_BODY');
    await expect400('orders', '[]', 'MALFORMED_BODY');
  });

  it('checks production options against /options: values, mandatory ones and constraints', async () => {
    const plan = spotOnePlanPriceRequest(contractId);
    const withOptions = (options: WireKeyValue[]) => ({
      ...plan,
      optionsPerProductType: [{ productTypeId: 'SpotTaskingOnePlan', options }],
    });
    const options = plan.optionsPerProductType?.[0]?.options ?? [];
    const replace = (key: string, value: string) =>
      options.map((option) => (option.key === key ? { key, value } : option));
    await expect400('prices', withOptions(replace('image_format', 'png')), 'INVALID_OPTION', /image_format/);
    await expect400(
      'prices',
      withOptions(options.filter((option) => option.key !== 'licence')),
      'INVALID_OPTION',
      /licence/,
    );
    // dem is required when processing_level is ortho; not for primary.
    const withoutDem = options.filter((option) => option.key !== 'dem');
    await expect400('prices', withOptions(withoutDem), 'INVALID_OPTION', /dem_1/);
    const primary = withoutDem.map((option) =>
      option.key === 'processing_level' ? { key: option.key, value: 'primary' } : option,
    );
    expect((await client.api('POST', '/api/v1/prices', withOptions(primary))).status).toBe(201);
    // 8 bits only with basic or display radiometry.
    await expect400(
      'prices',
      withOptions(replace('radiometric_processing', 'reflectance')),
      'INVALID_OPTION',
      /8bits/,
    );
  });

  it('verifies the segmentKey: required for OneDay, refused when altered', async () => {
    const oneDay = pleiadesOneDayPriceRequest(contractId, workspaceId, segmentKey);
    expect((await client.api('POST', '/api/v1/prices', oneDay)).status).toBe(201);
    const altered = segmentKey.replace('"value":"25.0"', '"value":"26.0"');
    expect(altered).not.toBe(segmentKey);
    await expect400(
      'prices',
      pleiadesOneDayPriceRequest(contractId, workspaceId, altered),
      'INVALID_SEGMENT_KEY',
    );
    await expect400(
      'prices',
      pleiadesOneDayPriceRequest(contractId, workspaceId, 'garbage'),
      'INVALID_SEGMENT_KEY',
    );
    const withoutKey = { ...oneDay, items: oneDay.items.map(({ segmentKey: _, ...item }) => item) };
    await expect400('orders', withoutKey, 'INVALID_SEGMENT_KEY');
  });

  it('refuses a segmentKey used for an AOI other than the one it was computed for, a smaller one inside it too', async () => {
    const oneDay = pleiadesOneDayPriceRequest(contractId, workspaceId, segmentKey);
    const [aoi] = oneDay.aoi;
    if (aoi === undefined) throw new Error('sample without aoi');
    const small = SMALL_AOI_INSIDE_TOULOUSE;
    for (const path of ['prices', 'orders']) {
      await expect400(
        path,
        { ...oneDay, customerReference: 'small-aoi', aoi: [{ ...aoi, geometry: small }] },
        'INVALID_SEGMENT_KEY',
        /another AOI/,
      );
    }
    expect((await client.control<{ orders: unknown[] }>('GET', '/orders')).body.orders).toEqual([]);
  });

  it('creates a sales order and its tasking, and records the order in the ledger', async () => {
    const body = {
      ...pleiadesOneDayPriceRequest(contractId, workspaceId, segmentKey),
      customerReference: 'ledger-check',
    };
    const created = await client.api<{ salesOrderId: string }>('POST', '/api/v1/orders', body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      salesOrderId: expect.stringMatching(/^SAL\d+$/),
      currency: 'EUR',
      totalAmount: 7392,
      discountPercentage: 0,
      discountValue: 0,
    });
    const { body: ledger } = await client.control<{ orders: { taskingIds: string[] }[] }>('GET', '/orders');
    expect(ledger.orders).toEqual([
      {
        salesOrderId: created.body.salesOrderId,
        contractId,
        customerReference: 'ledger-check',
        taskingIds: [expect.stringMatching(/^ICR_FC_\d+$/)],
        receivedAt: expect.any(String),
        body,
      },
    ]);
    const taskingId = ledger.orders[0]?.taskingIds[0] ?? '';
    const tasking = await client.api<WireTaskingsResponse['taskings'][number]>(
      'GET',
      `/api/v1/contracts/${contractId}/taskings/${taskingId}`,
    );
    const [passStart, passEnd] = (tasking.body.icr.attempts ?? '').split(' ');
    expect(tasking.body).toMatchObject({
      sal: created.body.salesOrderId,
      icr: {
        id: taskingId,
        progTypeName: 'OneDay',
        status: 'In Progress',
        customerRef: 'ledger-check',
        nbProposedSegments: 0,
        nbTotalSegments: 0,
        taskingProgress: { orderedArea: expect.closeTo(132.5e6, -5), validatedArea: 0 },
        period: {
          startDate: new Date(Date.parse(passStart ?? '') - 15 * 60_000).toISOString(),
          endDate: new Date(Date.parse(passEnd ?? '') + 15 * 60_000).toISOString(),
        },
      },
    });
    const contracts = await client.api<{ contracts: { contractId: string; creditRemaining: string }[] }>(
      'GET',
      '/api/v1/contracts',
    );
    expect(
      contracts.body.contracts.find((contract) => contract.contractId === contractId)?.creditRemaining,
    ).toBe('242608.00');
  });

  it("wants a legacy order's notifications in the guide's shape and refuses Neo's; a price reads none", async () => {
    const body = spotOnePlanOrderRequest(contractId);
    const notifying = (notifications: unknown) => ({
      ...body,
      items: body.items.map((item) => ({ ...item, notifications })),
    });
    const neo = [
      {
        channels: [{ type: 'email', addressee: { to: ['ops@example.com'] } }],
        filter: { events: ['NEW_ACQUISITION'] },
      },
    ];
    await expect400('orders', notifying(neo), 'INVALID_NOTIFICATION', /parameters:\{addresses/);
    const neoEvent = [
      {
        channels: [{ type: 'email', parameters: { addresses: ['ops@example.com'] } }],
        filter: { events: ['NEW_ACQUISITION'] },
      },
    ];
    await expect400('orders', notifying(neoEvent), 'INVALID_NOTIFICATION', /unknown event "NEW_ACQUISITION"/);
    const priced = await client.api('POST', '/api/v1/prices', notifying(neo));
    expect(priced.status).toBe(201);
  });

  it('requires a customerReference on orders and refuses a pass whose order deadline has passed', async () => {
    const body = pleiadesOneDayPriceRequest(contractId, workspaceId, segmentKey);
    await expect400('orders', { ...body, customerReference: '' }, 'INVALID_REQUEST', /customerReference/);
    await client.control('POST', '/clock/advance', { seconds: 8 * 86_400 });
    await expect400('orders', body, 'ORDER_DEADLINE_PASSED');
  });
});
