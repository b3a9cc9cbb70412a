import { Field, Float, ID, InputType } from 'type-graphql';
import type { Polygon } from '../domain/geo.js';
import type { OrderRequest } from '../domain/order.js';
import { badUserInput } from '../errors.js';
import { KeyValueInput, TimeWindowInput } from './common.types.js';
import { AcquisitionMode } from './enums.js';
import { EmailAddressScalar, GeoJSONPolygonScalar } from './scalars/index.js';
import { contractIdOrDefault, inRange, nonEmptyText, optionalText, orderedWindow } from './validation.js';

/** The upstream's documented bounds for base/height ratios of STEREO and TRISTEREO. */
export const MIN_BH = 0.2;
export const MAX_BH = 0.8;

@InputType({
  description: 'The result of `feasibility`, copied into the order so the upstream can check it.',
})
export class FeasibilityInput {
  @Field(() => String, { description: 'EASY or CHALLENGING (from `Feasibility.classification`).' })
  classification!: string;

  @Field(() => String, { description: 'AUTOMATIC or MANUAL (from `Feasibility.automation`).' })
  automation!: string;

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
  description: 'One tasking order. The same input is priced (`price`) and ordered (`createOrder`).',
})
export class OrderInput {
  @Field(() => ID, { nullable: true, description: 'CIS contract id; defaults to the configured contract.' })
  contractId?: string | null;

  @Field(() => String, {
    description: 'Upstream product type, e.g. PleiadesTaskingOneDay (see `productTypes`).',
  })
  productTypeId!: string;

  @Field(() => GeoJSONPolygonScalar, { description: 'Area of interest.' })
  aoi!: Polygon;

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

  @Field(() => Float, {
    nullable: true,
    description: 'Maximum cloud cover for automatic validation, % (0–100).',
  })
  maxCloudCover?: number | null;

  @Field(() => Float, { nullable: true, description: 'Maximum incidence angle, degrees (0–90).' })
  maxIncidenceAngle?: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Cloud cover up to which acquisitions are proposed to you, % (0–100); Airbus advises = maxCloudCover.',
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

  @Field(() => String, { nullable: true, description: 'Free comments for Airbus.' })
  comments?: string | null;

  @Field(() => String, {
    description:
      'Your unique reference for this order: the key for tracking (`taskings(customerReference:)`) and billing.',
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
    description: 'Market code, e.g. NQUAL (mandatory upstream for orders).',
  })
  primaryMarket?: string | null;

  @Field(() => String, { nullable: true, description: 'Secondary market code.' })
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
    description: 'Workspace for network delivery; defaults to the configured workspace.',
  })
  workspaceId?: string | null;

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

/** Item property keys that the typed fields above own; an extra property may not override them. */
const TYPED_PROPERTY_KEYS = new Set([
  'acquisitionMode',
  'classification',
  'feasibilityAutomation',
  'feasibilityAutomationName',
  'notificationThreshold',
  'maxCloudCover',
  'maxIncidenceAngle',
  'acqPeriod',
  'extendedAngle',
  'acquisitionModeMinBH',
  'acquisitionModeMaxBH',
  'comments',
]);

export interface OrderDefaults {
  contractId: string;
  workspaceId: string | undefined;
}

export function toOrderRequest(input: OrderInput, defaults: OrderDefaults): OrderRequest {
  return {
    contractId: contractIdOrDefault(input.contractId, defaults.contractId),
    productTypeId: nonEmptyText('input.productTypeId', input.productTypeId),
    aoi: input.aoi,
    aoiName: optionalText(input.aoiName),
    segmentKey: optionalText(input.segmentKey),
    acquisitionMode: input.acquisitionMode ?? null,
    window: orderWindow(input.window),
    maxCloudCover: inRange('input.maxCloudCover', input.maxCloudCover, 0, 100),
    maxIncidenceAngle: inRange('input.maxIncidenceAngle', input.maxIncidenceAngle, 0, 90),
    notificationThreshold: inRange('input.notificationThreshold', input.notificationThreshold, 0, 100),
    extendedAngle: input.extendedAngle ?? null,
    feasibility: input.feasibility
      ? {
          classification: nonEmptyText('input.feasibility.classification', input.feasibility.classification),
          automation: nonEmptyText('input.feasibility.automation', input.feasibility.automation),
          automationName: optionalText(input.feasibility.automationName),
        }
      : null,
    stereo: stereoRatios(input.acquisitionMode ?? null, input.stereo ?? null),
    comments: optionalText(input.comments),
    customerReference: nonEmptyText('input.customerReference', input.customerReference),
    primaryMarket: optionalText(input.primaryMarket),
    secondaryMarket: optionalText(input.secondaryMarket),
    programReference: optionalText(input.programReference),
    options: (input.options ?? []).map((option, index) => ({
      key: nonEmptyText(`input.options[${index}].key`, option.key),
      value: option.value,
    })),
    workspaceId: optionalText(input.workspaceId) ?? defaults.workspaceId ?? null,
    notifyEmails: input.notifyEmails ?? [],
    endUsers: (input.endUsers ?? []).map((endUser, index) => ({
      name: optionalText(endUser.name),
      country: countryCode(`input.endUsers[${index}].country`, endUser.country),
    })),
    extraProperties: (input.extraProperties ?? []).map((property, index) => {
      const key = nonEmptyText(`input.extraProperties[${index}].key`, property.key);
      if (TYPED_PROPERTY_KEYS.has(key)) {
        throw badUserInput(
          `input.extraProperties[${index}].key`,
          `"${key}" has its own field in OrderInput; use it`,
        );
      }
      return { key, value: property.value };
    }),
  };
}

/** The client's idempotency key, if any: printable, at most 200 characters. */
export function idempotencyKeyOf(input: OrderInput): string | null {
  const key = optionalText(input.idempotencyKey);
  if (key !== null && (key.length > 200 || !/^[\P{Cc}]+$/u.test(key))) {
    throw badUserInput('input.idempotencyKey', 'must be at most 200 printable characters');
  }
  return key;
}

function orderWindow(window: TimeWindowInput | null | undefined): OrderRequest['window'] {
  if (!window) return null;
  if (!window.end)
    throw badUserInput('input.window.end', 'is required for an order (acqPeriod has both ends)');
  orderedWindow('input.window', window.start, window.end);
  return { start: window.start, end: window.end };
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
