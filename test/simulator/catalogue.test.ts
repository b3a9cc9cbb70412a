import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  WireContractsResponse,
  WireDeliveryTypesResponse,
  WireOptionsResponse,
  WireProductTypesResponse,
  WirePropertiesResponse,
} from '../../src/datasources/oneatlas/wire/types.js';
import { box, type SimulatorClient, startSimulatorClient } from './simulator-client.js';

describe('simulator contracts, product types and production options', () => {
  let client: SimulatorClient;
  beforeAll(async () => {
    client = await startSimulatorClient();
  });
  afterAll(() => client.close());

  it('lists the seeded legacy contract without a workspace, as Airbus does, and a Neo contract with its own', async () => {
    const { status, body } = await client.api<WireContractsResponse>('GET', '/api/v1/contracts');
    expect(status).toBe(200);
    const legacy = body.contracts.find((contract) => contract.contractId === client.simulator.contractId);
    expect(legacy).toMatchObject({
      currency: 'EUR',
      backendSource: 'legacy',
      creditRemaining: expect.any(String),
    });
    expect(JSON.stringify(legacy)).not.toContain(client.simulator.workspaceId);
    for (const contract of body.contracts.filter((candidate) => candidate.backendSource === 'legacy')) {
      expect(contract.delivery).toBeUndefined();
    }
    expect(body.contracts.find((contract) => contract.backendSource === 'neo')?.delivery?.[0]).toMatchObject({
      deliveryWorkspace: expect.any(String),
    });
  });

  it("answers /me with the account's contract and its workspace, where a SPOT/Pléiades workspace comes from", async () => {
    const { status, body } = await client.api('GET', '/api/v1/me');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: expect.any(String),
      roles: expect.any(Array),
      contract: {
        id: client.simulator.contractId,
        workspaceId: client.simulator.workspaceId,
        workspaceName: expect.any(String),
        offers: expect.arrayContaining(['PleiadesTaskingOneDay']),
      },
      permissions: expect.any(Array),
    });
  });

  it("lists a contract's product types with their minimum invoiced areas", async () => {
    const { body } = await client.api<WireProductTypesResponse>(
      'GET',
      `/api/v1/contracts/${client.simulator.contractId}/productTypes`,
    );
    const minimumById = Object.fromEntries(
      body.productTypes.map((type) => [type.productTypeId, type.minimumOrderAreaApplied]),
    );
    expect(minimumById).toMatchObject({
      PleiadesTaskingOneDay: 100,
      SpotTaskingOneDay: 500,
      SpotTaskingOnePlan: 500,
    });
    expect(minimumById).not.toHaveProperty('PleiadesNeoOneDay');
    expect(body.productTypes[0]?.technicalProduct).toMatchObject({ source: { id: 'tasking' } });
  });

  it('answers 404 with the upstream message for an unknown contract', async () => {
    const { status, body } = await client.api('GET', '/api/v1/contracts/CTR00000000/productTypes');
    expect(status).toBe(404);
    expect(body).toEqual({
      errorCode: 'CONTRACT_NOT_FOUND',
      message: "CIS contract 'CTR00000000' not found.",
    });
  });

  it('lists production options with AOI-suffixed names and constraint conditions', async () => {
    const { status, body } = await client.api<WireOptionsResponse>(
      'POST',
      `/api/v1/contracts/${client.simulator.contractId}/productTypes/PleiadesTaskingOneDay/options`,
      { aoi: [{ polygonId: 2, geometry: box(1.4, 43.5, 1.5, 43.6) }] },
    );
    expect(status).toBe(200);
    const byName = new Map(body.availableOptions.map((option) => [option.name, option]));
    expect(byName.get('processing_level')).toMatchObject({ type: 'list', mandatory: 'true' });
    expect(byName.get('projection_2')).toMatchObject({
      mandatory: 'constraint',
      constraint: { condition: 'processing_level:(ortho|projected)' },
      values: expect.arrayContaining([expect.objectContaining({ id: '32631' })]),
    });
    expect(byName.get('dem_2')?.constraint).toEqual({ condition: 'processing_level:(ortho)' });
    expect(byName.get('pixel_coding')?.values).toContainEqual({
      id: '8bits',
      label: '8 bits',
      constraint: { condition: 'radiometric_processing:(basic|display)' },
    });
    expect(byName.get('elevation')).toMatchObject({
      type: 'double',
      mandatory: 'false',
      range: { min: -100, max: 10000 },
    });
  });

  it('answers 404 for an unknown product type and 400 for a malformed options body', async () => {
    const path = `/api/v1/contracts/${client.simulator.contractId}/productTypes`;
    const unknown = await client.api('POST', `${path}/PleiadesNeoOneDay/options`, { aoi: [] });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ errorCode: 'PRODUCT_TYPE_NOT_FOUND' });
    const malformed = await client.api('POST', `${path}/PleiadesTaskingOneDay/options`, {
      aoi: [{ polygonId: 'x' }],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ errorCode: 'MALFORMED_BODY', message: expect.any(String) });
  });

  it.each(['', '/contracts'])(
    "serves a contract's markets and delivery types at /api/v1%s/{cis}/…, 404 for an unknown contract",
    async (prefix) => {
      const contract = client.simulator.contractId;
      const properties = await client.api<WirePropertiesResponse>(
        'GET',
        `/api/v1${prefix}/${contract}/properties`,
      );
      expect(properties.status).toBe(200);
      expect(properties.body.markets).toContainEqual({
        id: 'NQUAL',
        label: 'Not qualified',
        secondaryMarket: [],
      });
      const deliveryTypes = await client.api<WireDeliveryTypesResponse>(
        'GET',
        `/api/v1${prefix}/${contract}/deliveryTypes`,
      );
      expect(deliveryTypes.body.deliveryTypes.map((type) => type.deliveryTypeId)).toEqual([
        'network',
        'MEDIA',
      ]);
      const unknown = await client.api('GET', `/api/v1${prefix}/CTR00000000/properties`);
      expect(unknown).toMatchObject({ status: 404, body: { errorCode: 'CONTRACT_NOT_FOUND' } });
    },
  );

  it('answers 404 {errorCode, message} on an unknown /api route', async () => {
    const { status, body } = await client.api('GET', '/api/v1/nothing-here');
    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
