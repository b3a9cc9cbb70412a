/**
 * Pléiades Neo in integration tests: a valid quotation input for the seeded Neo contract, and the
 * acceptance of a quotation sent straight to the simulator (the way an operator would in OneAtlas),
 * for tests of what follows an acceptance.
 */
import type { OrderInput } from '../../operations/documents.generated.js';
import type { Polygon } from '../../src/domain/geo.js';
import { oneAtlasConfigForSimulator } from '../../src/embedded-simulator.js';
import { SAMPLE_NEO_OPTIONS } from '../../src/simulator/samples.js';
import { SEEDED_NEO_CONTRACT_ID } from '../../src/simulator/seed.js';
import type { TestStack } from './gateway.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** About 12 × 11 km over Toulouse: above every Neo offer's minimum area. */
export const NEO_TOULOUSE_AOI: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [1.35, 43.55],
      [1.5, 43.55],
      [1.5, 43.65],
      [1.35, 43.65],
      [1.35, 43.55],
    ],
  ],
};

/** A ONEPLAN over Toulouse on the seeded Neo contract, as GraphQL `OrderInput` variables. */
export function neoOrderInput(customerReference: string): OrderInput {
  const start = new Date(Date.now() + HOUR_MS);
  return {
    contractId: SEEDED_NEO_CONTRACT_ID,
    productTypeId: 'PleiadesNeoOnePlan',
    aoi: NEO_TOULOUSE_AOI,
    acquisitionMode: 'MONO',
    window: { start: start.toISOString(), end: new Date(start.getTime() + 10 * DAY_MS).toISOString() },
    maxIncidenceAngle: 30,
    customerReference,
    primaryMarket: 'NQUAL',
    options: [...SAMPLE_NEO_OPTIONS],
  };
}

/** Accepts a quotation of the seeded Neo contract directly at the simulator's order API. */
export async function acceptQuotationUpstream(stack: TestStack, quotationId: string): Promise<void> {
  const config = oneAtlasConfigForSimulator(stack.simulator);
  const tokenResponse = await fetch(config.authUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ apikey: config.apiKey, client_id: 'IDP', grant_type: 'api_key' }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(
    `${config.orderUrl}/contracts/${SEEDED_NEO_CONTRACT_ID}/quotations/${quotationId}/accept`,
    { method: 'PUT', headers: { authorization: `Bearer ${token}` } },
  );
  if (!response.ok) throw new Error(`accepting quotation ${quotationId} answered ${response.status}`);
}
