/** Everything the simulated upstream remembers, as plain JSON so it can be persisted as-is. */
import type {
  WireAcquisitionMode,
  WireContract,
  WireImageFeature,
  WireMission,
  WirePolygon,
} from '../datasources/oneatlas/wire/types.js';
import type { TaskingProgTypeLabel } from './catalog.js';
import type { NeoState } from './neo-state.js';

export interface ContractRecord {
  wire: WireContract;
  workspaceId: string;
  productTypeIds: string[];
  /** Contract discount per productTypeId, in percent (guide: SpotTaskingOnePlan at 80). */
  discountPercentages: Record<string, number>;
}

export const TASKING_STATUS = {
  feasibilityStudy: 'Feasibility study in progress',
  inProgress: 'In Progress',
  /** Set by Airbus' operators (the API has no call for it); a paused tasking acquires nothing. */
  paused: 'Paused',
  completed: 'Completed',
  canceled: 'Canceled',
} as const;
export type TaskingStatus = (typeof TASKING_STATUS)[keyof typeof TASKING_STATUS];
export const ALL_TASKING_STATUSES: readonly string[] = Object.values(TASKING_STATUS);

export type SegmentStatus = 'Proposed' | 'Validated' | 'Refused';

/** Which part of the AOI an acquisition covers; the validated area is the union of the validated parts. */
export type CoveredPart = 'whole' | 'west' | 'east';

export interface SegmentRecord {
  id: string;
  status: SegmentStatus;
  satellite: string;
  catalogId: string;
  footprint: WirePolygon;
  coveredPart: CoveredPart;
  incidenceAngle: number;
  clearSkyRate: number;
  acquisitionDate: string;
  decidedAt: string | null;
}

export interface TaskingRecord {
  id: string;
  salesOrderId: string;
  serviceOrderId: string;
  contractId: string;
  productTypeId: string;
  mission: WireMission;
  progTypeLabel: TaskingProgTypeLabel;
  aoi: WirePolygon;
  customerRef: string;
  acquisitionMode: WireAcquisitionMode;
  maxIncidenceAngle: number;
  status: TaskingStatus;
  createdAt: string;
  /** When the manual feasibility study ends; null for automatic taskings. */
  feasibilityStudyEndsAt: string | null;
  /**
   * What the contract is charged when the requester confirms the studied order (guide: it "shall be
   * confirmed manually by the requester once the study has been performed"); nothing is charged before.
   * Absent for automatic taskings and once confirmed or declined.
   */
  amountDueOnConfirmation?: number;
  /** When the requester confirmed the studied order; acquisitions start from then. */
  confirmedAt?: string;
  period: { startDate: string; endDate: string };
  /** The ordered pass of a single-pass tasking (OneDay/OneNow), from its segmentKey; null for plans. */
  plannedPass: { satellite: string; startDate: string; endDate: string } | null;
  /** OneNow: the passes tried after `plannedPass`, in time order (`acqPeriods`); absent in older state files. */
  extraPasses?: { startDate: string; endDate: string }[];
  orderedAreaM2: number;
  /** How many acquisitions the lifecycle has already produced; the next one has this index. */
  acquisitionsMade: number;
  segments: SegmentRecord[];
}

export interface DeliveredFeature {
  workspaceId: string;
  feature: WireImageFeature;
}

/** One accepted POST /orders, for tests that must know what reached "Airbus". */
export interface OrderLedgerEntry {
  salesOrderId: string;
  contractId: string;
  customerReference: string;
  taskingIds: string[];
  receivedAt: string;
  body: unknown;
}

export interface SimulatorState {
  /** Simulated time = real time + this offset (advanced by the control API). */
  clockOffsetMs: number;
  nextOrderNumber: number;
  nextTaskingNumber: number;
  contracts: ContractRecord[];
  taskings: TaskingRecord[];
  features: DeliveredFeature[];
  orders: OrderLedgerEntry[];
  /** The Pléiades Neo back end: quotations, order items and their coverage items. */
  neo: NeoState;
}

export function simulatedNow(state: Pick<SimulatorState, 'clockOffsetMs'>): number {
  return Date.now() + state.clockOffsetMs;
}
