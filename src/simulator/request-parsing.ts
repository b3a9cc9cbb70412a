/**
 * Reading request bodies the way the upstream evidently does: lenient on shape (numbers may come as
 * strings, 2D or 3D positions, unknown keys ignored, the guide's own misspellings accepted) and strict
 * on the documented ranges. Everything wrong is a 400 `{errorCode, message}`.
 */
import type {
  WireAcquisitionMode,
  WireMission,
  WireProgType,
  WireTaskingSearchRequest,
} from '../datasources/oneatlas/wire/types.js';
import { ALL_MISSIONS, ALL_PROG_TYPES } from './catalog.js';
import { parsePolygon } from './geometry.js';
import type { ContractRecord } from './state.js';
import { badRequest, contractNotFoundMessage } from './upstream-error.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A number sent as a JSON number or as a numeric string ("25", "0.2"): the guide does both. */
export function numberish(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function numberInRange(value: unknown, name: string, min: number, max: number): number {
  const parsed = numberish(value);
  if (parsed === undefined || parsed < min || parsed > max) {
    throw badRequest(
      `${name} must be a number between ${min} and ${max}, got ${JSON.stringify(value)}.`,
      'INVALID_PROPERTY',
    );
  }
  return parsed;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO-8601 date-time with a zone, as epoch milliseconds. */
export function isoDateTime(value: unknown, name: string): number {
  const parsed = typeof value === 'string' && ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw badRequest(`${name} must be an ISO-8601 date-time, got ${JSON.stringify(value)}.`, 'INVALID_DATE');
  }
  return parsed;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/**
 * notes §2.4: "Tasking dates are always in the future". A period that has ended, on the simulator's
 * clock, is refused as OneAtlas plausibly would: nothing can be acquired in it.
 */
export function refuseEndedPeriod(name: string, endMs: number, nowMs: number): void {
  if (endMs > nowMs) return;
  throw badRequest(
    `${name} ended at ${new Date(endMs).toISOString()}, before now (${new Date(nowMs).toISOString()}): tasking dates must be in the future.`,
    'ACQUISITION_PERIOD_PASSED',
  );
}

/** `acqPeriod`: one string "<start> <end>", start before end. */
export function acquisitionPeriod(value: unknown, name: string): TimeWindow {
  const parts = typeof value === 'string' ? value.trim().split(/\s+/) : [];
  if (parts.length !== 2) {
    throw badRequest(
      `${name} must be "<start> <end>" (two ISO dates), got ${JSON.stringify(value)}.`,
      'INVALID_PROPERTY',
    );
  }
  const startMs = isoDateTime(parts[0], `${name} start`);
  const endMs = isoDateTime(parts[1], `${name} end`);
  if (startMs >= endMs) throw badRequest(`${name} must start before it ends.`, 'INVALID_PROPERTY');
  return { startMs, endMs };
}

export function acquisitionMode(value: unknown, name: string): WireAcquisitionMode {
  if (value === 'MONO' || value === 'STEREO' || value === 'TRISTEREO') return value;
  throw badRequest(
    `${name} must be MONO, STEREO or TRISTEREO, got ${JSON.stringify(value)}.`,
    'INVALID_PROPERTY',
  );
}

/** A query parameter's values, repeated (`status=a&status=b`) and, when asked, comma-separated (`status=a,b`). */
export function queryValues(query: Record<string, unknown>, name: string, commaSeparated = false): string[] {
  const raw = query[name];
  const values: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values
    .flatMap((value) => (typeof value === 'string' || typeof value === 'number' ? [String(value)] : []))
    .flatMap((value) => (commaSeparated ? value.split(',') : [value]))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export function positiveIntegerParameter(
  query: Record<string, unknown>,
  name: string,
  fallback: number,
  max: number,
): number {
  const [raw] = queryValues(query, name);
  if (raw === undefined) return fallback;
  const value = numberish(raw);
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > max) {
    throw badRequest(`${name} must be an integer between 1 and ${max}, got '${raw}'.`, 'INVALID_PARAMETER');
  }
  return value;
}

export function findContract(
  contracts: readonly ContractRecord[],
  contractId: string,
): ContractRecord | undefined {
  return contracts.find((contract) => contract.wire.contractId === contractId);
}

/** The body's `contractId`, which must name a contract of this API key (else 400, as the upstream). */
export function contractFromBody(contracts: readonly ContractRecord[], contractId: unknown): ContractRecord {
  if (typeof contractId !== 'string' || contractId === '') throw badRequest('contractId is required.');
  const contract = findContract(contracts, contractId);
  if (contract === undefined) throw badRequest(contractNotFoundMessage(contractId), 'CONTRACT_NOT_FOUND');
  return contract;
}

/** The body of POST /feasibility and POST /attempts, checked. */
export interface TaskingSearch {
  contract: ContractRecord;
  progTypeNames: WireProgType[];
  missions: WireMission[];
  startMs: number;
  endMs: number | null;
  acquisitionMode: WireAcquisitionMode;
  /** Absent constraints are the loosest ones. */
  maxCloudCover: number;
  maxIncidenceAngle: number;
  aoi: WireTaskingSearchRequest['aoi'];
}

function listOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest(`${name} must be a non-empty array.`);
  return value.map((entry) => {
    const known = allowed.find((candidate) => candidate === entry);
    if (known === undefined) {
      throw badRequest(
        `${name}: unknown value ${JSON.stringify(entry)} (expected one of ${allowed.join(', ')}).`,
      );
    }
    return known;
  });
}

/** `nowMs`: the simulator's clock, which a window's end must be ahead of (a past start is kept: see passesOver). */
export function parseTaskingSearch(
  body: unknown,
  contracts: readonly ContractRecord[],
  nowMs: number,
): TaskingSearch {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.', 'MALFORMED_BODY');
  const request = body as Partial<Record<keyof WireTaskingSearchRequest, unknown>>;
  const contract = contractFromBody(contracts, request.contractId);
  const progTypeNames = listOf(request.progTypeNames, ALL_PROG_TYPES, 'progTypeNames');
  const missionsValue = request.missions ?? (request.mission === undefined ? undefined : [request.mission]);
  const missions = listOf(missionsValue, ALL_MISSIONS, 'missions');
  if (!isRecord(request.acquisitionDate))
    throw badRequest('acquisitionDate {startDate, endDate} is required.');
  const startMs = isoDateTime(request.acquisitionDate.startDate, 'acquisitionDate.startDate');
  const endValue = request.acquisitionDate.endDate;
  const endMs =
    endValue === undefined || endValue === null ? null : isoDateTime(endValue, 'acquisitionDate.endDate');
  if (endMs !== null && endMs <= startMs)
    throw badRequest('acquisitionDate.endDate must be after startDate.', 'INVALID_DATE');
  if (endMs !== null) refuseEndedPeriod('acquisitionDate.endDate', endMs, nowMs);
  const optical = request.optical === undefined ? {} : request.optical;
  if (!isRecord(optical)) throw badRequest('optical must be an object.');
  return {
    contract,
    progTypeNames,
    missions,
    startMs,
    endMs,
    acquisitionMode:
      optical.acquisitionMode === undefined
        ? 'MONO'
        : acquisitionMode(optical.acquisitionMode, 'optical.acquisitionMode'),
    maxCloudCover:
      optical.maxCloudCover === undefined
        ? 100
        : numberInRange(optical.maxCloudCover, 'optical.maxCloudCover', 0, 100),
    maxIncidenceAngle:
      optical.maxIncidenceAngle === undefined
        ? 90
        : numberInRange(optical.maxIncidenceAngle, 'optical.maxIncidenceAngle', 0, 90),
    aoi: parsePolygon(request.aoi, 'aoi'),
  };
}
