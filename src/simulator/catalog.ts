/**
 * What the simulated Airbus sells: missions, their programming types, satellites, product types with
 * their per-km² prices and minimum invoiced areas, and the production options. Values marked "guide"
 * come from the tasking guide or the API notes; the others are plausible inventions, documented in
 * the README section, chosen so the guide's sample responses come out to the cent.
 */
import type {
  WireDeliveryType,
  WireMarket,
  WireMission,
  WirePolygon,
  WireProductionOption,
  WireProductType,
  WireProgType,
} from '../datasources/oneatlas/wire/types.js';

/** guide: "For Pléiades Neo: ONEPLAN, ONEDAY, ONENOWATTEMPTS, ONENOWWEATHER; for SPOT & Pléiades: ONEPLAN, ONEDAY, ONENOW, ONESERIES". */
export const PROG_TYPES_BY_MISSION: Record<WireMission, readonly WireProgType[]> = {
  PLEIADES: ['ONEPLAN', 'ONEDAY', 'ONENOW', 'ONESERIES'],
  SPOT: ['ONEPLAN', 'ONEDAY', 'ONENOW', 'ONESERIES'],
  PLEIADESNEO: ['ONEPLAN', 'ONEDAY', 'ONENOWATTEMPTS', 'ONENOWWEATHER'],
};

/**
 * The markets every seeded contract offers (`GET /{cis}/properties`). guide: the samples send
 * `"primaryMarket": "NQUAL"` and a null `secondaryMarket`; the other markets are plausible inventions.
 */
export const MARKETS: readonly WireMarket[] = [
  { id: 'NQUAL', label: 'Not qualified', secondaryMarket: [] },
  {
    id: 'AGRI',
    label: 'Agriculture',
    secondaryMarket: [
      { id: 'CROP', label: 'Crop monitoring' },
      { id: 'FOREST', label: 'Forestry' },
    ],
  },
  {
    id: 'DEFENCE',
    label: 'Defence and security',
    secondaryMarket: [{ id: 'INTEL', label: 'Intelligence' }],
  },
  { id: 'ENERGY', label: 'Energy and utilities', secondaryMarket: [] },
];

/** notes §2.1: `deliveryTypes[]{deliveryTypeId: network|MEDIA, label}`. */
export const DELIVERY_TYPES: readonly WireDeliveryType[] = [
  { deliveryTypeId: 'network', label: 'Network delivery to the OneAtlas workspace' },
  { deliveryTypeId: 'MEDIA', label: 'Physical media' },
];

export const ALL_MISSIONS: readonly WireMission[] = ['PLEIADES', 'SPOT', 'PLEIADESNEO'];
export const ALL_PROG_TYPES: readonly WireProgType[] = [
  'ONEPLAN',
  'ONEDAY',
  'ONENOW',
  'ONESERIES',
  'ONENOWATTEMPTS',
  'ONENOWWEATHER',
];

/** The guide: attempts exist "only for ONEDAY and ONENOW" (ONENOWATTEMPTS being Neo's ONENOW). */
export const PROG_TYPES_WITH_ATTEMPTS: readonly WireProgType[] = ['ONEDAY', 'ONENOW', 'ONENOWATTEMPTS'];

/** The two satellites of each constellation; passes alternate between them. */
export const SATELLITES_BY_MISSION: Record<WireMission, readonly [string, string]> = {
  PLEIADES: ['PHR1A', 'PHR1B'],
  SPOT: ['SPOT6', 'SPOT7'],
  PLEIADESNEO: ['PNEO3', 'PNEO4'],
};

export const INSTRUMENT_MODE_BY_MISSION: Record<WireMission, string> = {
  PLEIADES: 'THR',
  SPOT: 'HR',
  PLEIADESNEO: 'VHR',
};

/**
 * notes §5: ONEDAY / ONENOW AOI limits per sensor: area in km², height (north–south) and width
 * (east–west) in km. The notes give Pléiades a 25 km² minimum, but the guide's own ERR_MIN_AOI_AREA
 * sample for a Pléiades ONEDAY says "24.5", and the guide wins.
 */
export const SINGLE_PASS_AOI_LIMITS: Record<
  WireMission,
  { minKm2: number; maxKm2: number; maxHeightKm: number; maxWidthKm: number }
> = {
  PLEIADESNEO: { minKm2: 24.5, maxKm2: 400, maxHeightKm: 30, maxWidthKm: 13 },
  PLEIADES: { minKm2: 24.5, maxKm2: 800, maxHeightKm: 40, maxWidthKm: 18.9 },
  SPOT: { minKm2: 100, maxKm2: 7200, maxHeightKm: 120, maxWidthKm: 50 },
};

/**
 * guide step 6: "For OneDay offer, notificationThreshold and maxCloudCover will not be considered and
 * forced to 100%": a OneDay acquisition is never judged on its clouds. OneNow is not named: it is.
 */
export function ignoresCloudCover(progType: WireProgType): boolean {
  return progType === 'ONEDAY';
}

/** The upstream's label of a programming type inside a tasking (`icr.progTypeName`), e.g. "OneDay". */
export type TaskingProgTypeLabel =
  | 'OneDay'
  | 'OnePlan'
  | 'OneNow'
  | 'OneSeries'
  | 'OneNowAttempts'
  | 'OneNowWeather';

export interface ProductTypeDefinition {
  productTypeId: string;
  mission: WireMission;
  progType: WireProgType;
  progTypeLabel: TaskingProgTypeLabel;
  label: string;
  /** guide: "Minimum invoiced area: 100 km² for tasking (SPOT 500)". */
  minimumOrderAreaKm2: number;
  pricePerKm2: number;
}

const PROG_TYPE_LABELS: Record<WireProgType, TaskingProgTypeLabel> = {
  ONEDAY: 'OneDay',
  ONEPLAN: 'OnePlan',
  ONENOW: 'OneNow',
  ONESERIES: 'OneSeries',
  ONENOWATTEMPTS: 'OneNowAttempts',
  ONENOWWEATHER: 'OneNowWeather',
};

const MISSION_LABELS: Record<WireMission, string> = {
  PLEIADES: 'Pléiades',
  SPOT: 'SPOT',
  PLEIADESNEO: 'Pléiades Neo',
};

function taskingProduct(
  productTypeId: string,
  mission: WireMission,
  progType: WireProgType,
  pricePerKm2: number,
): ProductTypeDefinition {
  const progTypeLabel = PROG_TYPE_LABELS[progType];
  return {
    productTypeId,
    mission,
    progType,
    progTypeLabel,
    label: `${MISSION_LABELS[mission]} Tasking ${progTypeLabel}`,
    minimumOrderAreaKm2: mission === 'SPOT' ? 500 : 100,
    pricePerKm2,
  };
}

/**
 * EUR per km² before the contract discount. Guide-derived: PleiadesTaskingOneDay 56 (7392 EUR for
 * 132 km²), SpotTaskingOnePlan 6.9 (3450 EUR for 500 km²), PleiadesTaskingOneNow 66 (the order
 * sample's 20790 EUR for its 315 km² AOI). The rest are inventions in the same proportions.
 */
export const PRODUCT_TYPES: readonly ProductTypeDefinition[] = [
  taskingProduct('PleiadesTaskingOneDay', 'PLEIADES', 'ONEDAY', 56),
  taskingProduct('PleiadesTaskingOnePlan', 'PLEIADES', 'ONEPLAN', 36),
  taskingProduct('PleiadesTaskingOneNow', 'PLEIADES', 'ONENOW', 66),
  taskingProduct('PleiadesTaskingOneSeries', 'PLEIADES', 'ONESERIES', 40),
  taskingProduct('SpotTaskingOneDay', 'SPOT', 'ONEDAY', 9.5),
  taskingProduct('SpotTaskingOnePlan', 'SPOT', 'ONEPLAN', 6.9),
  taskingProduct('SpotTaskingOneNow', 'SPOT', 'ONENOW', 11.5),
  taskingProduct('SpotTaskingOneSeries', 'SPOT', 'ONESERIES', 7.5),
  taskingProduct('PleiadesNeoOneDay', 'PLEIADESNEO', 'ONEDAY', 72),
  taskingProduct('PleiadesNeoOnePlan', 'PLEIADESNEO', 'ONEPLAN', 48),
  taskingProduct('PleiadesNeoOneNowAttempts', 'PLEIADESNEO', 'ONENOWATTEMPTS', 80),
  taskingProduct('PleiadesNeoOneNowWeather', 'PLEIADESNEO', 'ONENOWWEATHER', 76),
];

export function findProductType(productTypeId: string): ProductTypeDefinition | undefined {
  return PRODUCT_TYPES.find((definition) => definition.productTypeId === productTypeId);
}

export function toWireProductType(definition: ProductTypeDefinition): WireProductType {
  return {
    productTypeId: definition.productTypeId,
    technicalProduct: {
      id: definition.productTypeId,
      label: definition.label,
      source: { id: 'tasking' },
      sensor: { id: definition.mission },
      target: { id: definition.progType.toLowerCase() },
    },
    minimumOrderAreaApplied: definition.minimumOrderAreaKm2,
  };
}

/** The WGS84/UTM zone EPSG code of a polygon's first vertex, offered as its local projection. */
function utmEpsgCode(polygon: WirePolygon): string {
  const [longitude = 0, latitude = 0] = polygon.coordinates[0]?.[0] ?? [];
  const zone = Math.min(60, Math.floor((longitude + 180) / 6) + 1);
  return String((latitude >= 0 ? 32600 : 32700) + zone);
}

function listOption(
  name: string,
  label: string,
  mandatory: WireProductionOption['mandatory'],
  values: WireProductionOption['values'],
  extra: Partial<WireProductionOption> = {},
): WireProductionOption {
  return {
    category: 'production_option',
    name,
    label,
    type: 'list',
    mandatory,
    values,
    hidden: false,
    ...extra,
  };
}

/**
 * The production options of every tasking product, as `/options` lists them: one copy of the per-AOI
 * options (`dem_N`, `projection_N`, N being the polygonId) for each AOI. notes §2.1: conditions use
 * the `option:(v1|v2)` mini-DSL; "constraint" mandatory means "required when the condition holds".
 */
export function productionOptions(
  aois: readonly { polygonId: number; geometry: WirePolygon }[],
): WireProductionOption[] {
  const perAoi = aois.flatMap(({ polygonId, geometry }) => [
    listOption(
      `dem_${polygonId}`,
      `DEM (AOI ${polygonId})`,
      'constraint',
      [
        { id: 'best_available', label: 'Best available' },
        { id: 'srtm90', label: 'SRTM 90 m' },
      ],
      { defaultValue: 'best_available', constraint: { condition: 'processing_level:(ortho)' } },
    ),
    listOption(
      `projection_${polygonId}`,
      `Projection (AOI ${polygonId})`,
      'constraint',
      [
        { id: '4326', label: 'WGS 84' },
        { id: '3857', label: 'WGS 84 / Pseudo-Mercator' },
        { id: utmEpsgCode(geometry), label: 'WGS 84 / UTM (local zone)' },
      ],
      { defaultValue: '4326', constraint: { condition: 'processing_level:(ortho|projected)' } },
    ),
  ]);
  return [
    listOption(
      'processing_level',
      'Processing level',
      'true',
      [
        { id: 'primary', label: 'Primary' },
        { id: 'projected', label: 'Projected' },
        { id: 'ortho', label: 'Ortho' },
      ],
      { defaultValue: 'ortho' },
    ),
    listOption(
      'spectral_processing',
      'Spectral bands combination',
      'true',
      [
        { id: 'panchromatic', label: 'Panchromatic' },
        { id: 'multispectral', label: 'Multispectral' },
        { id: 'pansharpened_natural_color', label: 'Pansharpened natural color' },
        { id: 'pansharpened_false_color', label: 'Pansharpened false color' },
        { id: 'bundle', label: 'Bundle' },
        { id: 'full_bundle', label: 'Full bundle' },
      ],
      { defaultValue: 'bundle' },
    ),
    listOption(
      'radiometric_processing',
      'Radiometric processing',
      'true',
      [
        { id: 'basic', label: 'Basic' },
        { id: 'reflectance', label: 'Reflectance' },
        { id: 'display', label: 'Display' },
      ],
      { defaultValue: 'display' },
    ),
    listOption(
      'pixel_coding',
      'Pixel coding',
      'true',
      [
        { id: '8bits', label: '8 bits', constraint: { condition: 'radiometric_processing:(basic|display)' } },
        { id: '12bits', label: '12 bits' },
      ],
      { defaultValue: '12bits' },
    ),
    listOption(
      'image_format',
      'Image format',
      'true',
      [
        { id: 'dimap_jpeg2000_regular', label: 'DIMAP JPEG 2000' },
        { id: 'dimap_geotiff', label: 'DIMAP GeoTIFF' },
      ],
      { defaultValue: 'dimap_geotiff' },
    ),
    listOption(
      'licence',
      'Licence',
      'true',
      [
        { id: 'standard', label: 'Standard' },
        { id: 'eula_5', label: 'Standard, up to 5 users' },
      ],
      { defaultValue: 'standard' },
    ),
    listOption('priority', 'Priority', 'false', [
      { id: 'standard', label: 'Standard' },
      { id: 'rush', label: 'Rush' },
    ]),
    listOption('delivery_method', 'Delivery method', 'false', [{ id: 'on_the_flow', label: 'On the flow' }]),
    {
      category: 'production_option',
      name: 'elevation',
      label: 'Mean elevation (m)',
      type: 'double',
      mandatory: 'false',
      range: { min: -100, max: 10000 },
      hidden: true,
    },
    ...perAoi,
  ];
}
