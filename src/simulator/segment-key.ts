/**
 * The attempts' opaque `segmentKey`, shaped like the guide's: `<hmac hex>::<JSON list of {key,value}>`.
 * The HMAC (SHA-512, keyed by a per-simulator secret) lets prices and orders check that a key really
 * came from this simulator's attempts and was not edited; any change to it is a 400.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WireKeyValue, WireMission } from '../datasources/oneatlas/wire/types.js';
import { ALL_MISSIONS } from './catalog.js';
import { badRequest } from './upstream-error.js';

export interface SegmentKeyContent {
  mission: WireMission;
  satellite: string;
  acquisitionStartDate: string;
  acquisitionEndDate: string;
  orderDeadline: string;
  extendedAngle: boolean;
  geometryWkt: string;
  maxCloudCover: number;
  maxIncidenceAngle: number;
}

const SEPARATOR = '::';

function signature(secret: string, payload: string): string {
  return createHmac('sha512', secret).update(payload).digest('hex');
}

export function signSegmentKey(secret: string, content: SegmentKeyContent): string {
  // The guide's keys carry these properties (numbers as "25.0" strings); mission and satellite are ours.
  const properties: WireKeyValue[] = [
    { key: 'acqPeriod', value: `${content.acquisitionStartDate} ${content.acquisitionEndDate}` },
    { key: 'extendedAngle', value: content.extendedAngle },
    { key: 'geometryWkt', value: content.geometryWkt },
    { key: 'orderDeadLine', value: content.orderDeadline },
    { key: 'maxCloudCover', value: content.maxCloudCover.toFixed(1) },
    { key: 'maxIncidenceAngle', value: content.maxIncidenceAngle.toFixed(1) },
    { key: 'mission', value: content.mission },
    { key: 'satellite', value: content.satellite },
  ];
  const payload = JSON.stringify(properties);
  return `${signature(secret, payload)}${SEPARATOR}${payload}`;
}

function invalidKey(): Error {
  return badRequest(
    'The segmentKey is invalid: use a segmentKey from /attempts unchanged.',
    'INVALID_SEGMENT_KEY',
  );
}

function propertyText(properties: Map<string, unknown>, key: string): string {
  const value = properties.get(key);
  if (typeof value !== 'string') throw invalidKey();
  return value;
}

export function verifySegmentKey(secret: string, segmentKey: string): SegmentKeyContent {
  const separatorAt = segmentKey.indexOf(SEPARATOR);
  if (separatorAt < 0) throw invalidKey();
  const givenSignature = Buffer.from(segmentKey.slice(0, separatorAt), 'utf8');
  const payload = segmentKey.slice(separatorAt + SEPARATOR.length);
  const expectedSignature = Buffer.from(signature(secret, payload), 'utf8');
  if (
    givenSignature.length !== expectedSignature.length ||
    !timingSafeEqual(givenSignature, expectedSignature)
  ) {
    throw invalidKey();
  }
  // The signature matched, so the payload is one this simulator wrote.
  const properties = new Map(
    (JSON.parse(payload) as WireKeyValue[]).map((property) => [property.key, property.value] as const),
  );
  const [acquisitionStartDate = '', acquisitionEndDate = ''] = propertyText(properties, 'acqPeriod').split(
    ' ',
  );
  const mission = ALL_MISSIONS.find((candidate) => candidate === properties.get('mission'));
  if (mission === undefined) throw invalidKey();
  return {
    mission,
    satellite: propertyText(properties, 'satellite'),
    acquisitionStartDate,
    acquisitionEndDate,
    orderDeadline: propertyText(properties, 'orderDeadLine'),
    extendedAngle: properties.get('extendedAngle') === true,
    geometryWkt: propertyText(properties, 'geometryWkt'),
    maxCloudCover: Number(propertyText(properties, 'maxCloudCover')),
    maxIncidenceAngle: Number(propertyText(properties, 'maxIncidenceAngle')),
  };
}
