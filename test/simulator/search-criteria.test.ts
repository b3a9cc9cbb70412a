import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireOpenSearchResponse } from '../../src/datasources/oneatlas/wire/types.js';
import { type SimulatorClient, startSimulatorClient } from './simulator-client.js';

describe('simulator opensearch criteria and file links', () => {
  let client: SimulatorClient;
  beforeAll(async () => {
    client = await startSimulatorClient();
  });
  afterAll(() => client.close());

  const search = (criteria: Record<string, string>) =>
    client.api<WireOpenSearchResponse>(
      'GET',
      `/api/v2/opensearch?${new URLSearchParams({ workspaceid: client.simulator.workspaceId, ...criteria })}`,
    );

  it('links each feature to its quicklook and download on its own access host', async () => {
    const { body } = await search({});
    const links = body.features[0]?._links as Record<string, { href: string }>;
    expect(links.quicklook?.href).toMatch(
      new RegExp(`^${client.simulator.endpoints.accessUrl}/api/v1/items/`),
    );
    expect(links.download?.href).toMatch(/\/download$/);
    const token = String((await client.requestToken()).body.access_token);
    const quicklook = await fetch(links.quicklook?.href ?? '', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(quicklook.status).toBe(200);
    expect(quicklook.headers.get('content-type')).toBe('image/png');
    expect((await fetch(links.quicklook?.href ?? '')).status).toBe(401);
  });

  it('reads a WKT geometry with relation intersects, and id', async () => {
    const id = (await search({})).body.features[0]?.properties.id ?? '';
    const toulouse = 'POLYGON((1.4 43.55,1.45 43.55,1.45 43.6,1.4 43.6,1.4 43.55))';
    expect((await search({ geometry: toulouse, relation: 'intersects' })).body.features).toHaveLength(1);
    expect((await search({ id })).body.features).toHaveLength(1);
    expect((await search({ id: 'another' })).body.features).toHaveLength(0);
  });

  it.each([
    [{ sortBy: 'acquisitionDate' }, "Unknown search criterion 'sortBy'"],
    [{ cloudCover: '0..30' }, 'cloudCover must be an interval'],
    [{ geometry: 'CIRCLE(1 2, 3)' }, 'geometry must be a WKT POLYGON'],
    [{ geometry: 'POLYGON((1 1,2 1,2 2,1 2,1 1))', relation: 'within' }, "relation 'within'"],
  ])('answers 400 for %j', async (criteria, message) => {
    const answer = await search(criteria);
    expect(answer.status).toBe(400);
    expect(String((answer.body as unknown as { message: string }).message)).toContain(message);
  });
});
