/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** MONO: one image. STEREO/TRISTEREO: 2 or 3 images for elevation; ONEPLAN only, manual feasibility. */
export type AcquisitionMode =
  | 'MONO'
  | 'STEREO'
  | 'TRISTEREO';

/** A Pléiades Neo coverage item (an acquisition) status. */
export type CoverageStatus =
  /** A status this gateway does not know (see `statusLabel`). */
  | 'OTHER'
  /** Being checked. */
  | 'PENDING'
  /** Outside the automatic criteria: waiting for you to accept or refuse. */
  | 'PROPOSED'
  /** Refused by you: Airbus tries again. */
  | 'REFUSED'
  /** Rejected by Airbus’ quality check. */
  | 'REJECTED'
  /** Counts towards the order item (automatically or accepted by you). */
  | 'VALIDATED';

/** A time range for a filter: `from` included, `to` excluded; leave one out for an open range (not both). `from` must not be after `to`. */
export type DateRangeInput = {
  /** From this instant on (included). */
  from?: string | null | undefined;
  /** Before this instant (excluded). */
  to?: string | null | undefined;
};

/** How imagery is delivered, normalised from the upstream `deliveryTypeId`. */
export type DeliveryMethod =
  /** "MEDIA": on a physical medium. */
  | 'MEDIA'
  /** "network": into the contract's workspace (see `Contract.workspaceId`). */
  | 'NETWORK'
  /** Any other upstream delivery type; read `DeliveryType.id`. */
  | 'OTHER';

/** Who will use the imagery (export-control information). */
export type EndUserInput = {
  /** ISO 3166-1 alpha-2 country code, e.g. FR. */
  country: string;
  /** End-user name (upstream `endUserName`). */
  name?: string | null | undefined;
};

/** How an order is accepted. */
export type FeasibilityAutomation =
  /** At once, by an automatic rule. */
  | 'AUTOMATIC'
  /** After a study by Airbus' tasking team, then the requester's confirmation (nothing is charged before). */
  | 'MANUAL';

/** How hard Airbus rates an acquisition (notes §2.2); it affects the ONEPLAN price. */
export type FeasibilityClassification =
  /** Challenging to acquire. */
  | 'CHALLENGING'
  /** Easy to acquire. */
  | 'EASY';

/** The result of `feasibility`, copied into the order so the upstream can check it. */
export type FeasibilityInput = {
  /**
   * AUTOMATIC or MANUAL, as text (from `Feasibility.automation`).
   * @deprecated Use `automationMode`, typed.
   */
  automation?: string | null | undefined;
  /** From `Feasibility.automationMode`. Required unless the deprecated `automation` is given. */
  automationMode?: FeasibilityAutomation | null | undefined;
  /** From `Feasibility.automationName`. */
  automationName?: string | null | undefined;
  /**
   * EASY or CHALLENGING, as text (from `Feasibility.classification`).
   * @deprecated Use `classificationLevel`, typed.
   */
  classification?: string | null | undefined;
  /** From `Feasibility.classificationLevel`. Required unless the deprecated `classification` is given. */
  classificationLevel?: FeasibilityClassification | null | undefined;
};

/** A range of numbers for a filter, both bounds included; leave one out for an open range (not both). `min` must not be above `max`. */
export type FloatRangeInput = {
  /** At most this. */
  max?: number | null | undefined;
  /** At least this. */
  min?: number | null | undefined;
};

/** A key/value pair passed upstream as it stands (production options, extra properties). */
export type KeyValueInput = {
  /** The upstream key, e.g. `processing_level` or `projection_1`. */
  key: string;
  /** The value, as a string. */
  value: string;
};

/** A lifecycle action the gateway performs at most once per target. */
export type LifecycleActionKind =
  /** `cancelOrderItem`: a Pléiades Neo order item. */
  | 'CANCEL_ORDER_ITEM'
  /** `cancelTasking`: a legacy tasking. */
  | 'CANCEL_TASKING'
  /** `refuseQuotation`: a Pléiades Neo quotation. */
  | 'REFUSE_QUOTATION'
  /** `stopOrderItem`: a Pléiades Neo order item. */
  | 'STOP_ORDER_ITEM';

/** Where a lifecycle action stands in the gateway’s journal. */
export type LifecycleActionState =
  /** OneAtlas confirmed it, or the target was later seen in the state it leads to. */
  | 'DONE'
  /** It provably never reached OneAtlas; calling again sends it. */
  | 'NOT_SENT'
  /** Sent, and the answer was lost. It is never sent again; calling again checks the target and answers DONE once it shows the action. */
  | 'OUTCOME_UNKNOWN'
  /** OneAtlas refused it; calling again answers the same error. */
  | 'REFUSED'
  /** Recorded and on its way to OneAtlas (another call is sending it). */
  | 'SENDING';

/** A satellite constellation that can be tasked. */
export type Mission =
  /** Pléiades 1A/1B (50 cm). */
  | 'PLEIADES'
  /** Pléiades Neo 3/4 (30 cm); upstream name PLEIADESNEO. */
  | 'PLEIADES_NEO'
  /** SPOT 6/7 (1.5 m). */
  | 'SPOT';

/** A Pléiades Neo order item status, normalised (the upstream’s word is `statusLabel`). */
export type NeoOrderItemStatus =
  /** Cancelled (before its cancellation deadline), or its quotation expired. */
  | 'CANCELLED'
  /** Acquired and delivered. */
  | 'COMPLETED'
  /** Being acquired. */
  | 'IN_PROGRESS'
  /** A status this gateway does not know; cannot be filtered on. */
  | 'OTHER'
  /** Quoted, not yet accepted. */
  | 'PENDING'
  /** Stopped: no further acquisition; what was acquired stays. */
  | 'STOPPED';

/** Optical acquisition constraints. */
export type OpticalInput = {
  /** Acquisition mode. */
  acquisitionMode?: AcquisitionMode;
  /** Maximum cloud cover, % (0–100). */
  maxCloudCover?: number | null | undefined;
  /** Maximum incidence angle, degrees (0–90). */
  maxIncidenceAngle?: number | null | undefined;
};

/** Whether a production option must be given (upstream `mandatory`: "true", "false", "constraint"). */
export type OptionRequirement =
  | 'ALWAYS'
  | 'NEVER'
  | 'WHEN_CONDITION_HOLDS';

/** One AOI of an order with several (at most 5, Airbus' limit; Airbus recommends one AOI per order). Each AOI is one item of the order, of the order's product and properties, priced on its own area. */
export type OrderAoiInput = {
  /** The area. */
  geometry: { type: 'Polygon'; coordinates: number[][][] };
  /** The AOI's id (1–99, one per AOI): its item names it, and its per-AOI production options end with it (`dem_2`, `projection_2`; an unsuffixed `dem` stands for every AOI's). */
  id: number;
  /** A name for the AOI; defaults to the customer reference followed by the id. */
  name?: string | null | undefined;
  /** OneDay/OneNow: this AOI's pass, from `attempts` asked for this AOI (Attempt.segmentKey): a pass belongs to the AOI it was computed for. */
  segmentKey?: string | null | undefined;
};

/** How the gateway learnt an attempt’s outcome. */
export type OrderAttemptResolution =
  /** From OneAtlas’ answer to the POST. */
  | 'ANSWER'
  /** The answer was lost; the order was found in the tracking list by customer reference. */
  | 'FOUND_BY_CUSTOMER_REFERENCE'
  /** The answer to a quotation’s acceptance was lost; its order items showed it ACCEPTED. */
  | 'FOUND_BY_QUOTATION'
  /** Not found upstream before the grace period ended. */
  | 'GRACE_PERIOD_ENDED';

/** Where an order attempt stands in the gateway’s order journal. */
export type OrderAttemptState =
  /** Sent, but still not found upstream when the grace period ended: counted as not placed. Calling `createOrder` again with the same key sends it again. */
  | 'ABSENT'
  /** Held for approval and refused (`decisionReason`): nothing was sent. */
  | 'APPROVAL_REJECTED'
  /** Priced above the tenant’s approval threshold: held (and counted against the month’s budget) until `approveOrder` or `rejectOrder`. */
  | 'AWAITING_APPROVAL'
  /** The order provably never reached OneAtlas (still queued when the gateway stopped, connection refused, queue full, rate limited): nothing was placed. Calling `createOrder` again with the same key sends it. */
  | 'NOT_SENT'
  /** The order may have reached OneAtlas (timeout, reset, 5xx, restart) and is not found yet. It is not re-sent; the gateway keeps looking it up by customer reference until it appears or `outcomeDeadline` passes. */
  | 'OUTCOME_UNKNOWN'
  /** OneAtlas has the order (`salesOrderId`). */
  | 'PLACED'
  /** OneAtlas refused the order: nothing was placed. `error` says why. */
  | 'REJECTED'
  /** Recorded; the order is on its way to OneAtlas. */
  | 'SENDING';

/** One tasking order. The same input is priced (`price`) and ordered (`createOrder`). */
export type OrderInput = {
  /** Acquisition mode; STEREO/TRISTEREO need `stereo`. */
  acquisitionMode?: AcquisitionMode | null | undefined;
  /** OneNow only: the passes to try, from `attempts` (each chosen Attempt's acquisitionStartDate and acquisitionEndDate; both ends required, at most 20). Sent as the guide's `acqPeriods` property ("start end,start end"): Airbus tries them in turn until one acquisition succeeds. */
  acquisitionPeriods?: Array<TimeWindowInput> | null | undefined;
  /** Area of interest (AOI id 1). Required unless `aois` gives several. */
  aoi?: { type: 'Polygon'; coordinates: number[][][] } | null | undefined;
  /** A name for the AOI; defaults to the customer reference. */
  aoiName?: string | null | undefined;
  /** Several AOIs instead of `aoi` (at most 5), each its own item; `aoiName` and `segmentKey` then go on each AOI. */
  aois?: Array<OrderAoiInput> | null | undefined;
  /** Free comments for Airbus, sent as the item's `comments` property (and as the item's own `comments` unless `itemComments` is given). */
  comments?: string | null | undefined;
  /** CIS contract id; defaults to the configured contract. */
  contractId?: string | number | null | undefined;
  /** Your unique reference for this order: the key for tracking (`taskings(customerReference:)`) and billing. Airbus wants one per order: `createOrder` refuses a reference whose order (under another idempotency key) is placed, held or may be placed (IDEMPOTENCY_CONFLICT on `input.customerReference`). */
  customerReference: string;
  /** How the imagery is delivered: one of the contract's `Contract.deliveryTypes` methods, sent as its upstream id (`delivery.type`). Another is refused before anything is sent (BAD_USER_INPUT listing the allowed methods). Left out: NETWORK, into the workspace. */
  deliveryMethod?: DeliveryMethod | null | undefined;
  /** End users of the imagery. */
  endUsers?: Array<EndUserInput> | null | undefined;
  /** Allow an extended incidence angle. */
  extendedAngle?: boolean | null | undefined;
  /** Further item properties passed upstream as they stand, for upstream keys this schema does not model. */
  extraProperties?: Array<KeyValueInput> | null | undefined;
  /** The feasibility result (ONEPLAN). */
  feasibility?: FeasibilityInput | null | undefined;
  /** The item's `holdback` flag, as the guide's tristereo sample sends it (false there); left out, Airbus' default applies. The guide does not say more of it: ask Airbus what it means for your contract. */
  holdback?: boolean | null | undefined;
  /** `createOrder` only (ignored by `price`): the key that makes ordering idempotent; defaults to `customerReference`. Calling again with the same key and input answers the first outcome and never places a second order; the same key with another input is refused (IDEMPOTENCY_CONFLICT) while the first order is placed or may be. */
  idempotencyKey?: string | null | undefined;
  /** The item's own `comments`, when they differ from the `comments` property (the guide's OneDay sample sends two texts); defaults to `comments`. */
  itemComments?: string | null | undefined;
  /** Maximum cloud cover for automatic validation, % (0–100). Not for OneDay: Airbus ignores it there and forces 100 % (the pass chosen in `attempts` carries its own). */
  maxCloudCover?: number | null | undefined;
  /** Maximum incidence angle, degrees (0–90). */
  maxIncidenceAngle?: number | null | undefined;
  /** Cloud cover up to which acquisitions are proposed to you, % (0–100); Airbus advises = maxCloudCover. Not for OneDay: Airbus ignores it there and forces 100 %. */
  notificationThreshold?: number | null | undefined;
  /** Addresses notified when an acquisition arrives. */
  notifyEmails?: Array<string> | null | undefined;
  /** Production options from `productionOptions`, e.g. processing_level=ortho, projection_1=4326. */
  options?: Array<KeyValueInput> | null | undefined;
  /** OneDay/OneNow: the chosen pass's `Attempt.orderDeadline`, sent as the guide's `orderDeadLine` property. An order past it is refused before anything is sent (`price` too: the pass can no longer be ordered). */
  orderDeadline?: string | null | undefined;
  /** Market code, one of `Contract.markets` (e.g. NQUAL). Required by OneAtlas on an order: `createOrder` and `requestQuotation` without it, or any operation with another, are refused before anything is sent (BAD_USER_INPUT listing the allowed ids). `price` may leave it out, as the guide does. */
  primaryMarket?: string | null | undefined;
  /** Upstream product type, e.g. PleiadesTaskingOneDay (see `productTypes`). */
  productTypeId: string;
  /** Programme reference. */
  programReference?: string | null | undefined;
  /** Secondary market code, one of the primary market's `secondaryMarkets`. */
  secondaryMarket?: string | null | undefined;
  /** The chosen pass, from `Attempt.segmentKey` (ONEDAY/ONENOW). */
  segmentKey?: string | null | undefined;
  /** B/H ratios; required for STEREO and TRISTEREO only. */
  stereo?: StereoInput | null | undefined;
  /** Acquisition period; both ends required. Sent upstream as `acqPeriod` "start end". */
  window?: TimeWindowInput | null | undefined;
  /** Workspace for network delivery: the contract's own (`Contract.workspaceId`), else refused (BAD_USER_INPUT). Defaults to it; none when the contract's is unknown. */
  workspaceId?: string | number | null | undefined;
};

/** What is known of an order. */
export type OrderStatus =
  /** Priced above the tenant’s approval threshold: nothing is sent until a caller with the approve role calls `approveOrder` (or `rejectOrder`). Counts against the month’s budget meanwhile. */
  | 'AWAITING_APPROVAL'
  /** The order was sent but its fate is not known yet (timeout, connection reset). It is not re-sent: ask again with the same input to learn the outcome; do not place a second order. */
  | 'OUTCOME_UNKNOWN'
  /** OneAtlas confirmed the order: `salesOrderId` is set. */
  | 'PLACED';

/** What an order attempt spends the contract’s money on. */
export type PaidOperation =
  /** A legacy (Pléiades, SPOT) order: `createOrder`. */
  | 'ORDER'
  /** The acceptance of a Pléiades Neo quotation: `acceptQuotation` (the key is `quotation:<id>`). */
  | 'QUOTATION_ACCEPTANCE';

/** A tasking offer. SPOT & Pléiades: ONEPLAN, ONEDAY, ONENOW, ONESERIES. Pléiades Neo: ONEPLAN, ONEDAY, ONENOWATTEMPTS, ONENOWWEATHER. */
export type ProgType =
  /** One attempt on a chosen pass (see `attempts`). */
  | 'ONEDAY'
  /** Several attempts on the next passes (SPOT & Pléiades). */
  | 'ONENOW'
  /** Attempts on the next passes (Pléiades Neo). */
  | 'ONENOWATTEMPTS'
  /** Attempts with a weather guarantee (Pléiades Neo). */
  | 'ONENOWWEATHER'
  /** Acquisition over a period, with an automatic or manual feasibility. */
  | 'ONEPLAN'
  /** A series of acquisitions (SPOT & Pléiades). */
  | 'ONESERIES';

/** Where a Pléiades Neo quotation stands. */
export type QuotationStatus =
  /** Accepted: its order items are being acquired. */
  | 'ACCEPTED'
  /** Not accepted in time: nothing is ordered. */
  | 'EXPIRED'
  /** A status this gateway does not know (see the item’s `statusLabel`). */
  | 'OTHER'
  /** Refused: nothing is ordered. */
  | 'REFUSED'
  /** Waiting for your acceptance, until `validUntil`. */
  | 'SENT';

/** Base/height ratios for STEREO and TRISTEREO (0.2–0.8, min ≤ max). */
export type StereoInput = {
  /** Maximum B/H ratio. Suggested: 0.7 (stereo), 0.35 (tristereo). */
  maxBH: number;
  /** Minimum B/H ratio. Suggested: 0.4 (stereo), 0.2 (tristereo). */
  minBH: number;
};

/** What the customer must do for a tasking to move on. */
export type TaskingAction =
  /** Airbus' tasking team studies the order's feasibility; nothing is charged yet. Once the study is done, the requester must confirm the order (or decline it) in the OneAtlas web application: the API has no call for it. The status stays FEASIBILITY_STUDY until then. */
  | 'CONFIRM_AFTER_FEASIBILITY_STUDY'
  /** Acquisitions wait for `acceptSegment` or `refuseSegment` (see `proposedSegmentCount`). */
  | 'DECIDE_PROPOSED_SEGMENTS';

/** Where a tasking line stands, the same words for both back ends (the back end’s own status is on `Tasking.status` / `NeoOrderItem.status`, its word in `statusLabel`). */
export type TaskingLineState =
  /** Cancelled; a Neo item also when its quotation expired. */
  | 'CANCELLED'
  /** Acquired and delivered. */
  | 'COMPLETED'
  /** Acquisitions are being attempted. */
  | 'IN_PROGRESS'
  /** A status this gateway does not know; read `statusLabel`. */
  | 'OTHER'
  /** Paused upstream (legacy only). */
  | 'PAUSED'
  /** Not acquired yet: a legacy feasibility study, or a Neo quotation not yet accepted. */
  | 'PENDING'
  /** Stopped: no further acquisition, what was acquired stays (Neo only). */
  | 'STOPPED';

/** Where, when and how to acquire: the question asked of feasibility and attempts. */
export type TaskingSearchInput = {
  /** Area of interest. */
  aoi: { type: 'Polygon'; coordinates: number[][][] };
  /** CIS contract id; defaults to the configured contract. */
  contractId?: string | number | null | undefined;
  /** Constellations to consider. */
  missions: Array<Mission>;
  /** Optical constraints; MONO when omitted. */
  optical?: OpticalInput | null | undefined;
  /** Offers to consider. */
  progTypes: Array<ProgType>;
  /** Acquisition window. `feasibility` needs both ends; `attempts` searches passes within 7 days of `start` (and before `end`, when given). */
  window: TimeWindowInput;
};

/** A tasking status, normalised from the upstream text (kept verbatim in `Tasking.statusLabel`). */
export type TaskingStatus =
  /** "Canceled". */
  | 'CANCELED'
  /** "Completed". */
  | 'COMPLETED'
  /** "Feasibility study in progress": Airbus experts study the request. */
  | 'FEASIBILITY_STUDY'
  /** "In Progress": acquisitions are being attempted. */
  | 'IN_PROGRESS'
  /** Any other upstream status; read `statusLabel`. */
  | 'OTHER'
  /** "Paused". */
  | 'PAUSED';

/** A time interval. Sent upstream as millisecond UTC timestamps. */
export type TimeWindowInput = {
  /** End (ISO 8601 date-time); must be after `start`. */
  end?: string | null | undefined;
  /** Start (ISO 8601 date-time). */
  start: string;
};

/** A OneAtlas API, paced separately per credential. */
export type UpstreamApi =
  /** The ordering API (1 request per second, one at a time, 10-minute ban). */
  | 'ORDER'
  /** The search API (delivered imagery). */
  | 'SEARCH';

export type ContractsQueryVariables = Exact<{ [key: string]: never; }>;


export type ContractsQuery = { contracts: Array<{ id: string, name: string, currency: string, creditRemaining: string | null, backendSource: string, workspaceId: string | null }> };

export type MarketsQueryVariables = Exact<{ [key: string]: never; }>;


export type MarketsQuery = { contracts: Array<{ id: string, markets: Array<{ id: string, label: string, secondaryMarkets: Array<{ id: string, label: string }> }>, deliveryTypes: Array<{ method: DeliveryMethod, id: string, label: string }> }> };

export type ProductTypesQueryVariables = Exact<{
  contractId?: string | number | null | undefined;
}>;


export type ProductTypesQuery = { productTypes: Array<{ id: string, label: string, sensor: string, target: string, minimumOrderAreaKm2: number }> };

export type ProductionOptionsQueryVariables = Exact<{
  productTypeId: string;
  aoi: { type: 'Polygon'; coordinates: number[][][] };
  contractId?: string | number | null | undefined;
}>;


export type ProductionOptionsQuery = { productionOptions: Array<{ name: string, label: string, type: string, mandatory: OptionRequirement, condition: string | null, defaultValue: string | null, values: Array<{ id: string, label: string }>, range: { min: number, max: number } | null }> };

export type FeasibilityQueryVariables = Exact<{
  input: TaskingSearchInput;
}>;


export type FeasibilityQuery = { feasibility: Array<{ mission: Mission, progTypes: Array<{ name: ProgType, available: boolean, feasibility: { classificationLevel: FeasibilityClassification | null, automationMode: FeasibilityAutomation | null, automationName: string | null } | null, attempts: Array<{ satellite: string, segmentKey: string, footprint: { type: 'Polygon'; coordinates: number[][][] }, center: { type: 'Point'; coordinates: number[] }, orderDeadline: string, acquisitionStart: string, acquisitionEnd: string, incidenceAngle: number, extendedAngle: boolean | null }>, errors: Array<{ code: string, locator: string | null, message: string | null }> }> }> };

export type AttemptsQueryVariables = Exact<{
  input: TaskingSearchInput;
}>;


export type AttemptsQuery = { attempts: Array<{ mission: Mission, progTypes: Array<{ name: ProgType, available: boolean, feasibility: { classificationLevel: FeasibilityClassification | null, automationMode: FeasibilityAutomation | null, automationName: string | null } | null, attempts: Array<{ satellite: string, segmentKey: string, footprint: { type: 'Polygon'; coordinates: number[][][] }, center: { type: 'Point'; coordinates: number[] }, orderDeadline: string, acquisitionStart: string, acquisitionEnd: string, incidenceAngle: number, extendedAngle: boolean | null }>, errors: Array<{ code: string, locator: string | null, message: string | null }> }> }> };

export type PriceQueryVariables = Exact<{
  input: OrderInput;
}>;


export type PriceQuery = { price: { contractId: string, currency: string, totalAmount: number, discountPercentage: number, discountValue: number, productTypes: Array<{ productTypeId: string, areaKm2: number, amount: number, price: number }> } };

export type CreateOrderMutationVariables = Exact<{
  input: OrderInput;
}>;


export type CreateOrderMutation = { createOrder: { status: OrderStatus, salesOrderId: string | null, customerReference: string, idempotencyKey: string, currency: string | null, totalAmount: number | null } };

export type TaskingsQueryVariables = Exact<{
  customerReference?: string | null | undefined;
  status?: Array<TaskingStatus> | TaskingStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TaskingsQuery = { taskings: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, contractId: string, salesOrder: string | null, customerReference: string | null, progTypeName: string, status: TaskingStatus, statusLabel: string, orderedArea: number, validatedArea: number, progress: number, proposedSegmentCount: number, totalSegmentCount: number, requiredAction: TaskingAction | null, segments: Array<{ id: string, taskingId: string, status: string, catalogId: string | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, incidenceAngle: number | null, clearSkyRate: number | null, acquisitionDate: string | null }>, period: { start: string, end: string | null } | null } }> } };

export type TaskingQueryVariables = Exact<{
  id: string | number;
}>;


export type TaskingQuery = { tasking: { id: string, contractId: string, salesOrder: string | null, customerReference: string | null, progTypeName: string, status: TaskingStatus, statusLabel: string, orderedArea: number, validatedArea: number, progress: number, proposedSegmentCount: number, totalSegmentCount: number, requiredAction: TaskingAction | null, attempts: Array<{ start: string, end: string | null }>, segments: Array<{ id: string, taskingId: string, status: string, catalogId: string | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, incidenceAngle: number | null, clearSkyRate: number | null, acquisitionDate: string | null }>, period: { start: string, end: string | null } | null } | null };

export type AcceptSegmentMutationVariables = Exact<{
  taskingId: string | number;
  segmentId: string | number;
}>;


export type AcceptSegmentMutation = { acceptSegment: { id: string, taskingId: string, status: string, catalogId: string | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, incidenceAngle: number | null, clearSkyRate: number | null, acquisitionDate: string | null } };

export type RefuseSegmentMutationVariables = Exact<{
  taskingId: string | number;
  segmentId: string | number;
}>;


export type RefuseSegmentMutation = { refuseSegment: { id: string, taskingId: string, status: string, catalogId: string | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, incidenceAngle: number | null, clearSkyRate: number | null, acquisitionDate: string | null } };

export type ImageryQueryVariables = Exact<{
  workspaceId?: string | number | null | undefined;
  acquisitionDate?: DateRangeInput | null | undefined;
  cloudCover?: FloatRangeInput | null | undefined;
  incidenceAngle?: FloatRangeInput | null | undefined;
  intersecting?: { type: 'Polygon'; coordinates: number[][][] } | null | undefined;
  lastUpdateDate?: DateRangeInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ImageryQuery = { imagery: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, platform: string | null, acquisitionDate: string | null, cloudCover: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, quicklookUrl: string | null, downloadUrl: string | null } }> } };

export type OrderAttemptsQueryVariables = Exact<{
  states?: Array<OrderAttemptState> | OrderAttemptState | null | undefined;
  customerReference?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrderAttemptsQuery = { orderAttempts: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { idempotencyKey: string, operation: PaidOperation, state: OrderAttemptState, contractId: string, customerReference: string, productTypeId: string, tenantId: string | null, requestedBy: string | null, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null, sendCount: number, salesOrderId: string | null, currency: string | null, totalAmount: number | null, resolution: OrderAttemptResolution | null, outcomeDeadline: string | null, createdAt: string, updatedAt: string, error: { code: string, message: string } | null, events: Array<{ at: string, kind: string, detail: string | null }> } }> } };

export type OrderAttemptQueryVariables = Exact<{
  idempotencyKey: string;
}>;


export type OrderAttemptQuery = { orderAttempt: { idempotencyKey: string, operation: PaidOperation, state: OrderAttemptState, contractId: string, customerReference: string, productTypeId: string, tenantId: string | null, requestedBy: string | null, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null, sendCount: number, salesOrderId: string | null, currency: string | null, totalAmount: number | null, resolution: OrderAttemptResolution | null, outcomeDeadline: string | null, createdAt: string, updatedAt: string, error: { code: string, message: string } | null, events: Array<{ at: string, kind: string, detail: string | null }> } | null };

export type ApproveOrderMutationVariables = Exact<{
  idempotencyKey: string | number;
}>;


export type ApproveOrderMutation = { approveOrder: { status: OrderStatus, salesOrderId: string | null, customerReference: string, idempotencyKey: string, currency: string | null, totalAmount: number | null } };

export type RejectOrderMutationVariables = Exact<{
  idempotencyKey: string | number;
  reason: string;
}>;


export type RejectOrderMutation = { rejectOrder: { idempotencyKey: string, operation: PaidOperation, state: OrderAttemptState, contractId: string, customerReference: string, productTypeId: string, tenantId: string | null, requestedBy: string | null, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null, sendCount: number, salesOrderId: string | null, currency: string | null, totalAmount: number | null, resolution: OrderAttemptResolution | null, outcomeDeadline: string | null, createdAt: string, updatedAt: string, error: { code: string, message: string } | null, events: Array<{ at: string, kind: string, detail: string | null }> } };

export type UpstreamPausesQueryVariables = Exact<{ [key: string]: never; }>;


export type UpstreamPausesQuery = { upstreamPauses: Array<{ credentialId: string, api: UpstreamApi, pausedUntil: string | null, pausedForSeconds: number, waitingCalls: number, callsInFlight: number }> };

export type ClearUpstreamPauseMutationVariables = Exact<{
  api: UpstreamApi;
  credentialId?: string | number | null | undefined;
}>;


export type ClearUpstreamPauseMutation = { clearUpstreamPause: Array<{ credentialId: string, api: UpstreamApi, pausedUntil: string | null, pausedForSeconds: number, waitingCalls: number, callsInFlight: number }> };

export type DecisionQueueQueryVariables = Exact<{
  mission?: Mission | null | undefined;
  offers?: Array<ProgType> | ProgType | null | undefined;
  endOfPeriod?: DateRangeInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DecisionQueueQuery = { taskings: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, contractId: string, salesOrder: string | null, customerReference: string | null, progTypeName: string, status: TaskingStatus, statusLabel: string, orderedArea: number, validatedArea: number, progress: number, proposedSegmentCount: number, totalSegmentCount: number, requiredAction: TaskingAction | null, segments: Array<{ id: string, taskingId: string, status: string, catalogId: string | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, incidenceAngle: number | null, clearSkyRate: number | null, acquisitionDate: string | null }>, period: { start: string, end: string | null } | null } }> } };

export type CancelTaskingMutationVariables = Exact<{
  taskingId: string | number;
  contractId?: string | number | null | undefined;
}>;


export type CancelTaskingMutation = { cancelTasking: { action: LifecycleActionKind, contractId: string, targetId: string, state: LifecycleActionState, requestedBy: string | null, createdAt: string, sentAt: string | null, error: { code: string, message: string } | null } };

export type SegmentFieldsFragment = { id: string, taskingId: string, status: string, catalogId: string | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, incidenceAngle: number | null, clearSkyRate: number | null, acquisitionDate: string | null };

export type TaskingFieldsFragment = { id: string, contractId: string, salesOrder: string | null, customerReference: string | null, progTypeName: string, status: TaskingStatus, statusLabel: string, orderedArea: number, validatedArea: number, progress: number, proposedSegmentCount: number, totalSegmentCount: number, requiredAction: TaskingAction | null, period: { start: string, end: string | null } | null };

export type ProgCapacityFieldsFragment = { mission: Mission, progTypes: Array<{ name: ProgType, available: boolean, feasibility: { classificationLevel: FeasibilityClassification | null, automationMode: FeasibilityAutomation | null, automationName: string | null } | null, attempts: Array<{ satellite: string, segmentKey: string, footprint: { type: 'Polygon'; coordinates: number[][][] }, center: { type: 'Point'; coordinates: number[] }, orderDeadline: string, acquisitionStart: string, acquisitionEnd: string, incidenceAngle: number, extendedAngle: boolean | null }>, errors: Array<{ code: string, locator: string | null, message: string | null }> }> };

export type OrderAttemptFieldsFragment = { idempotencyKey: string, operation: PaidOperation, state: OrderAttemptState, contractId: string, customerReference: string, productTypeId: string, tenantId: string | null, requestedBy: string | null, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null, sendCount: number, salesOrderId: string | null, currency: string | null, totalAmount: number | null, resolution: OrderAttemptResolution | null, outcomeDeadline: string | null, createdAt: string, updatedAt: string, error: { code: string, message: string } | null, events: Array<{ at: string, kind: string, detail: string | null }> };

export type UpstreamPauseFieldsFragment = { credentialId: string, api: UpstreamApi, pausedUntil: string | null, pausedForSeconds: number, waitingCalls: number, callsInFlight: number };

export type LifecycleActionFieldsFragment = { action: LifecycleActionKind, contractId: string, targetId: string, state: LifecycleActionState, requestedBy: string | null, createdAt: string, sentAt: string | null, error: { code: string, message: string } | null };

export type RequestQuotationMutationVariables = Exact<{
  input: OrderInput;
}>;


export type RequestQuotationMutation = { requestQuotation: { id: string, contractId: string, totalAmount: number, currency: string, status: QuotationStatus, validUntil: string | null, cancellationDeadline: string | null, orderItemIds: Array<string>, exportUrl: string } };

export type NeoOrderItemsQueryVariables = Exact<{
  contractId?: string | number | null | undefined;
  customerReference?: string | null | undefined;
  status?: Array<NeoOrderItemStatus> | NeoOrderItemStatus | null | undefined;
  ids?: Array<string | number> | string | number | null | undefined;
  quotationId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type NeoOrderItemsQuery = { neoOrderItems: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, contractId: string, quotationId: string | null, salesOrderId: string | null, customerReference: string | null, productType: string | null, status: NeoOrderItemStatus, statusLabel: string, quotationStatus: QuotationStatus | null, validatedAreaPercent: number | null, proposedCoverageCount: number | null, totalCoverageCount: number | null, cancellationDeadline: string | null, lastStatusChange: string | null, amount: number | null, currency: string | null, coverageItems: Array<{ id: string, orderItemId: string, status: CoverageStatus, clearSkyRate: number | null, incidenceAngle: number | null, baseToHeight: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }>, period: { start: string, end: string | null } | null, feasibilityStudyResult: { coverRate: number, commitment: boolean } | null } }> } };

export type NeoOrderItemQueryVariables = Exact<{
  id: string | number;
  contractId?: string | number | null | undefined;
}>;


export type NeoOrderItemQuery = { neoOrderItem: { id: string, contractId: string, quotationId: string | null, salesOrderId: string | null, customerReference: string | null, productType: string | null, status: NeoOrderItemStatus, statusLabel: string, quotationStatus: QuotationStatus | null, validatedAreaPercent: number | null, proposedCoverageCount: number | null, totalCoverageCount: number | null, cancellationDeadline: string | null, lastStatusChange: string | null, amount: number | null, currency: string | null, coverageItems: Array<{ id: string, orderItemId: string, status: CoverageStatus, clearSkyRate: number | null, incidenceAngle: number | null, baseToHeight: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }>, period: { start: string, end: string | null } | null, feasibilityStudyResult: { coverRate: number, commitment: boolean } | null } | null };

export type AcceptQuotationMutationVariables = Exact<{
  quotationId: string | number;
  contractId?: string | number | null | undefined;
}>;


export type AcceptQuotationMutation = { acceptQuotation: { status: OrderStatus, salesOrderId: string | null, idempotencyKey: string, currency: string | null, totalAmount: number | null } };

export type RefuseQuotationMutationVariables = Exact<{
  quotationId: string | number;
  contractId?: string | number | null | undefined;
}>;


export type RefuseQuotationMutation = { refuseQuotation: { action: LifecycleActionKind, contractId: string, targetId: string, state: LifecycleActionState, requestedBy: string | null, createdAt: string, sentAt: string | null, error: { code: string, message: string } | null } };

export type CancelOrderItemMutationVariables = Exact<{
  orderItemId: string | number;
  contractId?: string | number | null | undefined;
}>;


export type CancelOrderItemMutation = { cancelOrderItem: { action: LifecycleActionKind, contractId: string, targetId: string, state: LifecycleActionState, requestedBy: string | null, createdAt: string, sentAt: string | null, error: { code: string, message: string } | null } };

export type StopOrderItemMutationVariables = Exact<{
  orderItemId: string | number;
  contractId?: string | number | null | undefined;
}>;


export type StopOrderItemMutation = { stopOrderItem: { action: LifecycleActionKind, contractId: string, targetId: string, state: LifecycleActionState, requestedBy: string | null, createdAt: string, sentAt: string | null, error: { code: string, message: string } | null } };

export type AcceptCoverageMutationVariables = Exact<{
  orderItemId: string | number;
  coverageItemId: string | number;
  contractId?: string | number | null | undefined;
}>;


export type AcceptCoverageMutation = { acceptCoverage: { id: string, orderItemId: string, status: CoverageStatus, clearSkyRate: number | null, incidenceAngle: number | null, baseToHeight: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null } };

export type RefuseCoverageMutationVariables = Exact<{
  orderItemId: string | number;
  coverageItemId: string | number;
  contractId?: string | number | null | undefined;
}>;


export type RefuseCoverageMutation = { refuseCoverage: { id: string, orderItemId: string, status: CoverageStatus, clearSkyRate: number | null, incidenceAngle: number | null, baseToHeight: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null } };

export type NeoOrderItemFieldsFragment = { id: string, contractId: string, quotationId: string | null, salesOrderId: string | null, customerReference: string | null, productType: string | null, status: NeoOrderItemStatus, statusLabel: string, quotationStatus: QuotationStatus | null, validatedAreaPercent: number | null, proposedCoverageCount: number | null, totalCoverageCount: number | null, cancellationDeadline: string | null, lastStatusChange: string | null, amount: number | null, currency: string | null, period: { start: string, end: string | null } | null, feasibilityStudyResult: { coverRate: number, commitment: boolean } | null };

export type CoverageItemFieldsFragment = { id: string, orderItemId: string, status: CoverageStatus, clearSkyRate: number | null, incidenceAngle: number | null, baseToHeight: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null };

type AcquisitionFields_CoverageItem_Fragment = { __typename: 'CoverageItem', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null };

type AcquisitionFields_Segment_Fragment = { __typename: 'Segment', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null };

export type AcquisitionFieldsFragment =
  | AcquisitionFields_CoverageItem_Fragment
  | AcquisitionFields_Segment_Fragment
;

type TaskingLineFields_NeoOrderItem_Fragment = { __typename: 'NeoOrderItem', id: string, contractId: string, backendSource: string, customerReference: string | null, state: TaskingLineState, statusLabel: string, progress: number | null, proposedAcquisitionCount: number | null, totalAcquisitionCount: number | null, period: { start: string, end: string | null } | null, acquisitions: Array<
    | { __typename: 'CoverageItem', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
    | { __typename: 'Segment', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
  > };

type TaskingLineFields_Tasking_Fragment = { __typename: 'Tasking', id: string, contractId: string, backendSource: string, customerReference: string | null, state: TaskingLineState, statusLabel: string, progress: number, proposedAcquisitionCount: number, totalAcquisitionCount: number, period: { start: string, end: string | null } | null, acquisitions: Array<
    | { __typename: 'CoverageItem', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
    | { __typename: 'Segment', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
  > };

export type TaskingLineFieldsFragment =
  | TaskingLineFields_NeoOrderItem_Fragment
  | TaskingLineFields_Tasking_Fragment
;

export type TaskingLinesQueryVariables = Exact<{
  contractId?: string | number | null | undefined;
  customerReference?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TaskingLinesQuery = { taskingLines: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node:
        | { __typename: 'NeoOrderItem', id: string, contractId: string, backendSource: string, customerReference: string | null, state: TaskingLineState, statusLabel: string, progress: number | null, proposedAcquisitionCount: number | null, totalAcquisitionCount: number | null, period: { start: string, end: string | null } | null, acquisitions: Array<
            | { __typename: 'CoverageItem', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
            | { __typename: 'Segment', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
          > }
        | { __typename: 'Tasking', id: string, contractId: string, backendSource: string, customerReference: string | null, state: TaskingLineState, statusLabel: string, progress: number, proposedAcquisitionCount: number, totalAcquisitionCount: number, period: { start: string, end: string | null } | null, acquisitions: Array<
            | { __typename: 'CoverageItem', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
            | { __typename: 'Segment', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
          > }
       }> } };

export type TaskingLineQueryVariables = Exact<{
  id: string | number;
  contractId?: string | number | null | undefined;
}>;


export type TaskingLineQuery = { taskingLine:
    | { __typename: 'NeoOrderItem', id: string, contractId: string, backendSource: string, customerReference: string | null, state: TaskingLineState, statusLabel: string, progress: number | null, proposedAcquisitionCount: number | null, totalAcquisitionCount: number | null, period: { start: string, end: string | null } | null, acquisitions: Array<
        | { __typename: 'CoverageItem', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
        | { __typename: 'Segment', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
      > }
    | { __typename: 'Tasking', id: string, contractId: string, backendSource: string, customerReference: string | null, state: TaskingLineState, statusLabel: string, progress: number, proposedAcquisitionCount: number, totalAcquisitionCount: number, period: { start: string, end: string | null } | null, acquisitions: Array<
        | { __typename: 'CoverageItem', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
        | { __typename: 'Segment', id: string, taskingLineId: string, statusLabel: string, awaitingDecision: boolean, clearSkyRate: number | null, incidenceAngle: number | null, footprint: { type: 'Polygon'; coordinates: number[][][] } | null, acquisitionDate: string | null }
      > }
   | null };

export const SegmentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"catalogId"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<SegmentFieldsFragment, unknown>;
export const TaskingFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Tasking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrder"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"progTypeName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderedArea"}},{"kind":"Field","name":{"kind":"Name","value":"validatedArea"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"proposedSegmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalSegmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredAction"}}]}}]} as unknown as DocumentNode<TaskingFieldsFragment, unknown>;
export const ProgCapacityFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProgCapacityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProgCapacity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mission"}},{"kind":"Field","name":{"kind":"Name","value":"progTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"feasibility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classificationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"automationMode"}},{"kind":"Field","name":{"kind":"Name","value":"automationName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"satellite"}},{"kind":"Field","name":{"kind":"Name","value":"segmentKey"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"center"}},{"kind":"Field","name":{"kind":"Name","value":"orderDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionStart"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionEnd"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"extendedAngle"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"locator"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ProgCapacityFieldsFragment, unknown>;
export const OrderAttemptFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderAttemptFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderAttempt"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"productTypeId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"sendCount"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]} as unknown as DocumentNode<OrderAttemptFieldsFragment, unknown>;
export const UpstreamPauseFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpstreamPauseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamPause"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"api"}},{"kind":"Field","name":{"kind":"Name","value":"pausedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pausedForSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"waitingCalls"}},{"kind":"Field","name":{"kind":"Name","value":"callsInFlight"}}]}}]} as unknown as DocumentNode<UpstreamPauseFieldsFragment, unknown>;
export const LifecycleActionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LifecycleAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<LifecycleActionFieldsFragment, unknown>;
export const NeoOrderItemFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NeoOrderItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NeoOrderItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"quotationId"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"productType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"quotationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"validatedAreaPercent"}},{"kind":"Field","name":{"kind":"Name","value":"proposedCoverageCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCoverageCount"}},{"kind":"Field","name":{"kind":"Name","value":"feasibilityStudyResult"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverRate"}},{"kind":"Field","name":{"kind":"Name","value":"commitment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellationDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusChange"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<NeoOrderItemFieldsFragment, unknown>;
export const CoverageItemFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"baseToHeight"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<CoverageItemFieldsFragment, unknown>;
export const AcquisitionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AcquisitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Acquisition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingLineId"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"awaitingDecision"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<AcquisitionFieldsFragment, unknown>;
export const TaskingLineFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskingLineFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskingLine"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"backendSource"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"proposedAcquisitionCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalAcquisitionCount"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AcquisitionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AcquisitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Acquisition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingLineId"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"awaitingDecision"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<TaskingLineFieldsFragment, unknown>;
export const ContractsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Contracts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contracts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"creditRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"backendSource"}},{"kind":"Field","name":{"kind":"Name","value":"workspaceId"}}]}}]}}]} as unknown as DocumentNode<ContractsQuery, ContractsQueryVariables>;
export const MarketsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Markets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contracts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"markets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"secondaryMarkets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"deliveryTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]}}]} as unknown as DocumentNode<MarketsQuery, MarketsQueryVariables>;
export const ProductTypesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductTypes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productTypes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"sensor"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"minimumOrderAreaKm2"}}]}}]}}]} as unknown as DocumentNode<ProductTypesQuery, ProductTypesQueryVariables>;
export const ProductionOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductionOptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productTypeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"aoi"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GeoJSONPolygon"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productionOptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productTypeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productTypeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"aoi"},"value":{"kind":"Variable","name":{"kind":"Name","value":"aoi"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"mandatory"}},{"kind":"Field","name":{"kind":"Name","value":"condition"}},{"kind":"Field","name":{"kind":"Name","value":"defaultValue"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}}]}}]}}]} as unknown as DocumentNode<ProductionOptionsQuery, ProductionOptionsQueryVariables>;
export const FeasibilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Feasibility"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskingSearchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feasibility"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProgCapacityFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProgCapacityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProgCapacity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mission"}},{"kind":"Field","name":{"kind":"Name","value":"progTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"feasibility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classificationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"automationMode"}},{"kind":"Field","name":{"kind":"Name","value":"automationName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"satellite"}},{"kind":"Field","name":{"kind":"Name","value":"segmentKey"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"center"}},{"kind":"Field","name":{"kind":"Name","value":"orderDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionStart"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionEnd"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"extendedAngle"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"locator"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<FeasibilityQuery, FeasibilityQueryVariables>;
export const AttemptsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Attempts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskingSearchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProgCapacityFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProgCapacityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProgCapacity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mission"}},{"kind":"Field","name":{"kind":"Name","value":"progTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"feasibility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classificationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"automationMode"}},{"kind":"Field","name":{"kind":"Name","value":"automationName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"satellite"}},{"kind":"Field","name":{"kind":"Name","value":"segmentKey"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"center"}},{"kind":"Field","name":{"kind":"Name","value":"orderDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionStart"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionEnd"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"extendedAngle"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"locator"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AttemptsQuery, AttemptsQueryVariables>;
export const PriceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Price"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"discountPercentage"}},{"kind":"Field","name":{"kind":"Name","value":"discountValue"}},{"kind":"Field","name":{"kind":"Name","value":"productTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productTypeId"}},{"kind":"Field","name":{"kind":"Name","value":"areaKm2"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"price"}}]}}]}}]}}]} as unknown as DocumentNode<PriceQuery, PriceQueryVariables>;
export const CreateOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}}]}}]}}]} as unknown as DocumentNode<CreateOrderMutation, CreateOrderMutationVariables>;
export const TaskingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Taskings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerReference"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskingStatus"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerReference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerReference"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskingFields"}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SegmentFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Tasking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrder"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"progTypeName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderedArea"}},{"kind":"Field","name":{"kind":"Name","value":"validatedArea"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"proposedSegmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalSegmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredAction"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"catalogId"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<TaskingsQuery, TaskingsQueryVariables>;
export const TaskingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Tasking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskingFields"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SegmentFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Tasking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrder"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"progTypeName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderedArea"}},{"kind":"Field","name":{"kind":"Name","value":"validatedArea"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"proposedSegmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalSegmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredAction"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"catalogId"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<TaskingQuery, TaskingQueryVariables>;
export const AcceptSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"taskingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"segmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SegmentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"catalogId"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<AcceptSegmentMutation, AcceptSegmentMutationVariables>;
export const RefuseSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefuseSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refuseSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"taskingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"segmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SegmentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"catalogId"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<RefuseSegmentMutation, RefuseSegmentMutationVariables>;
export const ImageryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Imagery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"acquisitionDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cloudCover"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FloatRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"incidenceAngle"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FloatRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"intersecting"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"GeoJSONPolygon"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lastUpdateDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imagery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"acquisitionDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"acquisitionDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"cloudCover"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cloudCover"}}},{"kind":"Argument","name":{"kind":"Name","value":"incidenceAngle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"incidenceAngle"}}},{"kind":"Argument","name":{"kind":"Name","value":"intersecting"},"value":{"kind":"Variable","name":{"kind":"Name","value":"intersecting"}}},{"kind":"Argument","name":{"kind":"Name","value":"lastUpdateDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lastUpdateDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}},{"kind":"Field","name":{"kind":"Name","value":"cloudCover"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"quicklookUrl"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ImageryQuery, ImageryQueryVariables>;
export const OrderAttemptsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderAttempts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"states"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderAttemptState"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerReference"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderAttempts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"states"},"value":{"kind":"Variable","name":{"kind":"Name","value":"states"}}},{"kind":"Argument","name":{"kind":"Name","value":"customerReference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerReference"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderAttemptFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderAttemptFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderAttempt"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"productTypeId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"sendCount"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]} as unknown as DocumentNode<OrderAttemptsQuery, OrderAttemptsQueryVariables>;
export const OrderAttemptDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderAttempt"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderAttempt"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderAttemptFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderAttemptFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderAttempt"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"productTypeId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"sendCount"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]} as unknown as DocumentNode<OrderAttemptQuery, OrderAttemptQueryVariables>;
export const ApproveOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}}]}}]}}]} as unknown as DocumentNode<ApproveOrderMutation, ApproveOrderMutationVariables>;
export const RejectOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderAttemptFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderAttemptFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderAttempt"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"productTypeId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"sendCount"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]} as unknown as DocumentNode<RejectOrderMutation, RejectOrderMutationVariables>;
export const UpstreamPausesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UpstreamPauses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upstreamPauses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UpstreamPauseFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpstreamPauseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamPause"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"api"}},{"kind":"Field","name":{"kind":"Name","value":"pausedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pausedForSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"waitingCalls"}},{"kind":"Field","name":{"kind":"Name","value":"callsInFlight"}}]}}]} as unknown as DocumentNode<UpstreamPausesQuery, UpstreamPausesQueryVariables>;
export const ClearUpstreamPauseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClearUpstreamPause"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"api"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamApi"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearUpstreamPause"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"api"},"value":{"kind":"Variable","name":{"kind":"Name","value":"api"}}},{"kind":"Argument","name":{"kind":"Name","value":"credentialId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"credentialId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UpstreamPauseFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpstreamPauseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamPause"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"api"}},{"kind":"Field","name":{"kind":"Name","value":"pausedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pausedForSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"waitingCalls"}},{"kind":"Field","name":{"kind":"Name","value":"callsInFlight"}}]}}]} as unknown as DocumentNode<ClearUpstreamPauseMutation, ClearUpstreamPauseMutationVariables>;
export const DecisionQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DecisionQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mission"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Mission"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offers"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProgType"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endOfPeriod"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"hasProposedSegments"},"value":{"kind":"BooleanValue","value":true}},{"kind":"Argument","name":{"kind":"Name","value":"mission"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mission"}}},{"kind":"Argument","name":{"kind":"Name","value":"offers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offers"}}},{"kind":"Argument","name":{"kind":"Name","value":"endOfPeriod"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endOfPeriod"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"END_OF_PERIOD"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"ASC"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskingFields"}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SegmentFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Tasking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrder"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"progTypeName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderedArea"}},{"kind":"Field","name":{"kind":"Name","value":"validatedArea"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"proposedSegmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalSegmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredAction"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"catalogId"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<DecisionQueueQuery, DecisionQueueQueryVariables>;
export const CancelTaskingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelTasking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTasking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"taskingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleActionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LifecycleAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CancelTaskingMutation, CancelTaskingMutationVariables>;
export const RequestQuotationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestQuotation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestQuotation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"cancellationDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"orderItemIds"}},{"kind":"Field","name":{"kind":"Name","value":"exportUrl"}}]}}]}}]} as unknown as DocumentNode<RequestQuotationMutation, RequestQuotationMutationVariables>;
export const NeoOrderItemsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NeoOrderItems"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerReference"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NeoOrderItemStatus"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quotationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"neoOrderItems"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}},{"kind":"Argument","name":{"kind":"Name","value":"customerReference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerReference"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"quotationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quotationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NeoOrderItemFields"}},{"kind":"Field","name":{"kind":"Name","value":"coverageItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoverageItemFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NeoOrderItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NeoOrderItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"quotationId"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"productType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"quotationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"validatedAreaPercent"}},{"kind":"Field","name":{"kind":"Name","value":"proposedCoverageCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCoverageCount"}},{"kind":"Field","name":{"kind":"Name","value":"feasibilityStudyResult"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverRate"}},{"kind":"Field","name":{"kind":"Name","value":"commitment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellationDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusChange"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"baseToHeight"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<NeoOrderItemsQuery, NeoOrderItemsQueryVariables>;
export const NeoOrderItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NeoOrderItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"neoOrderItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NeoOrderItemFields"}},{"kind":"Field","name":{"kind":"Name","value":"coverageItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoverageItemFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NeoOrderItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NeoOrderItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"quotationId"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"productType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"quotationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"validatedAreaPercent"}},{"kind":"Field","name":{"kind":"Name","value":"proposedCoverageCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCoverageCount"}},{"kind":"Field","name":{"kind":"Name","value":"feasibilityStudyResult"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverRate"}},{"kind":"Field","name":{"kind":"Name","value":"commitment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellationDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusChange"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"baseToHeight"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<NeoOrderItemQuery, NeoOrderItemQueryVariables>;
export const AcceptQuotationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptQuotation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quotationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptQuotation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quotationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quotationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"salesOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}}]}}]}}]} as unknown as DocumentNode<AcceptQuotationMutation, AcceptQuotationMutationVariables>;
export const RefuseQuotationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefuseQuotation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quotationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refuseQuotation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quotationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quotationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleActionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LifecycleAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RefuseQuotationMutation, RefuseQuotationMutationVariables>;
export const CancelOrderItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelOrderItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelOrderItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleActionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LifecycleAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CancelOrderItemMutation, CancelOrderItemMutationVariables>;
export const StopOrderItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopOrderItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopOrderItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleActionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LifecycleAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<StopOrderItemMutation, StopOrderItemMutationVariables>;
export const AcceptCoverageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptCoverage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"coverageItemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptCoverage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"coverageItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"coverageItemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoverageItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"baseToHeight"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<AcceptCoverageMutation, AcceptCoverageMutationVariables>;
export const RefuseCoverageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefuseCoverage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"coverageItemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refuseCoverage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"coverageItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"coverageItemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoverageItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"baseToHeight"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}}]} as unknown as DocumentNode<RefuseCoverageMutation, RefuseCoverageMutationVariables>;
export const TaskingLinesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskingLines"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerReference"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskingLines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}},{"kind":"Argument","name":{"kind":"Name","value":"customerReference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerReference"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskingLineFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AcquisitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Acquisition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingLineId"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"awaitingDecision"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskingLineFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskingLine"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"backendSource"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"proposedAcquisitionCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalAcquisitionCount"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AcquisitionFields"}}]}}]}}]} as unknown as DocumentNode<TaskingLinesQuery, TaskingLinesQueryVariables>;
export const TaskingLineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskingLine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskingLine"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskingLineFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AcquisitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Acquisition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskingLineId"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"awaitingDecision"}},{"kind":"Field","name":{"kind":"Name","value":"clearSkyRate"}},{"kind":"Field","name":{"kind":"Name","value":"incidenceAngle"}},{"kind":"Field","name":{"kind":"Name","value":"footprint"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskingLineFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskingLine"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contractId"}},{"kind":"Field","name":{"kind":"Name","value":"backendSource"}},{"kind":"Field","name":{"kind":"Name","value":"customerReference"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"proposedAcquisitionCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalAcquisitionCount"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AcquisitionFields"}}]}}]}}]} as unknown as DocumentNode<TaskingLineQuery, TaskingLineQueryVariables>;