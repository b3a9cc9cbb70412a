import { AcquisitionMode, type DeliveryMethod, FeasibilityAutomation, type OrderStatus } from './enums.js';
import type { Feasibility } from './feasibility.js';
import type { Polygon } from './geo.js';
import type { InputProblems } from './input-problems.js';

export interface KeyValue {
  key: string;
  value: string;
}

/** The SPOT and Pléiades offers, each with its own way of saying when to acquire. */
export type LegacyOffer = 'ONEPLAN' | 'ONESERIES' | 'ONEDAY' | 'ONENOW';

const OFFER_SUFFIXES: readonly [string, LegacyOffer][] = [
  ['oneplan', 'ONEPLAN'],
  ['oneseries', 'ONESERIES'],
  ['oneday', 'ONEDAY'],
  ['onenow', 'ONENOW'],
];

/**
 * The offer a SPOT or Pléiades product type id names: the guide's and the catalogue's ids end with it
 * (`PleiadesTaskingOneDay`, `SpotTaskingOnePlan`). Null for any other id, which the upstream judges.
 */
export function offerOfProductType(productTypeId: string): LegacyOffer | null {
  const id = productTypeId.toLowerCase();
  return OFFER_SUFFIXES.find(([suffix]) => id.endsWith(suffix))?.[1] ?? null;
}

/** The id of an order's AOI when it has one (`aoi`): per-AOI options end with it (`dem_1`). */
export const SINGLE_AOI_ID = 1;

/** notes §2.3: "At most 5 AOI/item pairs per order" (Airbus recommends one). */
export const MAX_AOIS = 5;

/** One AOI of an order, with its item's pass (OneDay/OneNow); each AOI is one item of the order. */
export interface OrderAoi {
  id: number;
  name: string | null;
  geometry: Polygon;
  segmentKey: string | null;
}

/** The order's AOIs: its several `aois`, or its one `aoi` (id 1) with the order's name and pass. */
export function aoisOf(order: OrderRequest): OrderAoi[] {
  return (
    order.aois ?? [
      { id: SINGLE_AOI_ID, name: order.aoiName, geometry: order.aoi, segmentKey: order.segmentKey },
    ]
  );
}

/** What is priced is what is ordered: one validated request serves both. */
export interface OrderRequest {
  contractId: string;
  productTypeId: string;
  /** The AOI; with several (`aois`), the first one's geometry. */
  aoi: Polygon;
  aoiName: string | null;
  /**
   * Several AOIs, each its own item (absent, not a list of one, for an order with one AOI, so that
   * such orders keep the fingerprints their journal entries were made with). `aoiName` and
   * `segmentKey` are then null: each AOI has its own.
   */
  aois?: OrderAoi[];
  segmentKey: string | null;
  acquisitionMode: AcquisitionMode | null;
  window: { start: Date; end: Date } | null;
  /**
   * OneNow: the passes to try (`acqPeriods`). This and the two below are absent, not null, when not
   * given, so that orders without them keep the fingerprints their journal entries were made with.
   */
  acquisitionPeriods?: { start: Date; end: Date }[];
  /** OneDay/OneNow: the chosen pass's order deadline (`orderDeadLine`). */
  orderDeadline?: Date;
  /** The item's `holdback` flag. */
  holdback?: boolean;
  maxCloudCover: number | null;
  maxIncidenceAngle: number | null;
  notificationThreshold: number | null;
  extendedAngle: boolean | null;
  feasibility: Feasibility | null;
  stereo: { minBH: number; maxBH: number } | null;
  /** The `comments` item property. */
  comments: string | null;
  /** The item's own `comments`; null: the same as `comments`. */
  itemComments: string | null;
  customerReference: string;
  primaryMarket: string | null;
  secondaryMarket: string | null;
  programReference: string | null;
  options: KeyValue[];
  workspaceId: string | null;
  /**
   * How the imagery is delivered, when the client chose (absent otherwise, so that orders without it
   * keep the fingerprints their journal entries were made with; the upstream then delivers by network).
   */
  deliveryMethod?: DeliveryMethod;
  /** The contract's `deliveryTypeId` for `deliveryMethod`, read before sending: what `delivery.type` says. */
  deliveryTypeId?: string;
  notifyEmails: string[];
  endUsers: { name: string | null; country: string }[];
  extraProperties: KeyValue[];
}

/** What makes an order need a manual feasibility study: its acquisition mode, or its feasibility result. */
export type ManualFeasibilityCause = 'acquisitionMode' | 'feasibility';

/**
 * Why Airbus' tasking team studies the order by hand before it becomes an effective order, or null
 * when it does not: the guide's "STEREO and TRISTEREO requires manual feasibility", and an order whose
 * feasibility result is MANUAL. Such an order has no price before the study (guide step 4: "Price can
 * be calculated ONLY for orders that does not require feasibility study"); it is charged once its
 * requester confirms it in the OneAtlas web application after the study.
 */
export function manualFeasibilityCause(order: OrderRequest): ManualFeasibilityCause | null {
  if (order.acquisitionMode === AcquisitionMode.STEREO || order.acquisitionMode === AcquisitionMode.TRISTEREO)
    return 'acquisitionMode';
  return order.feasibility?.automationMode === FeasibilityAutomation.MANUAL ? 'feasibility' : null;
}

export function needsManualFeasibilityStudy(order: OrderRequest): boolean {
  return manualFeasibilityCause(order) !== null;
}

/**
 * An order as its input's checks left it: the request, and the problems found in the input so far.
 * The checks before the upstream add theirs and refuse the order once, naming them all; a field with
 * a problem holds a stand-in value that no check judges.
 */
export interface OrderDraft {
  request: OrderRequest;
  problems: InputProblems;
}

export interface PriceLine {
  productTypeId: string;
  amount: number;
  price: number;
  areaKm2: number;
  discountPercentage: number;
  discountValue: number;
  minimumOrderAreaApplied: number | null;
}

export interface Price {
  contractId: string;
  currency: string;
  totalAmount: number;
  discountPercentage: number;
  discountValue: number;
  productTypes: PriceLine[];
}

export interface Order {
  status: OrderStatus;
  salesOrderId: string | null;
  currency: string | null;
  totalAmount: number | null;
  discountPercentage: number | null;
  discountValue: number | null;
  customerReference: string;
}
