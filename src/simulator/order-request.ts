/**
 * The shared body of POST /prices, POST /orders and Neo's POST /quotations (guide steps 4 and 6,
 * notes §2.3), checked as the upstream would. Accepted as the guide's samples stand: 3D positions,
 * numbers as strings, `acqPeriods`, `orderDeadLine`, `holdback`, `licence` inside
 * optionsPerProductType, unknown keys ignored; an order's notifications in its back end's shape.
 */
import type {
  WireAcquisitionMode,
  WireKeyValue,
  WireOrderRequest,
  WirePolygon,
  WireProductionOption,
} from '../datasources/oneatlas/wire/types.js';
import {
  DELIVERY_TYPES,
  findProductType,
  MARKETS,
  type ProductTypeDefinition,
  productionOptions,
} from './catalog.js';
import { parsePolygon, passFootprintWkt } from './geometry.js';
import { checkNotifications } from './notifications.js';
import {
  acquisitionMode,
  acquisitionPeriod,
  contractFromBody,
  isoDateTime,
  isRecord,
  numberInRange,
  numberish,
  refuseEndedPeriod,
  type TimeWindow,
} from './request-parsing.js';
import { type SegmentKeyContent, verifySegmentKey } from './segment-key.js';
import type { ContractRecord } from './state.js';
import { badRequest } from './upstream-error.js';

/** notes §2.3: "At most 5 AOI/item pairs per order": 5 AOIs, 5 items. */
const MAX_ITEMS = 5;

export interface ItemProperties {
  acquisitionMode: WireAcquisitionMode;
  maxCloudCover: number | null;
  maxIncidenceAngle: number | null;
  acqPeriod: TimeWindow | null;
  /** The guide's OneNow sample: the passes to try, in turn (`acqPeriods`). */
  acqPeriods: TimeWindow[];
  /** The guide's OneNow sample: the chosen pass's deadline (`orderDeadLine`), ms. */
  orderDeadline: number | null;
  feasibilityAutomation: 'AUTOMATIC' | 'MANUAL' | null;
}

export interface OrderLine {
  productType: ProductTypeDefinition;
  aoiId: number;
  aoi: WirePolygon;
  properties: ItemProperties;
  /** The pass chosen in /attempts, for single-pass products (OneDay/OneNow). */
  segment: SegmentKeyContent | null;
  /** guide: STEREO/TRISTEREO "requires manual feasibility", as does a MANUAL feasibility result. */
  requiresManualFeasibility: boolean;
}

export interface ParsedOrderRequest {
  contract: ContractRecord;
  customerReference: string | null;
  lines: OrderLine[];
}

function keyValueList(value: unknown, name: string): Map<string, WireKeyValue['value']> {
  if (value === undefined) return new Map();
  if (!Array.isArray(value)) throw badRequest(`${name} must be an array of {key, value}.`);
  return new Map(
    value.map((entry: unknown) => {
      if (!isRecord(entry) || typeof entry.key !== 'string')
        throw badRequest(`${name} must be an array of {key, value}.`);
      const entryValue = entry.value;
      const scalar =
        entryValue === null || ['string', 'number', 'boolean'].includes(typeof entryValue)
          ? (entryValue as WireKeyValue['value'])
          : JSON.stringify(entryValue);
      return [entry.key, scalar] as const;
    }),
  );
}

function enumProperty<T extends string>(value: unknown, allowed: readonly T[], name: string): T | null {
  if (value === undefined || value === null) return null;
  const known = allowed.find((candidate) => candidate === value);
  if (known === undefined)
    throw badRequest(`${name} must be one of ${allowed.join(', ')}.`, 'INVALID_PROPERTY');
  return known;
}

/** Checks `acquisitionModeMinBH`/`MaxBH`: strings "0.2"–"0.8", required for STEREO/TRISTEREO, min ≤ max. */
function checkBaseToHeight(
  properties: Map<string, unknown>,
  mode: WireAcquisitionMode,
  productTypeId: string,
): void {
  const minimum = properties.get('acquisitionModeMinBH');
  const maximum = properties.get('acquisitionModeMaxBH');
  if (mode !== 'MONO') {
    if (!productTypeId.endsWith('OnePlan')) {
      throw badRequest(`${mode} is available for OnePlan only, not ${productTypeId}.`, 'INVALID_PROPERTY');
    }
    if (minimum === undefined || maximum === undefined) {
      throw badRequest(`${mode} requires acquisitionModeMinBH and acquisitionModeMaxBH.`, 'INVALID_PROPERTY');
    }
  }
  const minBH = minimum === undefined ? null : numberInRange(minimum, 'acquisitionModeMinBH', 0.2, 0.8);
  const maxBH = maximum === undefined ? null : numberInRange(maximum, 'acquisitionModeMaxBH', 0.2, 0.8);
  if (minBH !== null && maxBH !== null && minBH > maxBH) {
    throw badRequest('acquisitionModeMinBH must not exceed acquisitionModeMaxBH.', 'INVALID_PROPERTY');
  }
}

function parseProperties(value: unknown, productType: ProductTypeDefinition): ItemProperties {
  const properties = keyValueList(value, 'items[].properties');
  const mode =
    properties.get('acquisitionMode') === undefined
      ? 'MONO'
      : acquisitionMode(properties.get('acquisitionMode'), 'acquisitionMode');
  checkBaseToHeight(properties, mode, productType.productTypeId);
  const optionalRange = (key: string, max: number) => {
    const raw = properties.get(key);
    return raw === undefined || raw === null ? null : numberInRange(raw, key, 0, max);
  };
  optionalRange('notificationThreshold', 100);
  // notes §2.3: the examples misspell the key as `acqPeiod`; the upstream takes both.
  const rawPeriod = properties.get('acqPeriod') ?? properties.get('acqPeiod');
  const rawPeriods = properties.get('acqPeriods');
  const acqPeriods =
    rawPeriods === undefined || rawPeriods === null
      ? []
      : String(rawPeriods)
          .split(',')
          .map((pair) => acquisitionPeriod(pair, 'acqPeriods'));
  const rawDeadline = properties.get('orderDeadLine');
  const extendedAngle = properties.get('extendedAngle');
  if (
    extendedAngle !== undefined &&
    ![true, false, 'true', 'false'].includes(extendedAngle as string | boolean)
  ) {
    throw badRequest('extendedAngle must be true or false.', 'INVALID_PROPERTY');
  }
  enumProperty(properties.get('classification'), ['EASY', 'CHALLENGING'], 'classification');
  return {
    acquisitionMode: mode,
    maxCloudCover: optionalRange('maxCloudCover', 100),
    maxIncidenceAngle: optionalRange('maxIncidenceAngle', 90),
    acqPeriod:
      rawPeriod === undefined || rawPeriod === null ? null : acquisitionPeriod(rawPeriod, 'acqPeriod'),
    acqPeriods,
    orderDeadline:
      rawDeadline === undefined || rawDeadline === null ? null : isoDateTime(rawDeadline, 'orderDeadLine'),
    feasibilityAutomation: enumProperty(
      properties.get('feasibilityAutomation'),
      ['AUTOMATIC', 'MANUAL'],
      'feasibilityAutomation',
    ),
  };
}

/** Evaluates the options mini-DSL `option:(v1|v2)` against the chosen values. */
function conditionHolds(condition: string, chosen: (name: string) => string | undefined): boolean {
  const match = /^(\w+):\((.*)\)$/.exec(condition.trim());
  if (match === null) return false;
  const [, optionName = '', alternatives = ''] = match;
  const value = chosen(optionName);
  return value !== undefined && alternatives.split('|').includes(value);
}

/**
 * The guide: "you have to add all the <key,value> categories mandatories from the options endpoint".
 * Per-AOI options (`projection_1`) may also be sent without their suffix (the guide sends `dem`).
 */
function checkOptions(
  options: Map<string, WireKeyValue['value']>,
  productTypeId: string,
  aois: OrderLine[],
): void {
  const catalogue = productionOptions(aois.map((line) => ({ polygonId: line.aoiId, geometry: line.aoi })));
  const chosen = (name: string): string | undefined => {
    const value = options.get(name) ?? options.get(name.replace(/_\d+$/, ''));
    return value === undefined || value === null ? undefined : String(value);
  };
  const check = (option: WireProductionOption): void => {
    const value = chosen(option.name);
    const required =
      option.mandatory === 'true' ||
      (option.mandatory === 'constraint' &&
        option.constraint !== undefined &&
        conditionHolds(option.constraint.condition, chosen));
    if (value === undefined) {
      if (required)
        throw badRequest(`Option '${option.name}' is mandatory for ${productTypeId}.`, 'INVALID_OPTION');
      return;
    }
    if (option.type === 'double') {
      numberInRange(
        value,
        option.name,
        option.range?.min ?? Number.NEGATIVE_INFINITY,
        option.range?.max ?? Number.POSITIVE_INFINITY,
      );
      return;
    }
    const allowed = option.values?.find((candidate) => candidate.id === value);
    if (allowed === undefined) {
      const ids = option.values?.map((candidate) => candidate.id).join(', ');
      throw badRequest(
        `Option '${option.name}' of ${productTypeId} must be one of ${ids}, got '${value}'.`,
        'INVALID_OPTION',
      );
    }
    if (allowed.constraint !== undefined && !conditionHolds(allowed.constraint.condition, chosen)) {
      throw badRequest(
        `Option '${option.name}'='${value}' requires ${allowed.constraint.condition} for ${productTypeId}.`,
        'INVALID_OPTION',
      );
    }
  };
  catalogue.forEach(check);
}

function parseAois(value: unknown): Map<number, WirePolygon> {
  if (!Array.isArray(value) || value.length === 0)
    throw badRequest('aoi must be a non-empty array of {id, name, geometry}.');
  if (value.length > MAX_ITEMS) throw badRequest(`At most ${MAX_ITEMS} AOIs per order.`);
  const aois = new Map<number, WirePolygon>();
  value.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) throw badRequest(`aoi[${index}] must be an object.`);
    const id = numberish(entry.id);
    if (id === undefined || !Number.isInteger(id)) throw badRequest(`aoi[${index}].id must be an integer.`);
    if (aois.has(id)) throw badRequest(`aoi id ${id} is used twice.`);
    aois.set(id, parsePolygon(entry.geometry, `aoi[${index}].geometry`));
  });
  return aois;
}

function parseSegmentKey(
  value: unknown,
  productType: ProductTypeDefinition,
  aoi: WirePolygon,
  secret: string,
): SegmentKeyContent | null {
  const singlePass = productType.progType !== 'ONEPLAN' && productType.progType !== 'ONESERIES';
  if (value === undefined || value === null || value === '') {
    if (singlePass) {
      throw badRequest(
        `${productType.productTypeId} needs the segmentKey of a pass from /attempts.`,
        'INVALID_SEGMENT_KEY',
      );
    }
    return null;
  }
  if (typeof value !== 'string') throw badRequest('segmentKey must be a string.', 'INVALID_SEGMENT_KEY');
  const segment = verifySegmentKey(secret, value);
  if (segment.mission !== productType.mission) {
    throw badRequest(
      `The segmentKey is a ${segment.mission} pass, not one for ${productType.productTypeId}.`,
      'INVALID_SEGMENT_KEY',
    );
  }
  // The pass was computed for an AOI: its footprint says which, and a key is not another AOI's to use.
  if (segment.geometryWkt !== passFootprintWkt(aoi)) {
    throw badRequest(
      'The segmentKey was computed for another AOI: ask /attempts for this AOI and use one of its segmentKeys.',
      'INVALID_SEGMENT_KEY',
    );
  }
  return segment;
}

/**
 * What the body is for: a price, or an order (a legacy order, a Neo quotation). The guide's own
 * SpotTaskingOnePlan price sample names no market, so only an order must (notes §2.1).
 */
export type OrderRequestUse = 'price' | 'order';

export function parseOrderRequest(
  body: unknown,
  contracts: readonly ContractRecord[],
  secret: string,
  use: OrderRequestUse,
  nowMs: number,
): ParsedOrderRequest {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.', 'MALFORMED_BODY');
  const request = body as Partial<Record<keyof WireOrderRequest, unknown>>;
  const contract = contractFromBody(contracts, request.contractId);
  const aois = parseAois(request.aoi);
  if (!Array.isArray(request.items) || request.items.length === 0)
    throw badRequest('items must be a non-empty array.');
  if (request.items.length > MAX_ITEMS) throw badRequest(`At most ${MAX_ITEMS} items per order.`);
  const lines = request.items.map((item: unknown, index): OrderLine => {
    if (!isRecord(item)) throw badRequest(`items[${index}] must be an object.`);
    const productTypeId = String(item.productTypeId);
    const productType = findProductType(productTypeId);
    if (productType === undefined || !contract.productTypeIds.includes(productTypeId)) {
      throw badRequest(
        `Unknown productTypeId '${productTypeId}' for contract '${contract.wire.contractId}'.`,
        'PRODUCT_TYPE_NOT_FOUND',
      );
    }
    const aoiId = numberish(item.aoiId);
    const aoi = aoiId === undefined ? undefined : aois.get(aoiId);
    if (aoiId === undefined || aoi === undefined)
      throw badRequest(`items[${index}].aoiId matches no aoi[].id.`);
    const properties = parseProperties(item.properties, productType);
    // A price notifies nobody, so only an order's (or a quotation's) notifications are read.
    if (use === 'order')
      checkNotifications(item.notifications, contract.wire.backendSource, productType, index);
    if (productType.progType === 'ONEPLAN' || productType.progType === 'ONESERIES') {
      if (properties.acqPeriod === null)
        throw badRequest(`${productTypeId} needs an acqPeriod property.`, 'INVALID_PROPERTY');
    }
    if (properties.acqPeriod !== null) refuseEndedPeriod('acqPeriod', properties.acqPeriod.endMs, nowMs);
    for (const period of properties.acqPeriods) refuseEndedPeriod('acqPeriods', period.endMs, nowMs);
    return {
      productType,
      aoiId,
      aoi,
      properties,
      segment: parseSegmentKey(item.segmentKey, productType, aoi, secret),
      requiresManualFeasibility:
        properties.acquisitionMode !== 'MONO' || properties.feasibilityAutomation === 'MANUAL',
    };
  });
  checkAllOptions(request.optionsPerProductType, lines);
  checkMarkets(request.primaryMarket, request.secondaryMarket, use);
  checkDelivery(request.delivery, contract);
  const customerReference = request.customerReference;
  if (
    customerReference !== undefined &&
    customerReference !== null &&
    typeof customerReference !== 'string'
  ) {
    throw badRequest('customerReference must be a string.');
  }
  return { contract, customerReference: customerReference ?? null, lines };
}

function checkAllOptions(value: unknown, lines: OrderLine[]): void {
  if (value !== undefined && !Array.isArray(value))
    throw badRequest('optionsPerProductType must be an array.');
  const entries: unknown[] = value ?? [];
  for (const productTypeId of new Set(lines.map((line) => line.productType.productTypeId))) {
    const entry = entries.find(
      (candidate) => isRecord(candidate) && candidate.productTypeId === productTypeId,
    );
    const options = keyValueList(
      isRecord(entry) ? entry.options : undefined,
      'optionsPerProductType[].options',
    );
    checkOptions(
      options,
      productTypeId,
      lines.filter((line) => line.productType.productTypeId === productTypeId),
    );
  }
}

/**
 * notes §2.1: "A market is mandatory (`primaryMarket`)": an order names one of the contract's
 * markets (a price may name none, as the guide's sample does, but not an unknown one), and a
 * `secondaryMarket`, when given, one of that market's.
 */
function checkMarkets(primary: unknown, secondary: unknown, use: OrderRequestUse): void {
  const ids = MARKETS.map((market) => market.id);
  if (primary === undefined || primary === null || primary === '') {
    if (use === 'price') return;
    throw badRequest(`primaryMarket is mandatory: one of ${ids.join(', ')}.`, 'INVALID_MARKET');
  }
  const market = MARKETS.find((candidate) => candidate.id === primary);
  if (market === undefined) {
    throw badRequest(
      `Unknown primaryMarket '${String(primary)}': one of ${ids.join(', ')}.`,
      'INVALID_MARKET',
    );
  }
  if (secondary === undefined || secondary === null || secondary === '') return;
  const secondaryIds = (market.secondaryMarket ?? []).map((entry) =>
    typeof entry === 'string' ? entry : entry.id,
  );
  if (!secondaryIds.includes(String(secondary))) {
    throw badRequest(
      `Unknown secondaryMarket '${String(secondary)}' for ${market.id}: ${secondaryIds.join(', ') || 'it has none'}.`,
      'INVALID_MARKET',
    );
  }
}

/**
 * `delivery.type` is one of the contract's `deliveryTypes` ids, verbatim; notes §2.5: a workspace the
 * contract cannot deliver to is `E2203 Unable to access workspace …`.
 */
function checkDelivery(value: unknown, contract: ContractRecord): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) throw badRequest('delivery must be an object.');
  const ids = DELIVERY_TYPES.map((type) => type.deliveryTypeId);
  if (!ids.some((id) => id === value.type)) {
    throw badRequest(
      `Unknown delivery.type '${String(value.type)}' for contract '${contract.wire.contractId}': one of ${ids.join(', ')}.`,
      'INVALID_DELIVERY_TYPE',
    );
  }
  if (value.workspace !== undefined && value.workspace !== contract.workspaceId) {
    throw badRequest(`Unable to access workspace '${String(value.workspace)}'.`, 'E2203');
  }
}
