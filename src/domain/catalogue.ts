import type { DeliveryMethod } from './enums.js';
import type { Polygon } from './geo.js';
import type { DateRange, NumberRange } from './ranges.js';

export interface Contract {
  id: string;
  name: string;
  customerId: string | null;
  currency: string;
  /** The upstream sends it as a string; kept verbatim to avoid rounding money. */
  creditRemaining: string | null;
  contractType: string | null;
  backendSource: string;
  workspaceId: string | null;
}

/** A market an order names as `primaryMarket` (mandatory upstream), with its secondary markets. */
export interface Market {
  id: string;
  label: string;
  secondaryMarkets: SecondaryMarket[];
}

export interface SecondaryMarket {
  id: string;
  label: string;
}

/** One way a contract's imagery can be delivered. */
export interface DeliveryType {
  method: DeliveryMethod;
  /** The upstream's `deliveryTypeId`, verbatim (`network`, `MEDIA`). */
  id: string;
  label: string;
}

export interface ProductType {
  id: string;
  label: string;
  source: string;
  sensor: string;
  target: string;
  minimumOrderAreaKm2: number;
  descriptionUrl: string | null;
}

export interface ProductionOptionValue {
  id: string;
  label: string;
  condition: string | null;
}

export interface ProductionOption {
  name: string;
  label: string;
  category: string;
  type: string;
  /** "true", "false" or "constraint" upstream: here required only when `condition` holds. */
  mandatory: 'ALWAYS' | 'NEVER' | 'WHEN_CONDITION_HOLDS';
  condition: string | null;
  defaultValue: string | null;
  values: ProductionOptionValue[];
  range: { min: number; max: number } | null;
  hidden: boolean;
}

export interface Image {
  id: string;
  /** The workspace it was found in. */
  workspaceId: string;
  footprint: Polygon | null;
  acquisitionDate: Date | null;
  cloudCover: number | null;
  incidenceAngle: number | null;
  platform: string | null;
  properties: Record<string, unknown>;
  /** Whether the upstream offers a quicklook and a download of it (their URLs stay in the gateway). */
  files: { quicklook: boolean; download: boolean };
}

/** The files of a delivered image a client can fetch through the gateway. */
export type ImageFileKind = 'quicklook' | 'download';

/** The search criteria of delivered imagery (notes §2.4); each one narrows the result. */
export interface ImageryFilter {
  acquisitionDate: DateRange | null;
  /** Percent. */
  cloudCover: NumberRange | null;
  /** Degrees. */
  incidenceAngle: NumberRange | null;
  /** Images whose footprint intersects this area. */
  intersecting: Polygon | null;
  /** Images added or changed in this range, for harvesting a workspace incrementally. */
  lastUpdateDate: DateRange | null;
}

export const ALL_IMAGES: ImageryFilter = {
  acquisitionDate: null,
  cloudCover: null,
  incidenceAngle: null,
  intersecting: null,
  lastUpdateDate: null,
};

export interface ProductionOptionsQuery {
  contractId: string;
  productTypeId: string;
  /** The order's AOIs: per-AOI options (`dem_2`) come once per AOI, suffixed with its id. */
  aois: readonly { id: number; geometry: Polygon }[];
}

/** A slice of an upstream list, with the upstream's total when it gives one. */
export interface Page<T> {
  items: T[];
  totalCount: number | null;
  hasNextPage: boolean;
}

/** What OneAtlas' `/me` says of the API key's own contract (notes §2.1). */
export interface AccountContract {
  contractId: string;
  /** Where that contract's imagery is delivered; null when `/me` names none. */
  workspaceId: string | null;
  workspaceName: string | null;
}

/**
 * Where a contract's imagery is delivered. A Neo contract names its workspace (`delivery[]` in the
 * contract list); a SPOT/Pléiades one does not, and its workspace is the one `/me` gives for the
 * API key's own contract (notes §2.1). Any other contract's is unknown: null, never another
 * contract's workspace.
 */
export function workspaceOfContract(
  contract: Pick<Contract, 'id' | 'workspaceId'>,
  account: AccountContract | null,
): string | null {
  if (contract.workspaceId !== null) return contract.workspaceId;
  return account !== null && account.contractId === contract.id ? account.workspaceId : null;
}
