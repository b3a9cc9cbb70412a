import type { OrderRequest } from '../../src/domain/order.js';
import { NEO_TOULOUSE_AOI } from './neo.js';

/**
 * A validated OnePlan order, as the domain holds it, for tests that call the APIs and mappings below
 * the GraphQL layer: a MONO acquisition over Toulouse in January 2030 with nothing optional set, and
 * whatever the test states about it in `overrides`.
 */
export function onePlanOrderRequest(overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    contractId: 'CTR1',
    productTypeId: 'SPOTOnePlan',
    aoi: NEO_TOULOUSE_AOI,
    aoiName: null,
    segmentKey: null,
    acquisitionMode: 'MONO',
    window: { start: new Date('2030-01-01T00:00:00Z'), end: new Date('2030-01-11T00:00:00Z') },
    maxCloudCover: null,
    maxIncidenceAngle: 30,
    notificationThreshold: null,
    extendedAngle: null,
    feasibility: null,
    stereo: null,
    comments: null,
    itemComments: null,
    customerReference: 'r',
    primaryMarket: 'NQUAL',
    secondaryMarket: null,
    programReference: null,
    options: [],
    workspaceId: null,
    notifyEmails: [],
    endUsers: [],
    extraProperties: [],
    ...overrides,
  };
}
