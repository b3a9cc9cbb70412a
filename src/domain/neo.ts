/**
 * The Pléiades Neo domain: quotations, order items and their coverage items (notes §2.3–2.4). Status
 * vocabularies are objects so the same value is a string-literal type here and a GraphQL enum's map.
 */
import type { Polygon } from './geo.js';
import type { TimeWindow } from './tasking.js';

/** Which upstream serves a contract (its `backendSource`): the Pléiades/SPOT API, or Pléiades Neo's. */
export const BackendSource = {
  LEGACY: 'legacy',
  NEO: 'neo',
} as const;
export type BackendSource = (typeof BackendSource)[keyof typeof BackendSource];

export const QuotationStatus = {
  SENT: 'SENT',
  ACCEPTED: 'ACCEPTED',
  REFUSED: 'REFUSED',
  EXPIRED: 'EXPIRED',
  OTHER: 'OTHER',
} as const;
export type QuotationStatus = (typeof QuotationStatus)[keyof typeof QuotationStatus];

export const NeoOrderItemStatus = {
  PENDING: 'PENDING',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
  STOPPED: 'STOPPED',
  OTHER: 'OTHER',
} as const;
export type NeoOrderItemStatus = (typeof NeoOrderItemStatus)[keyof typeof NeoOrderItemStatus];

export const CoverageStatus = {
  VALIDATED: 'VALIDATED',
  PROPOSED: 'PROPOSED',
  REFUSED: 'REFUSED',
  PENDING: 'PENDING',
  REJECTED: 'REJECTED',
  OTHER: 'OTHER',
} as const;
export type CoverageStatus = (typeof CoverageStatus)[keyof typeof CoverageStatus];

export interface Quotation {
  id: string;
  contractId: string;
  currency: string;
  totalAmount: number;
  status: QuotationStatus;
  /** Accept before this (`quotationEndOfValidityDate`); null when the upstream did not say. */
  validUntil: Date | null;
  /** Cancel the resulting order items before this (`cancelationDeadlineDate`). */
  cancellationDeadline: Date | null;
  orderItemIds: string[];
}

export interface NeoOrderItem {
  id: string;
  contractId: string;
  quotationId: string | null;
  salesOrderId: string | null;
  customerReference: string | null;
  /** The tracking product type id (it differs from the ordering one: read ids from productTypes). */
  productType: string | null;
  status: NeoOrderItemStatus;
  /** The upstream's own word for the status, kept when it is OTHER. */
  statusLabel: string;
  quotationStatus: QuotationStatus | null;
  period: TimeWindow | null;
  aoi: Polygon | null;
  /** 0–100. */
  validatedAreaPercent: number | null;
  proposedCoverageCount: number | null;
  totalCoverageCount: number | null;
  feasibilityStudyResult: { coverRate: number; commitment: boolean } | null;
  quotationValidUntil: Date | null;
  cancellationDeadline: Date | null;
  lastStatusChange: Date | null;
  /** What the order line costs (`orderLineAmount`), in `currency`; null when the upstream did not say. */
  amount: number | null;
  currency: string | null;
  /** When the gateway read this from the upstream. */
  fetchedAt: Date;
}

export interface CoverageItem {
  id: string;
  orderItemId: string;
  contractId: string;
  status: CoverageStatus;
  statusLabel: string;
  clearSkyRate: number | null;
  incidenceAngle: number | null;
  /** Base-to-height ratio; 0 for mono. */
  baseToHeight: number | null;
  satellite: string | null;
  footprint: Polygon | null;
  acquisitionDate: Date | null;
  fetchedAt: Date;
}

export interface NeoOrderItemFilter {
  customerReference: string | null;
  orderItemIds: string[];
  quotationId: string | null;
  /** OTHER cannot be asked for upstream. */
  statuses: Exclude<NeoOrderItemStatus, 'OTHER'>[];
}
