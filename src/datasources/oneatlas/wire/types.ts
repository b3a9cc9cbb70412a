/**
 * The OneAtlas REST wire formats, as written in the Pléiades & SPOT tasking guide
 * (shared/reference/oneatlas-tasking-guide.txt) and the API notes beside it.
 *
 * These are types only. The gateway's datasources map them to domain types
 * (src/datasources/oneatlas/wire/*.mapping.ts) and the simulator produces and
 * validates them with its own, independent code: sharing the shapes keeps both
 * honest about field names, while a mapping bug in one cannot agree with itself.
 */

/** GeoJSON polygon as the upstream takes it; positions may carry a third (altitude) value. */
export interface WirePolygon {
  type: 'Polygon';
  coordinates: number[][][];
}

export type WireMission = 'PLEIADES' | 'SPOT' | 'PLEIADESNEO';
export type WireProgType = 'ONEPLAN' | 'ONEDAY' | 'ONENOW' | 'ONESERIES' | 'ONENOWATTEMPTS' | 'ONENOWWEATHER';
export type WireAcquisitionMode = 'MONO' | 'STEREO' | 'TRISTEREO';

// ---------------------------------------------------------------- auth

export interface WireTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_expires_in: number;
  token_type: 'Bearer';
  'not-before-policy'?: number;
  session_state?: string;
  scope?: string;
}

/** Error shape of the token endpoint (400/403/500). */
export interface WireTokenError {
  correlationId: string;
  hint: string;
  internalCode: string;
  message: string;
  timestamp: number;
}

// ---------------------------------------------------------------- errors

/** 400/404 of the order API. */
export interface WireErrorCodeMessage {
  errorCode: string;
  message: string;
}
/** 500 of the order API. */
export interface WireErrorCode {
  code: string;
  message?: string;
}
/** Attempts "no sensor available" and per-progType errors. */
export interface WireErrorItem {
  code: string;
  locator: string;
  message?: string;
}
export interface WireErrorList {
  errors: WireErrorItem[];
}
/** 401 on an unknown or expired token. */
export interface WireAuthFailure {
  message: string;
}

// ---------------------------------------------------------------- feasibility & attempts

export interface WireTaskingSearchRequest {
  progTypeNames: WireProgType[];
  missions?: WireMission[];
  mission?: WireMission;
  contractId: string;
  acquisitionDate: { startDate: string; endDate?: string | null };
  optical?: {
    acquisitionMode?: WireAcquisitionMode;
    maxCloudCover?: number;
    maxIncidenceAngle?: number;
  };
  aoi: WirePolygon;
}

export interface WireFeasibility {
  classification: 'EASY' | 'CHALLENGING';
  automation: 'AUTOMATIC' | 'MANUAL';
  automationName?: string | null;
}

export interface WireAttemptSegment {
  /** The satellite, e.g. "PHR1". */
  id: string;
  footprint: { geometry: string; center: string };
  instrumentMode?: string;
  orderDeadline: string;
  extendedAngle?: boolean;
  acquisitionStartDate: string;
  acquisitionEndDate: string;
  incidenceAngle: number;
  acrossTrackIncidenceAngle?: number;
  segmentKey: string;
}

export interface WireProgTypeCapacity {
  name: WireProgType;
  mission: WireMission;
  available: boolean;
  feasibility?: WireFeasibility;
  expirationDate?: string;
  segments?: WireAttemptSegment[];
  errors?: WireErrorItem[];
}

export interface WireProgCapacities {
  progCapacities: { mission: WireMission; progTypes: WireProgTypeCapacity[] }[];
}

// ---------------------------------------------------------------- prices & orders

export interface WireKeyValue {
  key: string;
  value: string | number | boolean | null;
}

export interface WireOrderAoi {
  id: number;
  name?: string;
  geometry: WirePolygon;
}

/** A legacy item's notification, as in the guide's order sample (step 6). */
export interface WireLegacyNotification {
  name?: string;
  channels: { type: 'email'; parameters: { addresses: string[] } }[];
  filter: { events: string[] };
}

/** Neo's events (notes §2.4); BEFORE_TASKING_END takes a `daysBeforeEnd`, WEATHER_PREDICTION is ONEDAY only. */
export type WireNeoNotificationEvent =
  | 'NEW_ACQUISITION'
  | 'NEW_ACQUISITIONS'
  | 'BEFORE_TASKING_END'
  | 'ACQUISITION_CAMPAIGN'
  | 'WEATHER_PREDICTION';

/** A Neo item's notification (notes §2.4): recipients in `addressee{to,cc}`. */
export interface WireNeoNotification {
  channels: { type: 'email'; addressee: { to: string[]; cc?: string[] } }[];
  filter: { events: WireNeoNotificationEvent[] };
}

export interface WireOrderItem {
  productTypeId: string;
  aoiId: number;
  segmentKey?: string;
  dataSourceIds?: { catalogId: string; catalogItemId: string }[];
  properties: WireKeyValue[];
  comments?: string;
  /** Legacy and Neo name recipients and events differently. */
  notifications?: WireLegacyNotification[] | WireNeoNotification[];
  holdback?: boolean;
}

export interface WireOrderRequest {
  aoi: WireOrderAoi[];
  contractId: string;
  items: WireOrderItem[];
  customerReference: string;
  primaryMarket?: string | null;
  secondaryMarket?: string | null;
  programReference?: string | null;
  optionsPerProductType?: { productTypeId: string; licence?: string; options: WireKeyValue[] }[];
  endUsers?: { endUserName?: string; country: string }[];
  notificationEmails?: string[];
  /** `type`: a `deliveryTypeId` of the contract's (`network`, `MEDIA`), verbatim. */
  delivery?: { type: string; workspace?: string };
}

export interface WirePriceProductType {
  productTypeId: string;
  amount: number;
  areaKm2: number;
  price: number;
  discountPercentage: number;
  discountValue: number;
  minimumOrderAreaApplied?: number;
  items?: { datastripIds: string[] }[];
  voucherCode?: string | null;
}

export interface WirePriceResponse {
  contractId: string;
  currency: string;
  totalAmount: number;
  discountPercentage: number;
  discountValue: number;
  productTypes: WirePriceProductType[];
}

export interface WireOrderResponse {
  salesOrderId: string;
  currency: string;
  totalAmount: number;
  discountPercentage: number;
  discountValue: number;
}

// ---------------------------------------------------------------- catalogue

export interface WireContract {
  contractId: string;
  customerId?: string;
  name: string;
  creditRemaining?: string;
  currency: string;
  language?: string;
  contractType?: string;
  backendSource: 'legacy' | 'neo';
  delivery?: { deliveryPlatformId: string; deliveryWorkspace: string }[];
}
export interface WireContractsResponse {
  contracts: WireContract[];
}

/**
 * The data API's `GET /api/v1/me` (notes §2.1): the API key's user and its own contract. The guide
 * is silent on details; this is the shape the notes give, and the only fields the gateway reads.
 */
export interface WireMe {
  id?: string;
  roles?: string[];
  contract: {
    id: string;
    offers?: string[];
    balance?: number;
    workspaceId?: string | null;
    workspaceName?: string | null;
  };
  permissions?: string[];
}

/**
 * `GET /api/v1/{cis}/properties` (notes §2.1; some guides write `/contracts/{cis}/properties`): the
 * markets an order may name as `primaryMarket` and, per market, its `secondaryMarket` values. The
 * guide shows no secondary market, so each may be a code or a `{id, label}`.
 */
export interface WireMarket {
  id: string;
  label?: string;
  secondaryMarket?: (string | { id: string; label?: string })[];
}
export interface WirePropertiesResponse {
  markets: WireMarket[];
}

/** `GET /api/v1/{cis}/deliveryTypes` (notes §2.1): how imagery may be delivered, `network` or `MEDIA`. */
export interface WireDeliveryType {
  deliveryTypeId: string;
  label?: string;
}
export interface WireDeliveryTypesResponse {
  deliveryTypes: WireDeliveryType[];
}

export interface WireProductType {
  productTypeId: string;
  technicalProduct: {
    id: string;
    label: string;
    source: { id: 'tasking' | 'archive' };
    sensor: { id: string };
    target: { id: string };
  };
  minimumOrderAreaApplied: number;
  descriptionUrl?: string;
}
export interface WireProductTypesResponse {
  productTypes: WireProductType[];
}

export interface WireProductionOption {
  category: string;
  name: string;
  label: string;
  type: 'list' | 'double';
  mandatory: 'true' | 'false' | 'constraint';
  defaultValue?: string | number | null;
  values?: { id: string; label: string; constraint?: { condition: string } }[];
  range?: { min: number; max: number };
  constraint?: { condition: string };
  hidden?: boolean;
  property?: string;
}
export interface WireOptionsRequest {
  aoi: { polygonId: number; geometry: WirePolygon }[];
}
export interface WireOptionsResponse {
  availableOptions: WireProductionOption[];
}

// ---------------------------------------------------------------- tracking

export interface WireTaskingIcr {
  id: string;
  aoi: WirePolygon;
  progTypeName: string;
  /** Human-readable: "Feasibility study in progress", "In Progress", "Paused", "Canceled", "Completed". */
  status: string;
  nbProposedSegments: number;
  nbTotalSegments: number;
  period: { startDate: string; endDate: string };
  seriesInformation?: unknown;
  customerRef: string;
  taskingProgress: { orderedArea: number; validatedArea: number };
  /** Space-joined "start end" pairs, comma-separated when several. */
  attempts?: string | null;
}

export interface WireTasking {
  sal: string;
  so: string;
  icr: WireTaskingIcr;
}

export interface WireTaskingsResponse {
  taskings: WireTasking[];
  /** Paging totals; the guide shows none, the platform specs add them. */
  totalResults?: number;
  startPage?: number;
  count?: number;
}

export interface WireSegment {
  id: string;
  /** "Proposed", "Validated", "Refused", … */
  status: string;
  asDetail1: {
    catalogId: string;
    footprint: WirePolygon;
    incidenceAngle: number;
    clearSkyRate: number;
    acquisitionDate: string;
  };
}
export interface WireSegmentsResponse {
  segments: WireSegment[];
}

// ---------------------------------------------------------------- search (delivered imagery)

export interface WireImageFeature {
  type: 'Feature';
  id?: string;
  geometry: WirePolygon;
  properties: {
    id: string;
    acquisitionDate: string;
    cloudCover?: number;
    incidenceAngle?: number;
    platform?: string;
    [key: string]: unknown;
  };
  _links?: Record<string, unknown>;
}

export interface WireOpenSearchResponse {
  type: 'FeatureCollection';
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  features: WireImageFeature[];
}
