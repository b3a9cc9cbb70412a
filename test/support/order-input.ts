import { attemptsRequest, PLEIADES_ONE_DAY_OPTION_INPUTS } from '../fixtures/guide-samples.js';

/** A SPOT ONEPLAN order the simulator accepts, under `customerReference`. */
export function orderInput(customerReference: string, overrides: Record<string, unknown> = {}) {
  return {
    productTypeId: 'SpotTaskingOnePlan',
    aoi: attemptsRequest('').aoi,
    acquisitionMode: 'MONO',
    window: {
      start: new Date(Date.now() + 86_400_000).toISOString(),
      end: new Date(Date.now() + 40 * 86_400_000).toISOString(),
    },
    maxCloudCover: 10,
    maxIncidenceAngle: 30,
    customerReference,
    primaryMarket: 'NQUAL',
    options: PLEIADES_ONE_DAY_OPTION_INPUTS,
    ...overrides,
  };
}
