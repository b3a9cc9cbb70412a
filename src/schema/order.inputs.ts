import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { enumValueOf } from '../domain/enums.js';
import type { Polygon } from '../domain/geo.js';
import { InputProblems } from '../domain/input-problems.js';
import {
  aoisOf,
  type KeyValue,
  MAX_AOIS,
  type OrderDraft,
  type OrderRequest,
  offerOfProductType,
} from '../domain/order.js';
import { badUserInput, collectProblems, refuseIfAny } from '../errors.js';
import { KeyValueInput, TimeWindowInput } from './common.types.js';
import {
  AcquisitionMode,
  DeliveryMethod,
  FeasibilityAutomation,
  FeasibilityClassification,
} from './enums.js';
import { DateTimeScalar, EmailAddressScalar, GeoJSONPolygonScalar } from './scalars/index.js';
import {
  AOI_IDS,
  boundedList,
  checkedAoiList,
  checkedText,
  contractIdOrDefault,
  INPUT_LIMITS,
  inRange,
  LIST_LIMITS,
  optionalCheckedText,
  orderedWindow,
} from './validation.js';

/** The upstream's documented bounds for base/height ratios of STEREO and TRISTEREO. */
export const MIN_BH = 0.2;
export const MAX_BH = 0.8;

@InputType({
  description: 'The result of `feasibility`, copied into the order so the upstream can check it.',
})
export class FeasibilityInput {
  @Field(() => FeasibilityClassification, {
    nullable: true,
    description:
      'From `Feasibility.classificationLevel`. Required unless the deprecated `classification` is given.',
  })
  classificationLevel?: FeasibilityClassification | null;

  @Field(() => FeasibilityAutomation, {
    nullable: true,
    description: 'From `Feasibility.automationMode`. Required unless the deprecated `automation` is given.',
  })
  automationMode?: FeasibilityAutomation | null;

  @Field(() => String, {
    nullable: true,
    description: 'EASY or CHALLENGING, as text (from `Feasibility.classification`).',
    deprecationReason: 'Use `classificationLevel`, typed.',
  })
  classification?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'AUTOMATIC or MANUAL, as text (from `Feasibility.automation`).',
    deprecationReason: 'Use `automationMode`, typed.',
  })
  automation?: string | null;

  @Field(() => String, { nullable: true, description: 'From `Feasibility.automationName`.' })
  automationName?: string | null;
}

@InputType({ description: 'Base/height ratios for STEREO and TRISTEREO (0.2–0.8, min ≤ max).' })
export class StereoInput {
  @Field(() => Float, { description: 'Minimum B/H ratio. Suggested: 0.4 (stereo), 0.2 (tristereo).' })
  minBH!: number;

  @Field(() => Float, { description: 'Maximum B/H ratio. Suggested: 0.7 (stereo), 0.35 (tristereo).' })
  maxBH!: number;
}

@InputType({ description: 'Who will use the imagery (export-control information).' })
export class EndUserInput {
  @Field(() => String, { nullable: true, description: 'End-user name (upstream `endUserName`).' })
  name?: string | null;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code, e.g. FR.' })
  country!: string;
}

@InputType({
  description: `One AOI of an order with several (at most ${MAX_AOIS}, Airbus' limit; Airbus recommends one AOI per order). Each AOI is one item of the order, of the order's product and properties, priced on its own area.`,
})
export class OrderAoiInput {
  @Field(() => Int, {
    description: `The AOI's id (${AOI_IDS.min}–${AOI_IDS.max}, one per AOI): its item names it, and its per-AOI production options end with it (\`dem_2\`, \`projection_2\`; an unsuffixed \`dem\` stands for every AOI's).`,
  })
  id!: number;

  @Field(() => String, {
    nullable: true,
    description: 'A name for the AOI; defaults to the customer reference followed by the id.',
  })
  name?: string | null;

  @Field(() => GeoJSONPolygonScalar, { description: 'The area.' })
  geometry!: Polygon;

  @Field(() => String, {
    nullable: true,
    description:
      "OneDay/OneNow: this AOI's pass, from `attempts` asked for this AOI (Attempt.segmentKey): a pass belongs to the AOI it was computed for.",
  })
  segmentKey?: string | null;
}

@InputType({
  description: 'One tasking order. The same input is priced (`price`) and ordered (`createOrder`).',
})
export class OrderInput {
  @Field(() => ID, { nullable: true, description: 'CIS contract id; defaults to the configured contract.' })
  contractId?: string | null;

  @Field(() => String, {
    description: 'Upstream product type, e.g. PleiadesTaskingOneDay (see `productTypes`).',
  })
  productTypeId!: string;

  @Field(() => GeoJSONPolygonScalar, {
    nullable: true,
    description: 'Area of interest (AOI id 1). Required unless `aois` gives several.',
  })
  aoi?: Polygon | null;

  @Field(() => [OrderAoiInput], {
    nullable: true,
    description: `Several AOIs instead of \`aoi\` (at most ${MAX_AOIS}), each its own item; \`aoiName\` and \`segmentKey\` then go on each AOI.`,
  })
  aois?: OrderAoiInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'A name for the AOI; defaults to the customer reference.',
  })
  aoiName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The chosen pass, from `Attempt.segmentKey` (ONEDAY/ONENOW).',
  })
  segmentKey?: string | null;

  @Field(() => AcquisitionMode, {
    nullable: true,
    description: 'Acquisition mode; STEREO/TRISTEREO need `stereo`.',
  })
  acquisitionMode?: AcquisitionMode | null;

  @Field(() => TimeWindowInput, {
    nullable: true,
    description: 'Acquisition period; both ends required. Sent upstream as `acqPeriod` "start end".',
  })
  window?: TimeWindowInput | null;

  @Field(() => [TimeWindowInput], {
    nullable: true,
    description: `OneNow only: the passes to try, from \`attempts\` (each chosen Attempt's acquisitionStartDate and acquisitionEndDate; both ends required, at most ${LIST_LIMITS.acquisitionPeriods}). Sent as the guide's \`acqPeriods\` property ("start end,start end"): Airbus tries them in turn until one acquisition succeeds.`,
  })
  acquisitionPeriods?: TimeWindowInput[] | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "OneDay/OneNow: the chosen pass's `Attempt.orderDeadline`, sent as the guide's `orderDeadLine` property. An order past it is refused before anything is sent (`price` too: the pass can no longer be ordered).",
  })
  orderDeadline?: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Maximum cloud cover for automatic validation, % (0–100). Not for OneDay: Airbus ignores it there and forces 100 % (the pass chosen in `attempts` carries its own).',
  })
  maxCloudCover?: number | null;

  @Field(() => Float, { nullable: true, description: 'Maximum incidence angle, degrees (0–90).' })
  maxIncidenceAngle?: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Cloud cover up to which acquisitions are proposed to you, % (0–100); Airbus advises = maxCloudCover. Not for OneDay: Airbus ignores it there and forces 100 %.',
  })
  notificationThreshold?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Allow an extended incidence angle.' })
  extendedAngle?: boolean | null;

  @Field(() => FeasibilityInput, { nullable: true, description: 'The feasibility result (ONEPLAN).' })
  feasibility?: FeasibilityInput | null;

  @Field(() => StereoInput, {
    nullable: true,
    description: 'B/H ratios; required for STEREO and TRISTEREO only.',
  })
  stereo?: StereoInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Free comments for Airbus, sent as the item's `comments` property (and as the item's own `comments` unless `itemComments` is given).",
  })
  comments?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The item's own `comments`, when they differ from the `comments` property (the guide's OneDay sample sends two texts); defaults to `comments`.",
  })
  itemComments?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The item's `holdback` flag, as the guide's tristereo sample sends it (false there); left out, Airbus' default applies. The guide does not say more of it: ask Airbus what it means for your contract.",
  })
  holdback?: boolean | null;

  @Field(() => String, {
    description:
      'Your unique reference for this order: the key for tracking (`taskings(customerReference:)`) and billing. Airbus wants one per order: `createOrder` refuses a reference whose order (under another idempotency key) is placed, held or may be placed (IDEMPOTENCY_CONFLICT on `input.customerReference`).',
  })
  customerReference!: string;

  @Field(() => String, {
    nullable: true,
    description:
      '`createOrder` only (ignored by `price`): the key that makes ordering idempotent; defaults to `customerReference`. Calling again with the same key and input answers the first outcome and never places a second order; the same key with another input is refused (IDEMPOTENCY_CONFLICT) while the first order is placed or may be.',
  })
  idempotencyKey?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Market code, one of `Contract.markets` (e.g. NQUAL). Required by OneAtlas on an order: `createOrder` and `requestQuotation` without it, or any operation with another, are refused before anything is sent (BAD_USER_INPUT listing the allowed ids). `price` may leave it out, as the guide does.',
  })
  primaryMarket?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Secondary market code, one of the primary market's `secondaryMarkets`.",
  })
  secondaryMarket?: string | null;

  @Field(() => String, { nullable: true, description: 'Programme reference.' })
  programReference?: string | null;

  @Field(() => [KeyValueInput], {
    nullable: true,
    description:
      'Production options from `productionOptions`, e.g. processing_level=ortho, projection_1=4326.',
  })
  options?: KeyValueInput[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Workspace for network delivery: the contract's own (`Contract.workspaceId`), else refused (BAD_USER_INPUT). Defaults to it; none when the contract's is unknown.",
  })
  workspaceId?: string | null;

  @Field(() => DeliveryMethod, {
    nullable: true,
    description:
      "How the imagery is delivered: one of the contract's `Contract.deliveryTypes` methods, sent as its upstream id (`delivery.type`). Another is refused before anything is sent (BAD_USER_INPUT listing the allowed methods). Left out: NETWORK, into the workspace.",
  })
  deliveryMethod?: DeliveryMethod | null;

  @Field(() => [EmailAddressScalar], {
    nullable: true,
    description: 'Addresses notified when an acquisition arrives.',
  })
  notifyEmails?: string[] | null;

  @Field(() => [EndUserInput], { nullable: true, description: 'End users of the imagery.' })
  endUsers?: EndUserInput[] | null;

  @Field(() => [KeyValueInput], {
    nullable: true,
    description:
      'Further item properties passed upstream as they stand, for upstream keys this schema does not model.',
  })
  extraProperties?: KeyValueInput[] | null;
}

/**
 * Item property keys that the typed fields above (or the chosen pass's `segmentKey`) own, in every
 * spelling the guide and the API notes use: an extra property may not override them.
 */
const TYPED_PROPERTY_KEYS = [
  'acquisitionMode',
  'classification',
  'feasibilityAutomation',
  'feasibilityAutomationName',
  'notificationThreshold',
  'maxCloudCover',
  'maxIncidenceAngle',
  'acqPeriod',
  // The notes: "Examples misspell the key as `acqPeiod`".
  'acqPeiod',
  // The guide's OneNow sample: `acquisitionPeriods` and `orderDeadline` below.
  'acqPeriods',
  'orderDeadLine',
  'extendedAngle',
  'acquisitionModeMinBH',
  'acquisitionModeMaxBH',
  'comments',
  // Inside the guide's segmentKey: it belongs to the pass, not to the client.
  'geometryWkt',
];

/** Keys compare without case and underscores, so `ACQ_PERIOD` cannot stand in for `acqPeriod`. */
const comparableKey = (key: string): string => key.toLowerCase().replaceAll('_', '');
const TYPED_PROPERTY_KEYS_COMPARABLE = new Set(TYPED_PROPERTY_KEYS.map(comparableKey));

export interface OrderDefaults {
  contractId: string;
}

/**
 * The order input, checked: every problem of every field is recorded in the draft's problems, none
 * ends the check early (a field with a problem holds a stand-in value), so that the checks before the
 * upstream can add theirs and the client learns them all at once. Only a contract id that cannot be
 * read ends it here, with what was found: without it, the caller's right to the contract cannot be
 * judged, so nothing further is.
 */
export function orderDraftOf(input: OrderInput, defaults: OrderDefaults): OrderDraft {
  const problems = new InputProblems();
  const take = <T>(check: () => T, standIn: T): T => {
    const value = collectProblems(problems, check);
    return value === undefined ? standIn : value;
  };
  const list = <T, U>(
    field: string,
    values: readonly T[] | null | undefined,
    max: number,
    each: (value: T, index: number) => U,
  ): U[] =>
    take(() => boundedList(field, values, max), [])
      .map((value, index) => collectProblems(problems, () => each(value, index)))
      .filter((value): value is U => value !== undefined);
  const contractId = take(
    () => contractIdOrDefault(input.contractId, defaults.contractId, 'input.contractId'),
    defaults.contractId,
  );
  const request: OrderRequest = {
    contractId,
    productTypeId: take(
      () => checkedText('input.productTypeId', input.productTypeId, INPUT_LIMITS.productTypeId),
      '',
    ),
    aoi: input.aoi ?? input.aois?.[0]?.geometry ?? NO_AOI,
    aoiName: take(() => optionalCheckedText('input.aoiName', input.aoiName, INPUT_LIMITS.aoiName), null),
    segmentKey: take(
      () => optionalCheckedText('input.segmentKey', input.segmentKey, INPUT_LIMITS.segmentKey),
      null,
    ),
    acquisitionMode: input.acquisitionMode ?? null,
    window: take(() => orderWindow('input.window', input.window), null),
    maxCloudCover: take(() => inRange('input.maxCloudCover', input.maxCloudCover, 0, 100), null),
    maxIncidenceAngle: take(() => inRange('input.maxIncidenceAngle', input.maxIncidenceAngle, 0, 90), null),
    notificationThreshold: take(
      () => inRange('input.notificationThreshold', input.notificationThreshold, 0, 100),
      null,
    ),
    extendedAngle: input.extendedAngle ?? null,
    feasibility: take(() => (input.feasibility ? feasibilityOf(input.feasibility) : null), null),
    stereo: take(() => stereoRatios(input.acquisitionMode ?? null, input.stereo ?? null), null),
    comments: take(() => optionalCheckedText('input.comments', input.comments, INPUT_LIMITS.comments), null),
    itemComments: take(
      () => optionalCheckedText('input.itemComments', input.itemComments, INPUT_LIMITS.comments),
      null,
    ),
    customerReference: take(
      () => checkedText('input.customerReference', input.customerReference, INPUT_LIMITS.customerReference),
      '',
    ),
    primaryMarket: take(
      () => optionalCheckedText('input.primaryMarket', input.primaryMarket, INPUT_LIMITS.market),
      null,
    ),
    secondaryMarket: take(
      () => optionalCheckedText('input.secondaryMarket', input.secondaryMarket, INPUT_LIMITS.market),
      null,
    ),
    programReference: take(
      () =>
        optionalCheckedText('input.programReference', input.programReference, INPUT_LIMITS.programReference),
      null,
    ),
    options: list('input.options', input.options, LIST_LIMITS.options, (option, index) => ({
      key: checkedText(`input.options[${index}].key`, option.key, INPUT_LIMITS.optionKey),
      value: checkedText(`input.options[${index}].value`, option.value, INPUT_LIMITS.optionValue),
    })),
    // The client's choice alone: the contract's own is read, and the choice checked, before sending.
    workspaceId: take(
      () => optionalCheckedText('input.workspaceId', input.workspaceId, INPUT_LIMITS.workspaceId),
      null,
    ),
    notifyEmails: list('input.notifyEmails', input.notifyEmails, LIST_LIMITS.notifyEmails, (email, index) =>
      checkedText(`input.notifyEmails[${index}]`, email, INPUT_LIMITS.email),
    ),
    endUsers: list('input.endUsers', input.endUsers, LIST_LIMITS.endUsers, (endUser, index) => ({
      name: optionalCheckedText(`input.endUsers[${index}].name`, endUser.name, INPUT_LIMITS.endUserName),
      country: countryCode(`input.endUsers[${index}].country`, endUser.country),
    })),
    extraProperties: list(
      'input.extraProperties',
      input.extraProperties,
      LIST_LIMITS.extraProperties,
      extraProperty,
    ),
  };
  severalAois(input, request, problems);
  requireWhenOf(request, problems);
  passOptions(input, request, problems);
  // Absent unless chosen, like the pass options: orders without it keep their fingerprints.
  if (input.deliveryMethod != null) request.deliveryMethod = input.deliveryMethod;
  if (problems.has('input.contractId')) refuseIfAny(problems);
  return { request, problems };
}

function extraProperty(property: KeyValueInput, index: number): KeyValue {
  const field = `input.extraProperties[${index}]`;
  const key = checkedText(`${field}.key`, property.key, INPUT_LIMITS.extraPropertyKey);
  if (TYPED_PROPERTY_KEYS_COMPARABLE.has(comparableKey(key))) {
    throw badUserInput(
      `${field}.key`,
      `"${key}" has its own field in OrderInput, or comes with segmentKey; use that`,
    );
  }
  return { key, value: checkedText(`${field}.value`, property.value, INPUT_LIMITS.extraPropertyValue) };
}

/**
 * One feasibility value, given typed (`typedField`) or as the deprecated text (`textField`): one of
 * them is required, and both must agree when both are given.
 */
function typedOrText(
  typedField: string,
  typed: string | null | undefined,
  textField: string,
  text: string | null | undefined,
): string {
  const written = optionalCheckedText(`input.feasibility.${textField}`, text, INPUT_LIMITS.feasibilityValue);
  if (typed == null && written === null) {
    throw badUserInput(`input.feasibility.${typedField}`, 'is required (or the deprecated text field)');
  }
  if (typed != null && written !== null && written !== typed) {
    throw badUserInput(`input.feasibility.${textField}`, `must agree with ${typedField} when both are given`);
  }
  return typed ?? written ?? '';
}

function feasibilityOf(input: FeasibilityInput): OrderRequest['feasibility'] {
  const classification = typedOrText(
    'classificationLevel',
    input.classificationLevel,
    'classification',
    input.classification,
  );
  const automation = typedOrText('automationMode', input.automationMode, 'automation', input.automation);
  return {
    classification,
    automation,
    classificationLevel: enumValueOf(FeasibilityClassification, classification),
    automationMode: enumValueOf(FeasibilityAutomation, automation),
    automationName: optionalCheckedText(
      'input.feasibility.automationName',
      input.automationName,
      INPUT_LIMITS.automationName,
    ),
  };
}

/** The client's idempotency key, if any (see `INPUT_LIMITS.idempotencyKey`). */
export function idempotencyKeyOf(input: OrderInput): string | null {
  return optionalCheckedText('input.idempotencyKey', input.idempotencyKey, INPUT_LIMITS.idempotencyKey);
}

/**
 * When to acquire, as the product's offer needs it (guide steps 3 and 4): OnePlan and OneSeries carry
 * their acquisition period (`window`), OneDay and OneNow the pass chosen in `attempts` (`segmentKey`).
 * Without it the upstream refuses the price or the order; here nothing is sent.
 */
function requireWhenOf(request: OrderRequest, problems: InputProblems): void {
  const { productTypeId, window } = request;
  const offer = offerOfProductType(productTypeId);
  if ((offer === 'ONEPLAN' || offer === 'ONESERIES') && window === null && !problems.has('input.window')) {
    problems.add({
      field: 'input.window',
      message: `is required for ${productTypeId}: its acquisition period`,
    });
  }
  if (offer !== 'ONEDAY' && offer !== 'ONENOW') return;
  aoisOf(request).forEach((aoi, index) => {
    const field = request.aois === undefined ? 'input.segmentKey' : `input.aois[${index}].segmentKey`;
    if (aoi.segmentKey === null && !problems.has(field)) {
      problems.add({
        field,
        message: `is required for ${productTypeId}: the chosen pass, from \`attempts\` (Attempt.segmentKey)`,
      });
    }
  });
}

/** Stands in for a missing AOI, whose absence is a problem: never judged or sent. */
const NO_AOI: Polygon = { type: 'Polygon', coordinates: [] };

/**
 * An order's several AOIs (`aois`), checked: their list (`checkedAoiList`), each name and pass within
 * its bounds; the order's own `aoi`, `aoiName` and `segmentKey` then stay unset.
 * Without `aois` the order has its one `aoi`, required.
 */
function severalAois(input: OrderInput, request: OrderRequest, problems: InputProblems): void {
  if (input.aois == null) {
    if (input.aoi == null) problems.add({ field: 'input.aoi', message: 'is required (or give `aois`)' });
    return;
  }
  for (const [field, given] of [
    ['input.aoi', input.aoi],
    ['input.aoiName', input.aoiName],
    ['input.segmentKey', input.segmentKey],
  ] as const) {
    if (given != null) problems.add({ field, message: 'goes on each AOI of `aois` when `aois` is given' });
  }
  if (!checkedAoiList('input.aois', input.aois, problems)) return;
  request.aois = input.aois.map((aoi, index) => {
    const field = `input.aois[${index}]`;
    return {
      id: aoi.id,
      name:
        collectProblems(problems, () =>
          optionalCheckedText(`${field}.name`, aoi.name, INPUT_LIMITS.aoiName),
        ) ?? null,
      geometry: aoi.geometry,
      segmentKey:
        collectProblems(problems, () =>
          optionalCheckedText(`${field}.segmentKey`, aoi.segmentKey, INPUT_LIMITS.segmentKey),
        ) ?? null,
    };
  });
  request.aoiName = null;
  request.segmentKey = null;
}

function orderWindow(field: string, window: TimeWindowInput | null | undefined): OrderRequest['window'] {
  if (!window) return null;
  if (!window.end) throw badUserInput(`${field}.end`, 'is required for an order (acqPeriod has both ends)');
  orderedWindow(field, window.start, window.end);
  return { start: window.start, end: window.end };
}

/**
 * The pass options of the guide's OneNow sample (`acqPeriods`, `orderDeadLine`) and the item's
 * `holdback`. Each is on the request only when given, so that an order without them keeps the
 * fingerprint the journal knows it by.
 */
function passOptions(input: OrderInput, request: OrderRequest, problems: InputProblems): void {
  const offer = offerOfProductType(request.productTypeId);
  if (input.acquisitionPeriods != null) {
    if (offer !== 'ONENOW') {
      problems.add({
        field: 'input.acquisitionPeriods',
        message: `only applies to OneNow products, not ${request.productTypeId}`,
      });
    }
    const periods = collectProblems(problems, () =>
      boundedList('input.acquisitionPeriods', input.acquisitionPeriods, LIST_LIMITS.acquisitionPeriods),
    );
    const windows = (periods ?? []).map((period, index) =>
      collectProblems(problems, () => orderWindow(`input.acquisitionPeriods[${index}]`, period)),
    );
    request.acquisitionPeriods = windows.filter((window) => window != null);
  }
  if (input.orderDeadline != null) {
    if (offer !== 'ONEDAY' && offer !== 'ONENOW') {
      problems.add({
        field: 'input.orderDeadline',
        message: `only applies to OneDay and OneNow products (a pass's deadline), not ${request.productTypeId}`,
      });
    }
    request.orderDeadline = input.orderDeadline;
  }
  if (input.holdback != null) request.holdback = input.holdback;
}

function stereoRatios(mode: AcquisitionMode | null, stereo: StereoInput | null): OrderRequest['stereo'] {
  const needsRatios = mode === AcquisitionMode.STEREO || mode === AcquisitionMode.TRISTEREO;
  if (!needsRatios) {
    if (stereo) throw badUserInput('input.stereo', 'only applies to acquisitionMode STEREO or TRISTEREO');
    return null;
  }
  if (!stereo) throw badUserInput('input.stereo', `is required for acquisitionMode ${mode}`);
  const minBH = inRange('input.stereo.minBH', stereo.minBH, MIN_BH, MAX_BH) ?? MIN_BH;
  const maxBH = inRange('input.stereo.maxBH', stereo.maxBH, MIN_BH, MAX_BH) ?? MAX_BH;
  if (minBH > maxBH) throw badUserInput('input.stereo.minBH', 'must not exceed maxBH');
  return { minBH, maxBH };
}

function countryCode(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw badUserInput(field, 'must be an ISO 3166-1 alpha-2 code such as FR');
  return code;
}
