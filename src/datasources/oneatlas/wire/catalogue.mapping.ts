import { geojsonToWKT } from '@terraformer/wkt';
import type {
  AccountContract,
  Contract,
  DeliveryType,
  Image,
  ImageFileKind,
  ImageryFilter,
  Market,
  ProductionOption,
  ProductType,
  SecondaryMarket,
} from '../../../domain/catalogue.js';
import { DeliveryMethod } from '../../../domain/enums.js';
import { polygonFromWire } from './geometry.mapping.js';
import { dateRangeToWire, numberRangeToWire } from './interval.mapping.js';
import {
  checkedList,
  parsedField,
  requiredNumber,
  requiredString,
  WireShapeError,
  wireRecord,
} from './shape.js';
import type {
  WireContract,
  WireContractsResponse,
  WireDeliveryTypesResponse,
  WireImageFeature,
  WireMe,
  WireOpenSearchResponse,
  WireOptionsResponse,
  WireProductionOption,
  WireProductType,
  WireProductTypesResponse,
  WirePropertiesResponse,
} from './types.js';

/** `GET /contracts`, checked for what the mapping needs. */
export function contractsFromWire(answer: unknown): Contract[] {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'contracts', 'answer', (contract, where) => {
    for (const key of ['contractId', 'name', 'currency', 'backendSource'])
      requiredString(contract, key, where);
  });
  return (wire as unknown as WireContractsResponse).contracts.map(contractFromWire);
}

/**
 * `GET /me` of the data API: the API key's own contract and its workspace. The notes give
 * `contract{id, workspaceId, workspaceName}`; the guide says nothing more, so a workspace may be
 * absent or null (none known), but when present it must be a non-empty string, like the contract id.
 */
export function accountContractFromWire(answer: unknown): AccountContract {
  const contract = wireRecord(wireRecord(answer, 'answer').contract, 'answer.contract');
  if (requiredString(contract, 'id', 'answer.contract') === '') {
    throw new WireShapeError('answer.contract.id', 'a contract id');
  }
  for (const key of ['workspaceId', 'workspaceName']) {
    const value = contract[key];
    if (value !== undefined && value !== null && (typeof value !== 'string' || value === '')) {
      throw new WireShapeError(`answer.contract.${key}`, 'a non-empty string or null');
    }
  }
  const wire = (answer as WireMe).contract;
  return {
    contractId: wire.id,
    workspaceId: wire.workspaceId ?? null,
    workspaceName: wire.workspaceName ?? null,
  };
}

/**
 * `GET /{cis}/properties`: the contract's markets. A market needs an id; its label defaults to the
 * id, its secondary markets to none, and each secondary market may be a code or `{id, label}`.
 */
export function marketsFromWire(answer: unknown): Market[] {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'markets', 'answer', (market, where) => {
    nonEmptyString(market, 'id', where);
    optionalString(market, 'label', where);
    if (market.secondaryMarket === undefined || market.secondaryMarket === null) return;
    if (!Array.isArray(market.secondaryMarket)) {
      throw new WireShapeError(`${where}.secondaryMarket`, 'an array');
    }
    market.secondaryMarket.forEach((secondary: unknown, index) => {
      const path = `${where}.secondaryMarket[${index}]`;
      if (typeof secondary === 'string' && secondary !== '') return;
      const record = wireRecord(secondary, path);
      nonEmptyString(record, 'id', path);
      optionalString(record, 'label', path);
    });
  });
  return (wire as unknown as WirePropertiesResponse).markets.map((market) => ({
    id: market.id,
    label: market.label ?? market.id,
    secondaryMarkets: (market.secondaryMarket ?? []).map(
      (secondary): SecondaryMarket =>
        typeof secondary === 'string'
          ? { id: secondary, label: secondary }
          : { id: secondary.id, label: secondary.label ?? secondary.id },
    ),
  }));
}

const DELIVERY_METHODS: Record<string, DeliveryType['method']> = {
  network: DeliveryMethod.NETWORK,
  media: DeliveryMethod.MEDIA,
};

/** `GET /{cis}/deliveryTypes`: `network` or `MEDIA` (compared without case), any other kept as OTHER. */
export function deliveryTypesFromWire(answer: unknown): DeliveryType[] {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'deliveryTypes', 'answer', (deliveryType, where) => {
    nonEmptyString(deliveryType, 'deliveryTypeId', where);
    optionalString(deliveryType, 'label', where);
  });
  return (wire as unknown as WireDeliveryTypesResponse).deliveryTypes.map(({ deliveryTypeId, label }) => ({
    method: DELIVERY_METHODS[deliveryTypeId.toLowerCase()] ?? DeliveryMethod.OTHER,
    id: deliveryTypeId,
    label: label ?? deliveryTypeId,
  }));
}

function nonEmptyString(record: Record<string, unknown>, key: string, where: string): void {
  if (requiredString(record, key, where) === '')
    throw new WireShapeError(`${where}.${key}`, 'a non-empty string');
}

function optionalString(record: Record<string, unknown>, key: string, where: string): void {
  const value = record[key];
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new WireShapeError(`${where}.${key}`, 'a string');
  }
}

/** `GET /contracts/{cis}/productTypes`, checked for what the mapping needs. */
export function productTypesFromWire(answer: unknown): ProductType[] {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'productTypes', 'answer', (productType, where) => {
    requiredString(productType, 'productTypeId', where);
    requiredNumber(productType, 'minimumOrderAreaApplied', where);
    const product = wireRecord(productType.technicalProduct, `${where}.technicalProduct`);
    requiredString(product, 'label', `${where}.technicalProduct`);
    for (const part of ['source', 'sensor', 'target']) {
      const path = `${where}.technicalProduct.${part}`;
      requiredString(wireRecord(product[part], path), 'id', path);
    }
  });
  return (wire as unknown as WireProductTypesResponse).productTypes.map(productTypeFromWire);
}

/** `POST …/productTypes/{id}/options`, checked for what the mapping needs. */
export function productionOptionsFromWire(answer: unknown): ProductionOption[] {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'availableOptions', 'answer', (option, where) => {
    for (const key of ['name', 'label', 'category', 'type']) requiredString(option, key, where);
  });
  return (wire as unknown as WireOptionsResponse).availableOptions.map(productionOptionFromWire);
}

/** One page of `GET /opensearch` in `workspaceId`, checked for what the mapping needs. */
export function imagePageFromWire(
  answer: unknown,
  workspaceId: string,
): { items: Image[]; total: number | null } {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'features', 'answer', (feature, where) => {
    const properties = wireRecord(feature.properties, `${where}.properties`);
    if (typeof properties.id !== 'string' && typeof feature.id !== 'string') {
      requiredString(properties, 'id', `${where}.properties`);
    }
    if (typeof properties.acquisitionDate === 'string') {
      parsedField(
        `${where}.properties.acquisitionDate`,
        'a date',
        () => new Date(properties.acquisitionDate as string),
      );
    }
    const geometry = feature.geometry as WireImageFeature['geometry'] | undefined;
    if (geometry?.type === 'Polygon') {
      parsedField(`${where}.geometry`, 'a GeoJSON polygon', () => polygonFromWire(geometry));
    }
  });
  const page = wire as unknown as WireOpenSearchResponse;
  return {
    items: page.features.map((feature) => imageFromWire(feature, workspaceId)),
    total: typeof page.totalResults === 'number' ? page.totalResults : null,
  };
}

export function contractFromWire(wire: WireContract): Contract {
  return {
    id: wire.contractId,
    name: wire.name,
    customerId: wire.customerId ?? null,
    currency: wire.currency,
    creditRemaining: wire.creditRemaining ?? null,
    contractType: wire.contractType ?? null,
    backendSource: wire.backendSource,
    // Only Neo contracts carry their workspace; a SPOT/Pléiades one's comes from /me (notes §2.1).
    workspaceId: wire.delivery?.[0]?.deliveryWorkspace ?? null,
  };
}

export function productTypeFromWire(wire: WireProductType): ProductType {
  const product = wire.technicalProduct;
  return {
    id: wire.productTypeId,
    label: product.label,
    source: product.source.id,
    sensor: product.sensor.id,
    target: product.target.id,
    minimumOrderAreaKm2: wire.minimumOrderAreaApplied,
    descriptionUrl: wire.descriptionUrl ?? null,
  };
}

const MANDATORY: Record<WireProductionOption['mandatory'], ProductionOption['mandatory']> = {
  true: 'ALWAYS',
  false: 'NEVER',
  constraint: 'WHEN_CONDITION_HOLDS',
};

export function productionOptionFromWire(wire: WireProductionOption): ProductionOption {
  return {
    name: wire.name,
    label: wire.label,
    category: wire.category,
    type: wire.type,
    mandatory: MANDATORY[wire.mandatory] ?? 'NEVER',
    condition: wire.constraint?.condition ?? null,
    defaultValue:
      wire.defaultValue === undefined || wire.defaultValue === null ? null : String(wire.defaultValue),
    values: (wire.values ?? []).map((value) => ({
      id: value.id,
      label: value.label,
      condition: value.constraint?.condition ?? null,
    })),
    range: wire.range ?? null,
    hidden: wire.hidden ?? false,
  };
}

export function imageFromWire(wire: WireImageFeature, workspaceId: string): Image {
  const { properties } = wire;
  return {
    // One of the two is a string: `imagePageFromWire` checked.
    id: properties.id ?? (wire.id as string),
    workspaceId,
    footprint: wire.geometry?.type === 'Polygon' ? polygonFromWire(wire.geometry) : null,
    acquisitionDate: properties.acquisitionDate ? new Date(properties.acquisitionDate) : null,
    cloudCover: properties.cloudCover ?? null,
    incidenceAngle: properties.incidenceAngle ?? null,
    platform: properties.platform ?? null,
    properties,
    files: { quicklook: linkOf(wire, 'quicklook') !== null, download: linkOf(wire, 'download') !== null },
  };
}

/**
 * The opensearch criteria (notes §2.4; the search guide's `"cloudCover": "[0,30]"` and
 * `"relation": "intersects"` with a WKT `geometry`), spelt as the search API reads them.
 */
export function imageryFilterToQuery(filter: ImageryFilter): Record<string, string | undefined> {
  return {
    acquisitionDate: dateRangeToWire(filter.acquisitionDate),
    cloudCover: numberRangeToWire(filter.cloudCover),
    incidenceAngle: numberRangeToWire(filter.incidenceAngle),
    lastUpdateDate: dateRangeToWire(filter.lastUpdateDate),
    geometry: filter.intersecting === null ? undefined : geojsonToWKT(filter.intersecting),
    relation: filter.intersecting === null ? undefined : 'intersects',
  };
}

/**
 * Where the upstream serves one file of the image `imageId` in an opensearch answer, from the
 * feature's `_links` (`{href}`, or a list of them: the first); null when the answer does not hold
 * that image or the image has no such file. The URL never leaves the gateway.
 */
export function imageFileUrlFromWire(answer: unknown, imageId: string, kind: ImageFileKind): string | null {
  // Checked like any page: an answer of the wrong shape is the upstream's failure.
  imagePageFromWire(answer, '');
  const feature = (answer as WireOpenSearchResponse).features.find(
    (candidate) => (candidate.properties.id ?? candidate.id) === imageId,
  );
  return feature === undefined ? null : linkOf(feature, kind);
}

function linkOf(feature: WireImageFeature, name: ImageFileKind): string | null {
  const link = feature._links?.[name];
  const first = Array.isArray(link) ? link[0] : link;
  if (typeof first !== 'object' || first === null) return null;
  const { href } = first as { href?: unknown };
  return typeof href === 'string' && href !== '' ? href : null;
}
