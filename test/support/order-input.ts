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

/** About 1 km², inside the guide's 132 km² Toulouse AOI and so inside the footprints of its passes. */
export const SMALL_AOI_INSIDE_TOULOUSE = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [1.44, 43.6],
      [1.4525, 43.6],
      [1.4525, 43.609],
      [1.44, 43.609],
      [1.44, 43.6],
    ],
  ],
};
