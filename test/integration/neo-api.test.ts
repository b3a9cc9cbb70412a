/**
 * The gateway's NeoApi, as the composition root builds it, against the simulator over real HTTP: the
 * Neo lifecycle below GraphQL (quotation → accept → order item → coverage → decision → imagery;
 * cancel before the deadline, refused after it; stop), and a hostile filter that changes nothing.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEVELOPMENT_CREDENTIAL_ID } from '../../src/auth/authenticator.js';
import { loadSafetyConfig } from '../../src/config.js';
import { orderApiV2Url } from '../../src/datasources/oneatlas/neo-api.js';
import { ALL_IMAGES } from '../../src/domain/catalogue.js';
import type { OrderRequest } from '../../src/domain/order.js';
import { oneAtlasConfigForSimulator } from '../../src/embedded-simulator.js';
import { ErrorCode } from '../../src/errors.js';
import { createGateway, type Gateway, type UpstreamServices } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { SAMPLE_NEO_OPTIONS } from '../../src/simulator/samples.js';
import { SEEDED_NEO_CONTRACT_ID, SEEDED_NEO_WORKSPACE_ID } from '../../src/simulator/seed.js';
import { PASS_THROUGH_SAFETY } from '../support/gateway.js';
import { onePlanOrderRequest } from '../support/order-request.js';

const HOUR_MS = 3_600_000;
const DAY_S = 86_400;

function neoPlan(customerReference: string): OrderRequest {
  const start = new Date(Date.now() + HOUR_MS);
  return onePlanOrderRequest({
    contractId: SEEDED_NEO_CONTRACT_ID,
    productTypeId: 'PleiadesNeoOnePlan',
    window: { start, end: new Date(start.getTime() + 10 * DAY_S * 1000) },
    customerReference,
    options: [...SAMPLE_NEO_OPTIONS],
  });
}

describe('NeoApi against the simulator', () => {
  let simulator: RunningSimulator;
  let gateway: Gateway;
  let services: UpstreamServices;
  let dataDir: string;
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${simulator.url}/__simulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json() as Promise<Record<string, unknown>>;
  };

  beforeAll(async () => {
    simulator = await startSimulator({ orderApiMaxRps: 1000 });
    dataDir = mkdtempSync(join(tmpdir(), 'neo-api-'));
    gateway = await createGateway({
      oneAtlas: oneAtlasConfigForSimulator(simulator),
      safety: { ...loadSafetyConfig({}), ...PASS_THROUGH_SAFETY, dataDir },
      logger: createLogger('silent'),
    });
    const found = gateway.credentials.get(DEVELOPMENT_CREDENTIAL_ID);
    if (found === undefined) throw new Error('no development credential');
    services = found;
  });
  beforeEach(async () => {
    await control('POST', '/reset');
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const noFilter = { customerReference: null, orderItemIds: [], quotationId: null, statuses: [] };
  const firstPage = { offset: 0, limit: 10 };

  it('runs quotation → accept → order item → proposed coverage → accept → delivered imagery', async () => {
    const { neoApi, searchApi } = services;
    const quotation = await neoApi.requestQuotation(neoPlan('gw-neo-1'), 'EUR');
    expect(quotation).toMatchObject({ contractId: SEEDED_NEO_CONTRACT_ID, currency: 'EUR', status: 'SENT' });
    expect(quotation.totalAmount).toBeGreaterThan(0);
    expect(quotation.validUntil?.getTime()).toBeLessThan(quotation.cancellationDeadline?.getTime() ?? 0);

    await neoApi.decideQuotation('accept', SEEDED_NEO_CONTRACT_ID, quotation.id);
    await control('POST', '/clock/advance', { seconds: DAY_S + 3 * 3600 });

    const page = await neoApi.orderItems(
      SEEDED_NEO_CONTRACT_ID,
      { ...noFilter, quotationId: quotation.id, statuses: ['IN_PROGRESS'] },
      firstPage,
    );
    expect(page.totalCount).toBe(1);
    const [item] = page.items;
    expect(item).toMatchObject({
      id: quotation.orderItemIds[0],
      quotationStatus: 'ACCEPTED',
      proposedCoverageCount: 1,
      productType: 'PleiadesNeoTaskingOnePlan',
    });
    const [coverages = []] = await neoApi.coverageItems(SEEDED_NEO_CONTRACT_ID, [item?.id ?? '']);
    expect(coverages.map((coverage) => coverage.status)).toEqual(['PROPOSED']);
    const [proposed] = coverages;
    if (proposed === undefined) throw new Error('no coverage item');
    const decided = await neoApi.decideCoverage('accept', proposed);
    expect(decided).toMatchObject({ id: proposed.id, status: 'VALIDATED' });
    const [after = []] = await neoApi.coverageItems(SEEDED_NEO_CONTRACT_ID, [item?.id ?? '']);
    expect(after.map((coverage) => coverage.status)).toEqual(['VALIDATED']);
    const images = await searchApi.imagery(SEEDED_NEO_WORKSPACE_ID, ALL_IMAGES, firstPage);
    expect(images.items).toHaveLength(1);
  });

  it('cancels before the deadline, is refused after it, and stops', async () => {
    const { neoApi } = services;
    const early = await neoApi.requestQuotation(neoPlan('gw-neo-cancel'), 'EUR');
    const late = await neoApi.requestQuotation(neoPlan('gw-neo-stop'), 'EUR');
    await neoApi.decideQuotation('accept', SEEDED_NEO_CONTRACT_ID, early.id);
    await neoApi.decideQuotation('accept', SEEDED_NEO_CONTRACT_ID, late.id);
    await neoApi.cancelOrderItem(early.orderItemIds[0] ?? '');
    await control('POST', '/clock/advance', { seconds: 2 * DAY_S + 60 });
    await expect(neoApi.cancelOrderItem(late.orderItemIds[0] ?? '')).rejects.toMatchObject({
      code: ErrorCode.UPSTREAM_REJECTED,
      upstreamCode: 'CANCELATION_DEADLINE_PASSED',
    });
    await neoApi.stopOrderItem(late.orderItemIds[0] ?? '');
    const statuses = await neoApi.orderItems(SEEDED_NEO_CONTRACT_ID, noFilter, firstPage);
    expect(statuses.items.map((item) => [item.customerReference, item.status])).toEqual([
      ['gw-neo-stop', 'STOPPED'],
      ['gw-neo-cancel', 'CANCELLED'],
    ]);
  });

  it('answers an expired quotation and an unknown order item with the upstream code', async () => {
    const { neoApi } = services;
    const quotation = await neoApi.requestQuotation(neoPlan('gw-neo-expired'), 'EUR');
    await control('POST', '/clock/advance', { seconds: DAY_S + 60 });
    await expect(
      neoApi.decideQuotation('accept', SEEDED_NEO_CONTRACT_ID, quotation.id),
    ).rejects.toMatchObject({
      upstreamCode: 'QUOTATION_EXPIRED',
    });
    await expect(neoApi.cancelOrderItem('WOI_404_1')).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });

  it('filters with hostile text without widening the query', async () => {
    const { neoApi } = services;
    await neoApi.requestQuotation(neoPlan('gw-neo-plain'), 'EUR');
    for (const hostile of ['*', '" OR contractId:*', 'x) OR (status:*']) {
      const page = await neoApi.orderItems(
        SEEDED_NEO_CONTRACT_ID,
        { ...noFilter, customerReference: hostile },
        firstPage,
      );
      expect(page.items, hostile).toEqual([]);
    }
  });

  it('finds /api/v2 beside the configured /api/v1', () => {
    expect(orderApiV2Url('https://order.api.oneatlas.airbus.com/api/v1/')).toBe(
      'https://order.api.oneatlas.airbus.com/api/v2',
    );
    expect(() => orderApiV2Url('https://example.test/orders')).toThrow(/api\/v1/);
  });
});
