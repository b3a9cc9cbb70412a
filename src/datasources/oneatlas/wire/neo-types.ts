/**
 * The Pléiades Neo wire formats (API notes §2.3–2.4, and the shapes of Airbus' "PleiadesNeo specific"
 * Postman collection the notes cite: its order-line and coverage-item samples). Types only, like
 * `types.ts`: the gateway maps them in `neo.mapping.ts`, the simulator produces them with its own code.
 *
 * The quotation request is the shared order body (`WireOrderRequest` in `types.ts`).
 */
import type { WirePolygon } from './types.js';

/** notes §2.4: SENT and ACCEPTED are documented; REFUSED and EXPIRED are what a refusal and the validity end leave. */
export type WireQuotationStatus = 'SENT' | 'ACCEPTED' | 'REFUSED' | 'EXPIRED';

/**
 * An order line's status. IN_PROGRESS and CANCELLED are in the samples (double L, unlike the legacy
 * "Canceled"); the others are the simulator's names for the remaining states, kept open here.
 */
export type WireNeoOrderStatus = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED' | 'STOPPED';

/** notes §2.4. */
export type WireCoverageStatus = 'VALIDATED' | 'PROPOSED' | 'REFUSED' | 'PENDING' | 'REJECTED';

/** 201 of POST /api/v1/quotations (notes: `{quotationId:"QUO…", totalAmount…}`). */
export interface WireQuotation {
  quotationId: string;
  contractId: string;
  customerReference?: string;
  currency: string;
  totalAmount: number;
  discountPercentage?: number;
  discountValue?: number;
  quotationStatus?: WireQuotationStatus;
  quotationEndOfValidityDate?: string;
  cancelationDeadlineDate?: string;
  /** The order lines this quotation created (`WOI_…`). */
  orderItemIds?: string[];
}

/** Body of POST /api/v2/orders/search and POST /api/v1/coverages/search. */
export interface WireNeoSearchRequest {
  paging: { itemsPerPage: number; startIndex: number; pagingMode?: 'item' };
  criteria: { q: string };
}

export interface WireNeoPaging {
  itemsPerPage: number;
  /** 0-based index of the first item of this page (`pagingMode: "item"`). */
  startIndex: number;
  totalResults: number;
}

export interface WireNeoTasking {
  period: { startDate: string; endDate: string }[];
  maxIncidenceAngle?: number;
  /** "MONOSCOPIC" in the sample. */
  acquisitionMode?: string;
  maxCloudCoverage?: number | null;
  validatedArea?: number;
  validatedAreaPct: number;
  nbProposedCoverageItems: number;
  totalCoverageItems: number;
}

/** One order line of POST /api/v2/orders/search (`features[]`). */
export interface WireNeoOrderLine {
  orderItemId: string;
  contractId: string;
  customerReference?: string;
  quotationId?: string;
  salesOrderId?: string | null;
  /** The tracking id, e.g. "PleiadesNeoTaskingOnePlan" (ordering used "PleiadesNeoOnePlan"). */
  productType?: string;
  mission?: string;
  source?: string;
  target?: string;
  status: string;
  quotationStatus?: string;
  quotationCreationDate?: string;
  orderCreationDate?: string | null;
  currency?: string;
  orderLineAmount?: number;
  aoi?: { name?: string; geometry: WirePolygon };
  tasking?: WireNeoTasking;
  feasibilityStudyResult?: { coverRate: number; commitment: boolean } | null;
  requestedArea?: number;
  deliveryWorkspace?: string;
  quotationEndOfValidityDate?: string;
  cancelationDeadlineDate?: string;
  lastStatusChangeDate?: string;
}

export interface WireNeoOrderSearchResponse {
  paging: WireNeoPaging;
  features: WireNeoOrderLine[];
}

/** One item of POST /api/v1/coverages/search (`features[]`). */
export interface WireCoverageItem {
  coverageItemId: string;
  orderItemId: string;
  contractId: string;
  status: string;
  clearSkyRate?: number;
  incidenceAngle?: number;
  /** Base-to-height ratio; 0 for a mono acquisition. */
  bh?: number;
  satellite?: string;
  mission?: string;
  archiveId?: string;
  quotationId?: string;
  salesOrderId?: string | null;
  footprint?: WirePolygon;
  acquisitionDate?: string;
}

export interface WireCoverageSearchResponse {
  paging: WireNeoPaging;
  features: WireCoverageItem[];
}
