/** What the simulated upstream remembers of Pléiades Neo, as plain JSON inside the one simulator state. */
import type { WireAcquisitionMode, WirePolygon, WireProgType } from '../datasources/oneatlas/wire/types.js';

export type NeoQuotationStatus = 'SENT' | 'ACCEPTED' | 'REFUSED' | 'EXPIRED';
export type NeoOrderItemStatus = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED' | 'STOPPED';
export type NeoCoverageStatus = 'PROPOSED' | 'VALIDATED' | 'REFUSED';

export interface NeoQuotationRecord {
  quotationId: string;
  contractId: string;
  customerReference: string;
  status: NeoQuotationStatus;
  createdAt: string;
  quotationEndOfValidityDate: string;
  cancelationDeadlineDate: string;
  decidedAt: string | null;
  /** Given on acceptance, when the quotation becomes a sales order. */
  salesOrderId: string | null;
  currency: string;
  totalAmount: number;
  discountPercentage: number;
  discountValue: number;
  orderItemIds: string[];
  /** The request as received, for tests that must know what reached "Airbus". */
  body: unknown;
}

export interface NeoCoverageRecord {
  coverageItemId: string;
  status: NeoCoverageStatus;
  satellite: string;
  archiveId: string;
  footprint: WirePolygon;
  /** Which part of the AOI it covers; the validated area is the union of the validated parts. */
  coveredPart: 'whole' | 'west' | 'east';
  incidenceAngle: number;
  clearSkyRate: number;
  bh: number;
  acquisitionDate: string;
  decidedAt: string | null;
}

export interface NeoOrderItemRecord {
  orderItemId: string;
  quotationId: string;
  contractId: string;
  customerReference: string;
  /** The ordering id (PleiadesNeoOnePlan); tracking reports `trackingProductType`. */
  productTypeId: string;
  trackingProductType: string;
  progType: WireProgType;
  aoi: WirePolygon;
  aoiName: string;
  acquisitionMode: WireAcquisitionMode;
  /** Auto-validation threshold; null: every acquisition is proposed. */
  maxCloudCover: number | null;
  maxIncidenceAngle: number;
  status: NeoOrderItemStatus;
  period: { startDate: string; endDate: string };
  /** The ordered pass of a single-pass product (from its segmentKey); null for plans. */
  plannedPass: { satellite: string; startDate: string; endDate: string } | null;
  requestedAreaKm2: number;
  amount: number;
  createdAt: string;
  acceptedAt: string | null;
  lastStatusChangeDate: string;
  /** How many acquisitions were made; the next one has this index. */
  acquisitionsMade: number;
  coverages: NeoCoverageRecord[];
}

export interface NeoState {
  nextQuotationNumber: number;
  nextOrderItemNumber: number;
  quotations: NeoQuotationRecord[];
  orderItems: NeoOrderItemRecord[];
}

export function emptyNeoState(): NeoState {
  return { nextQuotationNumber: 1, nextOrderItemNumber: 1, quotations: [], orderItems: [] };
}
