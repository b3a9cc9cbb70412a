/**
 * The state a fresh (or reset) simulator starts from: two legacy contracts, each with its workspace
 * (given by `/me` to the API key whose contract it is, never in the contract list), a Neo contract
 * with its delivery workspace, and four taskings that show the whole lifecycle at once, all dated relative to "now":
 *
 * | tasking          | product                        | status                          | segments                      |
 * |------------------|--------------------------------|---------------------------------|-------------------------------|
 * | ICR_FC_0000001   | SpotTaskingOnePlan, TRISTEREO  | Feasibility study in progress   | none (study ends in ~22 h)    |
 * | ICR_FC_0000002   | PleiadesTaskingOnePlan, MONO   | In Progress                     | AS_FC_0000002_1_1 Proposed    |
 * | ICR_FC_0000003   | PleiadesTaskingOneDay          | Completed                       | AS_FC_0000003_1_1 Validated, delivered in the workspace |
 * | ICR_FC_0000004   | SpotTaskingOneDay              | Canceled                        | none                          |
 */
import type { WirePolygon } from '../datasources/oneatlas/wire/types.js';
import { findProductType, PRODUCT_TYPES } from './catalog.js';
import { boxToPolygon, geodesicAreaM2 } from './geometry.js';
import { createTasking, type NewTasking, settleAll, settleTasking } from './lifecycle.js';
import { emptyNeoState } from './neo-state.js';
import { productTypePrice } from './pricing.js';
import { type ContractRecord, type SimulatorState, TASKING_STATUS, type TaskingRecord } from './state.js';

export const SEEDED_LEGACY_CONTRACT_ID = 'CTR21000411';
export const SEEDED_LEGACY_WORKSPACE_ID = '0e4b3f5a-6c1d-4b8e-9a47-5d2f1c3b7a10';
export const SEEDED_NEO_CONTRACT_ID = 'CTR22000512';
/** A second legacy contract: the own contract of every API key but the simulator's main one. */
export const SEEDED_SECOND_LEGACY_CONTRACT_ID = 'CTR21000587';
export const SEEDED_SECOND_LEGACY_WORKSPACE_ID = 'c4a8e2d6-1f3b-4c5d-8e7f-9a0b1c2d3e4f';
export const SEEDED_NEO_WORKSPACE_ID = '7d9c2e41-3b5a-4f08-8e6d-1a2b3c4d5e6f';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function seededContracts(): ContractRecord[] {
  const legacyProducts = PRODUCT_TYPES.filter((product) => product.mission !== 'PLEIADESNEO');
  const neoProducts = PRODUCT_TYPES.filter((product) => product.mission === 'PLEIADESNEO');
  return [
    {
      wire: {
        contractId: SEEDED_LEGACY_CONTRACT_ID,
        customerId: 'CUS21000411',
        name: 'Simulated Pléiades & SPOT tasking contract',
        creditRemaining: '250000.00',
        currency: 'EUR',
        language: 'en',
        contractType: 'PREPAID',
        backendSource: 'legacy',
      },
      workspaceId: SEEDED_LEGACY_WORKSPACE_ID,
      productTypeIds: legacyProducts.map((product) => product.productTypeId),
      // guide: the SpotTaskingOnePlan price sample carries an 80 % discount.
      discountPercentages: { SpotTaskingOnePlan: 80 },
    },
    {
      wire: {
        contractId: SEEDED_SECOND_LEGACY_CONTRACT_ID,
        customerId: 'CUS21000411',
        name: 'Simulated SPOT tasking contract',
        creditRemaining: '40000.00',
        currency: 'EUR',
        language: 'en',
        contractType: 'PREPAID',
        backendSource: 'legacy',
      },
      workspaceId: SEEDED_SECOND_LEGACY_WORKSPACE_ID,
      productTypeIds: legacyProducts
        .filter((product) => product.mission === 'SPOT')
        .map((product) => product.productTypeId),
      discountPercentages: {},
    },
    {
      wire: {
        contractId: SEEDED_NEO_CONTRACT_ID,
        customerId: 'CUS21000411',
        name: 'Simulated Pléiades Neo tasking contract',
        creditRemaining: '100000.00',
        currency: 'EUR',
        language: 'en',
        contractType: 'PREPAID',
        backendSource: 'neo',
        delivery: [{ deliveryPlatformId: 'oneatlas', deliveryWorkspace: SEEDED_NEO_WORKSPACE_ID }],
      },
      workspaceId: SEEDED_NEO_WORKSPACE_ID,
      productTypeIds: neoProducts.map((product) => product.productTypeId),
      discountPercentages: {},
    },
  ];
}

function seedTasking(
  state: SimulatorState,
  productTypeId: string,
  aoi: WirePolygon,
  customerRef: string,
  details: Pick<
    NewTasking,
    'acquisitionMode' | 'requiresManualFeasibility' | 'period' | 'pass' | 'createdAtMs'
  >,
): TaskingRecord {
  const productType = findProductType(productTypeId);
  if (productType === undefined) throw new Error(`seed uses an unknown product type ${productTypeId}`);
  const contract = state.contracts.find(
    (candidate) => candidate.wire.contractId === SEEDED_LEGACY_CONTRACT_ID,
  );
  if (contract === undefined) throw new Error('seed taskings belong to the seeded legacy contract');
  return createTasking(state, {
    amountDueOnConfirmation: productTypePrice(contract, productTypeId, [{ aoi, productType }]).amount,
    contractId: SEEDED_LEGACY_CONTRACT_ID,
    salesOrderId: `SAL${String(state.nextOrderNumber++).padStart(7, '0')}`,
    productType,
    aoi,
    orderedAreaM2: geodesicAreaM2(aoi),
    extraPasses: [],
    customerRef,
    maxIncidenceAngle: 30,
    ...details,
  });
}

export function seedState(nowMs: number): SimulatorState {
  const state: SimulatorState = {
    clockOffsetMs: 0,
    nextOrderNumber: 1,
    nextTaskingNumber: 1,
    contracts: seededContracts(),
    taskings: [],
    features: [],
    orders: [],
    neo: emptyNeoState(),
  };
  seedTasking(
    state,
    'SpotTaskingOnePlan',
    boxToPolygon({ west: 4.75, south: 45.7, east: 4.95, north: 45.82 }),
    'seed-lyon-tristereo',
    {
      acquisitionMode: 'TRISTEREO',
      requiresManualFeasibility: true,
      period: { startMs: nowMs + 2 * DAY_MS, endMs: nowMs + 62 * DAY_MS },
      pass: null,
      createdAtMs: nowMs - 2 * HOUR_MS,
    },
  );
  // Ordered 36 h ago, its first daily acquisition (12 h ago) waits for a decision.
  seedTasking(
    state,
    'PleiadesTaskingOnePlan',
    boxToPolygon({ west: 5.3, south: 43.25, east: 5.45, north: 43.35 }),
    'seed-marseille-plan',
    {
      acquisitionMode: 'MONO',
      requiresManualFeasibility: false,
      period: { startMs: nowMs - 36 * HOUR_MS, endMs: nowMs + 30 * DAY_MS },
      pass: null,
      createdAtMs: nowMs - 36 * HOUR_MS,
    },
  );
  const passMs = nowMs - 4 * DAY_MS;
  const delivered = seedTasking(
    state,
    'PleiadesTaskingOneDay',
    boxToPolygon({ west: 1.376381, south: 43.545313, east: 1.50959, north: 43.656198 }),
    'seed-toulouse-oneday',
    {
      acquisitionMode: 'MONO',
      requiresManualFeasibility: false,
      period: null,
      pass: {
        satellite: 'PHR1B',
        startDate: new Date(passMs).toISOString(),
        endDate: new Date(passMs + 1500).toISOString(),
      },
      createdAtMs: passMs - DAY_MS,
    },
  );
  // A OneDay acquisition is validated (and delivered) at its pass: see lifecycle.ts.
  settleTasking(state, delivered, passMs + 60_000);
  const canceled = seedTasking(
    state,
    'SpotTaskingOneDay',
    boxToPolygon({ west: -1.65, south: 47.18, east: -1.45, north: 47.28 }),
    'seed-nantes-canceled',
    {
      acquisitionMode: 'MONO',
      requiresManualFeasibility: false,
      period: null,
      pass: {
        satellite: 'SPOT7',
        startDate: new Date(nowMs - 8 * DAY_MS).toISOString(),
        endDate: new Date(nowMs - 8 * DAY_MS + 2000).toISOString(),
      },
      createdAtMs: nowMs - 10 * DAY_MS,
    },
  );
  canceled.status = TASKING_STATUS.canceled;
  settleAll(state, nowMs);
  return state;
}
