import type { Contract, Image, ProductionOption, ProductType } from '../../../domain/catalogue.js';
import { polygonFromWire } from './geometry.mapping.js';
import type { WireContract, WireImageFeature, WireProductionOption, WireProductType } from './types.js';

export function contractFromWire(wire: WireContract): Contract {
  return {
    id: wire.contractId,
    name: wire.name,
    customerId: wire.customerId ?? null,
    currency: wire.currency,
    creditRemaining: wire.creditRemaining ?? null,
    contractType: wire.contractType ?? null,
    backendSource: wire.backendSource,
    workspaceId: wire.workspaceId ?? wire.delivery?.[0]?.deliveryWorkspace ?? null,
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

export function imageFromWire(wire: WireImageFeature): Image {
  const { properties } = wire;
  return {
    id: properties.id ?? wire.id,
    footprint: wire.geometry?.type === 'Polygon' ? polygonFromWire(wire.geometry) : null,
    acquisitionDate: properties.acquisitionDate ? new Date(properties.acquisitionDate) : null,
    cloudCover: properties.cloudCover ?? null,
    incidenceAngle: properties.incidenceAngle ?? null,
    platform: properties.platform ?? null,
    properties,
  };
}
