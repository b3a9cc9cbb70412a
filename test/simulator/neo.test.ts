import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  WireCoverageSearchResponse,
  WireNeoOrderSearchResponse,
  WireQuotation,
} from '../../src/datasources/oneatlas/wire/neo-types.js';
import type {
  WireContractsResponse,
  WireOpenSearchResponse,
  WireOrderRequest,
  WireProgCapacities,
} from '../../src/datasources/oneatlas/wire/types.js';
import { SAMPLE_NEO_OPTIONS } from '../../src/simulator/samples.js';
import { SEEDED_NEO_CONTRACT_ID, SEEDED_NEO_WORKSPACE_ID } from '../../src/simulator/seed.js';
import { box, type SimulatorClient, startSimulatorClient } from './simulator-client.js';

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

/** A Pléiades Neo OnePlan request on the seeded Neo contract, its period starting in an hour. */
function neoPlanRequest(
  customerReference: string,
  { maxCloudCover, days = 10 }: { maxCloudCover?: number; days?: number } = {},
): WireOrderRequest {
  const start = new Date(Date.now() + HOUR_S * 1000);
  const end = new Date(start.getTime() + days * DAY_S * 1000);
  return {
    aoi: [{ id: 1, name: 'Toulouse', geometry: box(1.35, 43.55, 1.5, 43.65) }],
    contractId: SEEDED_NEO_CONTRACT_ID,
    customerReference,
    primaryMarket: 'NQUAL',
    items: [
      {
        productTypeId: 'PleiadesNeoOnePlan',
        aoiId: 1,
        properties: [
          { key: 'acquisitionMode', value: 'MONO' },
          { key: 'acqPeriod', value: `${start.toISOString()} ${end.toISOString()}` },
          ...(maxCloudCover === undefined ? [] : [{ key: 'maxCloudCover', value: maxCloudCover }]),
        ],
      },
    ],
    optionsPerProductType: [
      {
        productTypeId: 'PleiadesNeoOnePlan',
        options: [...SAMPLE_NEO_OPTIONS],
      },
    ],
    delivery: { type: 'network' },
  };
}

describe('simulator Pléiades Neo back end', () => {
  let client: SimulatorClient;
  beforeAll(async () => {
    client = await startSimulatorClient();
  });
  beforeEach(async () => {
    await client.control('POST', '/reset');
  });
  afterAll(() => client.close());

  const advance = (seconds: number) => client.control('POST', '/clock/advance', { seconds });
  const quote = async (request: WireOrderRequest) => {
    const answer = await client.api<WireQuotation>('POST', '/api/v1/quotations', request);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };
  const decide = (quotationId: string, decision: string, contractId = SEEDED_NEO_CONTRACT_ID) =>
    client.api<Record<string, unknown>>(
      'PUT',
      `/api/v1/contracts/${contractId}/quotations/${quotationId}/${decision}`,
    );
  const searchOrders = (
    q: string,
    paging: Record<string, unknown> = { itemsPerPage: 10, startIndex: 0, pagingMode: 'item' },
  ) => client.api<WireNeoOrderSearchResponse>('POST', '/api/v2/orders/search', { paging, criteria: { q } });
  const searchCoverages = (q: string) =>
    client.api<WireCoverageSearchResponse>('POST', '/api/v1/coverages/search', {
      paging: { itemsPerPage: 10000, startIndex: 0 },
      criteria: { q },
    });

  it('quotes like /prices, with a validity end and a cancellation deadline on the simulated clock', async () => {
    const request = neoPlanRequest('neo-quote');
    const price = await client.api<{ totalAmount: number; currency: string }>(
      'POST',
      '/api/v1/prices',
      request,
    );
    const quotation = await quote(request);
    expect(quotation).toMatchObject({
      quotationId: expect.stringMatching(/^QUO\d+$/),
      contractId: SEEDED_NEO_CONTRACT_ID,
      totalAmount: price.body.totalAmount,
      currency: price.body.currency,
      quotationStatus: 'SENT',
      orderItemIds: [expect.stringMatching(/^WOI_\d+_1$/)],
    });
    const { now } = (await client.control<{ now: string }>('GET', '/clock')).body;
    const validity = Date.parse(quotation.quotationEndOfValidityDate ?? '') - Date.parse(now);
    expect(validity).toBeGreaterThan(23 * HOUR_S * 1000);
    expect(validity).toBeLessThanOrEqual(24 * HOUR_S * 1000);
    expect(Date.parse(quotation.cancelationDeadlineDate ?? '')).toBeGreaterThan(
      Date.parse(quotation.quotationEndOfValidityDate ?? ''),
    );
    const lines = await searchOrders(`(cis.quotation:${quotation.quotationId})`);
    expect(lines.body.features).toEqual([
      expect.objectContaining({
        status: 'PENDING',
        quotationStatus: 'SENT',
        productType: 'PleiadesNeoTaskingOnePlan',
      }),
    ]);
  });

  it('refuses quotations on a legacy contract', async () => {
    const legacy = (await client.api<WireContractsResponse>('GET', '/api/v1/contracts')).body.contracts.find(
      (contract) => contract.backendSource === 'legacy',
    );
    const onLegacy = await client.api('POST', '/api/v1/quotations', {
      ...neoPlanRequest('x'),
      contractId: legacy?.contractId,
    });
    expect(onLegacy.status).toBe(400);
  });

  it('answers POST /orders on the Neo contract with a quotation, as POST /quotations does (notes §2.3)', async () => {
    const ordered = await client.api<WireQuotation>('POST', '/api/v1/orders', neoPlanRequest('neo-by-order'));
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
    const quoted = await quote(neoPlanRequest('neo-by-quotation'));
    expect(Object.keys(ordered.body).sort()).toEqual(Object.keys(quoted).sort());
    expect(ordered.body).toMatchObject({
      quotationId: expect.stringMatching(/^QUO\d+$/),
      contractId: SEEDED_NEO_CONTRACT_ID,
      customerReference: 'neo-by-order',
      totalAmount: quoted.totalAmount,
      quotationStatus: 'SENT',
      orderItemIds: [expect.stringMatching(/^WOI_\d+_1$/)],
    });
    const lines = await searchOrders(`cis.quotation:${ordered.body.quotationId}`);
    expect(lines.body.features).toEqual([
      expect.objectContaining({ status: 'PENDING', quotationStatus: 'SENT' }),
    ]);
    expect((await decide(ordered.body.quotationId, 'accept')).body).toMatchObject({
      quotationStatus: 'ACCEPTED',
    });
  });

  it('validates a OneDay acquisition whatever its clouds, and judges a OneNow one on its maxCloudCover', async () => {
    const aoi = box(1.35, 43.55, 1.5, 43.65);
    const passes = async (progType: string) => {
      const found = await client.api<WireProgCapacities>('POST', '/api/v1/attempts', {
        progTypeNames: [progType],
        missions: ['PLEIADESNEO'],
        contractId: SEEDED_NEO_CONTRACT_ID,
        acquisitionDate: { startDate: new Date(Date.now() + DAY_S * 1000).toISOString(), endDate: null },
        optical: { acquisitionMode: 'MONO', maxCloudCover: 0, maxIncidenceAngle: 50 },
        aoi,
      });
      return found.body.progCapacities[0]?.progTypes[0]?.segments ?? [];
    };
    const singlePass = (productTypeId: string, segmentKey: string, customerReference: string) => ({
      ...neoPlanRequest(customerReference),
      items: [
        {
          productTypeId,
          aoiId: 1,
          segmentKey,
          properties: [
            { key: 'maxCloudCover', value: 0 },
            { key: 'notificationThreshold', value: 0 },
          ],
        },
      ],
      optionsPerProductType: [{ productTypeId, options: [...SAMPLE_NEO_OPTIONS] }],
    });
    const oneDay = await passes('ONEDAY');
    const oneNow = await passes('ONENOWATTEMPTS');
    expect(oneDay.length).toBeGreaterThan(0);
    expect(oneNow.length).toBeGreaterThan(0);
    // Several OneDay passes: each acquisition has its own hashed clouds, none of them clear-sky.
    for (const [index, pass] of oneDay.entries()) {
      const quotation = await quote(singlePass('PleiadesNeoOneDay', pass.segmentKey, `neo-oneday-${index}`));
      await decide(quotation.quotationId, 'accept');
    }
    const oneNowQuotation = await quote(
      singlePass('PleiadesNeoOneNowAttempts', oneNow[0]?.segmentKey ?? '', 'neo-onenow'),
    );
    await decide(oneNowQuotation.quotationId, 'accept');
    await advance(9 * DAY_S);
    const coverages = async (reference: string) => {
      const [line] = (await searchOrders(`customerReference:${reference}`)).body.features;
      return { line, found: (await searchCoverages(`orderItemId:${line?.orderItemId}`)).body.features };
    };
    for (const index of oneDay.keys()) {
      const { line, found } = await coverages(`neo-oneday-${index}`);
      expect(found.map((coverage) => coverage.status)).toEqual(['VALIDATED']);
      expect(line).toMatchObject({ status: 'COMPLETED', tasking: { maxCloudCoverage: 100 } });
    }
    const { line, found } = await coverages('neo-onenow');
    expect(found.map((coverage) => coverage.status)).toEqual(['PROPOSED']);
    expect(line).toMatchObject({ tasking: { maxCloudCoverage: 0 } });
  });

  it('wants a known market on a quotation', async () => {
    const { primaryMarket: _, ...withoutMarket } = neoPlanRequest('no-market');
    const missing = await client.api('POST', '/api/v1/quotations', withoutMarket);
    expect(missing).toMatchObject({ status: 400, body: { errorCode: 'INVALID_MARKET' } });
    const unknown = await client.api('POST', '/api/v1/quotations', { ...withoutMarket, primaryMarket: 'X' });
    expect(unknown).toMatchObject({ status: 400, body: { errorCode: 'INVALID_MARKET' } });
  });

  it("wants a quotation's notifications in Neo's shape (notes §2.4) and refuses the legacy guide's", async () => {
    const notifying = (notifications: unknown, productRequest = neoPlanRequest('notified')) => ({
      ...productRequest,
      items: productRequest.items.map((item) => ({ ...item, notifications })),
    });
    const neo = (events: string[], addressee: unknown = { to: ['ops@example.com'] }) => [
      { channels: [{ type: 'email', addressee }], filter: { events } },
    ];
    const accepted = [
      neo(['NEW_ACQUISITION', 'BEFORE_TASKING_END', 'ACQUISITION_CAMPAIGN']),
      neo(['NEW_ACQUISITIONS'], { to: 'ops@example.com', cc: ['desk@example.com'] }),
    ];
    for (const notifications of accepted) {
      const answer = await client.api('POST', '/api/v1/quotations', notifying(notifications));
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const legacy = [
      {
        name: '',
        channels: [{ type: 'email', parameters: { addresses: ['ops@example.com'] } }],
        filter: { events: ['ACQUISITION_RECEIVED'] },
      },
    ];
    const refused = [
      [legacy, /addressee/],
      [neo(['ACQUISITION_RECEIVED']), /unknown event "ACQUISITION_RECEIVED"/],
      [neo(['WEATHER_PREDICTION']), /ONEDAY only/],
      [neo(['NEW_ACQUISITION'], { to: [] }), /addressee\.to/],
      [[{ channels: [], filter: { events: ['NEW_ACQUISITION'] } }], /channels/],
    ] as const;
    for (const [notifications, message] of refused) {
      const answer = await client.api('POST', '/api/v1/quotations', notifying(notifications));
      expect(answer).toMatchObject({ status: 400, body: { errorCode: 'INVALID_NOTIFICATION' } });
      expect((answer.body as { message: string }).message).toMatch(message);
    }
  });

  it('expires a quotation at its validity end: accepting it then is refused and its items are cancelled', async () => {
    const quotation = await quote(neoPlanRequest('neo-expiring'));
    await advance(DAY_S + 60);
    const accept = await decide(quotation.quotationId, 'accept');
    expect(accept.status).toBe(400);
    expect(accept.body).toMatchObject({ errorCode: 'QUOTATION_EXPIRED' });
    const lines = await searchOrders(`quotationStatus:EXPIRED AND customerReference:neo-expiring`);
    expect(lines.body.features.map((line) => line.status)).toEqual(['CANCELLED']);
  });

  it('accepts once: the items progress, propose coverage, and accepted coverage is delivered to the Neo workspace', async () => {
    const quotation = await quote(neoPlanRequest('neo-lifecycle'));
    const accepted = await decide(quotation.quotationId, 'accept');
    expect(accepted.body).toMatchObject({ quotationStatus: 'ACCEPTED' });
    const again = await decide(quotation.quotationId, 'accept');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ errorCode: 'QUOTATION_ALREADY_DECIDED' });

    await advance(HOUR_S + DAY_S + 60);
    const [line] = (await searchOrders('(status:IN_PROGRESS) AND (customerReference:*lifecycle*)')).body
      .features;
    expect(line).toMatchObject({
      quotationStatus: 'ACCEPTED',
      salesOrderId: expect.stringMatching(/^SAL/),
      tasking: { nbProposedCoverageItems: 1, totalCoverageItems: 1, validatedAreaPct: 0 },
    });
    const coverages = (await searchCoverages(`orderItemId:${line?.orderItemId} AND status:PROPOSED`)).body;
    expect(coverages.paging.totalResults).toBe(1);
    const [coverage] = coverages.features;
    expect(coverage).toMatchObject({
      coverageItemId: expect.stringMatching(/^CIE_/),
      bh: 0,
      footprint: { type: 'Polygon' },
      satellite: expect.stringMatching(/^PNEO/),
    });
    const decision = await client.api('POST', `/api/v1/coverages/${coverage?.coverageItemId}/accept`);
    expect(decision.body).toMatchObject({ status: 'VALIDATED' });
    expect((await client.api('POST', `/api/v1/coverages/${coverage?.coverageItemId}/refuse`)).status).toBe(
      409,
    );

    const imagery = await client.api<WireOpenSearchResponse>(
      'GET',
      `/api/v2/opensearch?workspace=${SEEDED_NEO_WORKSPACE_ID}`,
    );
    expect(imagery.body.features.map((feature) => feature.properties.coverageItemId)).toEqual([
      coverage?.coverageItemId,
    ]);
  });

  it('validates coverage within maxCloudCover by itself and proposes the rest', async () => {
    await decide((await quote(neoPlanRequest('neo-auto', { maxCloudCover: 100 }))).quotationId, 'accept');
    await decide((await quote(neoPlanRequest('neo-manual', { maxCloudCover: 0 }))).quotationId, 'accept');
    await advance(HOUR_S + 2 * DAY_S + 60);
    const statuses = async (reference: string) => {
      const [line] = (await searchOrders(`customerReference:${reference}`)).body.features;
      return (await searchCoverages(`orderItemId:${line?.orderItemId}`)).body.features.map((c) => c.status);
    };
    expect(await statuses('neo-auto')).toEqual(['VALIDATED', 'VALIDATED']);
    expect(await statuses('neo-manual')).toEqual(['PROPOSED', 'PROPOSED']);
    const [done] = (await searchOrders('customerReference:neo-auto')).body.features;
    expect(done).toMatchObject({ status: 'COMPLETED', tasking: { validatedAreaPct: 100 } });
  });

  it('cancels before the cancellation deadline, refuses after it, and stops at any time, each once', async () => {
    const first = await quote(neoPlanRequest('neo-cancel'));
    const second = await quote(neoPlanRequest('neo-late'));
    await decide(first.quotationId, 'accept');
    await decide(second.quotationId, 'accept');
    const [firstItem] = first.orderItemIds ?? [];
    const [secondItem] = second.orderItemIds ?? [];

    const cancel = await client.api('POST', `/api/v1/orders/${firstItem}/cancel`);
    expect(cancel.body).toMatchObject({ status: 'CANCELLED' });
    expect((await client.api('POST', `/api/v1/orders/${firstItem}/cancel`)).status).toBe(409);

    await advance(2 * DAY_S + 60);
    const late = await client.api('POST', `/api/v1/orders/${secondItem}/cancel`);
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ errorCode: 'CANCELATION_DEADLINE_PASSED' });
    const stop = await client.api('POST', `/api/v1/orders/${secondItem}/stop`);
    expect(stop.body).toMatchObject({ status: 'STOPPED' });
    expect((await client.api('POST', `/api/v1/orders/${secondItem}/stop`)).status).toBe(409);
    const acquired = (await searchCoverages(`orderItemId:${secondItem}`)).body.paging.totalResults;
    await advance(3 * DAY_S);
    expect((await searchCoverages(`orderItemId:${secondItem}`)).body.paging.totalResults).toBe(acquired);
  });

  it('answers 404 for an unknown quotation, order item or coverage item', async () => {
    expect((await decide('QUO999', 'accept')).body).toMatchObject({ errorCode: 'QUOTATION_NOT_FOUND' });
    expect((await client.api('POST', '/api/v1/orders/WOI_9_1/cancel')).status).toBe(404);
    expect((await client.api('POST', '/api/v1/coverages/CIE_9/accept')).status).toBe(404);
    const quotation = await quote(neoPlanRequest('neo-other-contract'));
    expect((await decide(quotation.quotationId, 'accept', 'CTR21000411')).status).toBe(404);
  });

  it('exports a quotation as a PDF', async () => {
    const quotation = await quote(neoPlanRequest('neo-pdf'));
    const token = String((await client.requestToken()).body.access_token);
    const response = await fetch(
      `${client.simulator.url}/api/v1/quotations/${quotation.quotationId}/export`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/pdf/);
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain(quotation.quotationId);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('pages by item and understands quoted, escaped and wildcard values, NOT and OR', async () => {
    for (const reference of ['a "quoted" ref', 'b:colon', 'c-plain']) await quote(neoPlanRequest(reference));
    const page = await searchOrders('contractId:*', { itemsPerPage: 2, startIndex: 1, pagingMode: 'item' });
    expect(page.body.paging).toEqual({ itemsPerPage: 2, startIndex: 1, totalResults: 3 });
    expect(page.body.features.map((line) => line.customerReference)).toEqual(['b:colon', 'a "quoted" ref']);
    const refs = async (q: string) =>
      (await searchOrders(q)).body.features.map((line) => line.customerReference).sort();
    expect(await refs('customerReference:"a \\"quoted\\" ref"')).toEqual(['a "quoted" ref']);
    expect(await refs('customerReference:b\\:colon')).toEqual(['b:colon']);
    expect(await refs('(customerReference:c-plain OR customerReference:"b:colon")')).toEqual([
      'b:colon',
      'c-plain',
    ]);
    expect(await refs('NOT customerReference:c* AND status:PENDING')).toEqual(['a "quoted" ref', 'b:colon']);
    expect(await refs('customerReference:"*"')).toEqual([]);
  });

  it('answers 400 for a q it does not understand', async () => {
    for (const q of [
      'customerReference:a b',
      'unknownField:x',
      '(status:PENDING',
      'status:[A TO Z]',
      'status:PENDING && contractId:x',
      'customerReference:"open',
      'status:',
    ]) {
      const answer = await searchOrders(q);
      expect(answer.status, q).toBe(400);
      expect(answer.body, q).toMatchObject({ errorCode: 'INVALID_QUERY' });
    }
    const badPaging = await searchOrders('', { itemsPerPage: 10, startIndex: 0, pagingMode: 'page' });
    expect(badPaging.status).toBe(400);
  });

  it('paces the Neo order search and Neo mutations with the ordering rate limit', async () => {
    const limited = await startSimulatorClient({ orderApiMaxRps: 1, orderApiBanSeconds: 600 });
    try {
      const body = { paging: { itemsPerPage: 1, startIndex: 0 }, criteria: { q: '' } };
      expect((await limited.api('POST', '/api/v2/orders/search', body)).status).toBe(200);
      const second = await limited.api('POST', '/api/v2/orders/search', body);
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(500);
      expect((await limited.api('POST', '/api/v1/quotations', neoPlanRequest('x'))).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('injects faults on the Neo paths', async () => {
    await client.control('POST', '/faults', { path: '/api/v2/orders/search', status: 503 });
    expect((await searchOrders('')).status).toBe(503);
    expect((await searchOrders('')).status).toBe(200);
  });
});
