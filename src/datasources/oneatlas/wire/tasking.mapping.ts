import type { TaskingStatus } from '../../../domain/enums.js';
import type {
  Segment,
  SortDirection,
  Tasking,
  TaskingFilter,
  TaskingSortField,
  TimeWindow,
} from '../../../domain/tasking.js';
import { missionToWire } from './feasibility.mapping.js';
import { polygonFromWire } from './geometry.mapping.js';
import { dateRangeToWire } from './interval.mapping.js';
import {
  checkedList,
  parsedField,
  requiredNumber,
  requiredString,
  type WireRecord,
  wireArray,
  wireRecord,
} from './shape.js';
import type { WirePolygon, WireSegment, WireTasking, WireTaskingsResponse } from './types.js';

const STATUS_BY_LABEL: Record<string, TaskingStatus> = {
  'feasibility study in progress': 'FEASIBILITY_STUDY',
  'in progress': 'IN_PROGRESS',
  paused: 'PAUSED',
  canceled: 'CANCELED',
  cancelled: 'CANCELED',
  completed: 'COMPLETED',
};

const LABEL_BY_STATUS: Record<Exclude<TaskingStatus, 'OTHER'>, string> = {
  FEASIBILITY_STUDY: 'Feasibility study in progress',
  IN_PROGRESS: 'In Progress',
  PAUSED: 'Paused',
  CANCELED: 'Canceled',
  COMPLETED: 'Completed',
};

/** The upstream reports status as human text; anything unknown is OTHER, its text kept in statusLabel. */
export function taskingStatusFromLabel(label: string): TaskingStatus {
  return STATUS_BY_LABEL[label.trim().toLowerCase()] ?? 'OTHER';
}

function taskingStatusToLabel(status: Exclude<TaskingStatus, 'OTHER'>): string {
  return LABEL_BY_STATUS[status];
}

/** One page of GET /contracts/{cis}/taskings, checked for what the mapping needs. */
export function taskingsPageFromWire(
  answer: unknown,
  contractId: string,
  fetchedAt: Date,
): { items: Tasking[]; total: number | null } {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'taskings', 'answer', checkTasking);
  const page = wire as unknown as WireTaskingsResponse;
  return {
    items: page.taskings.map((tasking) => mapTasking(tasking, contractId, fetchedAt)),
    total: typeof page.totalResults === 'number' ? page.totalResults : null,
  };
}

/** GET …/segments, checked for what the mapping needs. */
export function segmentsFromWire(
  answer: unknown,
  contractId: string,
  taskingId: string,
  fetchedAt: Date,
): Segment[] {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'segments', 'answer', () => undefined);
  return (wire.segments as unknown[]).map((segment, index) =>
    segmentFromWire(segment, contractId, taskingId, fetchedAt, `answer.segments[${index}]`),
  );
}

function checkTasking(tasking: WireRecord, where: string): void {
  const icr = wireRecord(tasking.icr, `${where}.icr`);
  const at = `${where}.icr`;
  for (const key of ['id', 'status', 'progTypeName']) requiredString(icr, key, at);
  for (const key of ['nbProposedSegments', 'nbTotalSegments']) requiredNumber(icr, key, at);
  const progress = wireRecord(icr.taskingProgress, `${at}.taskingProgress`);
  for (const key of ['orderedArea', 'validatedArea']) requiredNumber(progress, key, `${at}.taskingProgress`);
  if (icr.period !== undefined && icr.period !== null) {
    const period = wireRecord(icr.period, `${at}.period`);
    for (const key of ['startDate', 'endDate']) {
      const text = requiredString(period, key, `${at}.period`);
      parsedField(`${at}.period.${key}`, 'a date', () => new Date(text));
    }
  }
  if (icr.aoi !== undefined && icr.aoi !== null) {
    parsedField(`${at}.aoi`, 'a GeoJSON polygon', () => polygonFromWire(icr.aoi as WirePolygon));
  }
}

/**
 * The answer of GET …/taskings/{taskingId}, checked for what the mapping needs: the tasking itself, or
 * `{taskings:[…]}`, the one answer the guide's tracking section shows for its three reads (that
 * endpoint among them), of which the entry with this id; null when that list does not hold it.
 */
export function taskingFromWire(
  answer: unknown,
  contractId: string,
  taskingId: string,
  fetchedAt: Date,
): Tasking | null {
  const wire = wireRecord(answer, 'answer');
  if (wire.icr !== undefined || wire.taskings === undefined) {
    checkTasking(wire, 'answer');
    return mapTasking(wire as unknown as WireTasking, contractId, fetchedAt);
  }
  const entries = wireArray(wire.taskings, 'answer.taskings');
  const index = entries.findIndex((entry) => icrIdOf(entry) === taskingId);
  if (index < 0) return null;
  const where = `answer.taskings[${index}]`;
  const entry = wireRecord(entries[index], where);
  checkTasking(entry, where);
  return mapTasking(entry as unknown as WireTasking, contractId, fetchedAt);
}

/** The id of a list entry, unchecked: only the entry asked for is checked (and may fail the read). */
function icrIdOf(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const icr = (entry as WireRecord).icr;
  return typeof icr === 'object' && icr !== null ? (icr as WireRecord).id : undefined;
}

function mapTasking(wire: WireTasking, contractId: string, fetchedAt: Date): Tasking {
  const { icr } = wire;
  const { orderedArea, validatedArea } = icr.taskingProgress;
  return {
    id: icr.id,
    contractId,
    salesOrder: typeof wire.sal === 'string' && wire.sal !== '' ? wire.sal : null,
    serviceOrder: typeof wire.so === 'string' && wire.so !== '' ? wire.so : null,
    aoi: icr.aoi ? polygonFromWire(icr.aoi) : null,
    progTypeName: icr.progTypeName,
    status: taskingStatusFromLabel(icr.status),
    statusLabel: icr.status,
    period: icr.period ? { start: new Date(icr.period.startDate), end: new Date(icr.period.endDate) } : null,
    customerReference: typeof icr.customerRef === 'string' && icr.customerRef !== '' ? icr.customerRef : null,
    orderedArea,
    validatedArea,
    progress: orderedArea > 0 ? Math.min(1, Math.max(0, validatedArea / orderedArea)) : 0,
    proposedSegmentCount: icr.nbProposedSegments,
    totalSegmentCount: icr.nbTotalSegments,
    attempts: parseAttemptWindows(typeof icr.attempts === 'string' ? icr.attempts : null),
    fetchedAt,
  };
}

/** "start end" pairs, comma-separated when several (the guide's `attempts` and `acqPeriods`). */
export function parseAttemptWindows(text: string | null): TimeWindow[] {
  if (!text) return [];
  return (
    text
      .split(',')
      .map((pair) => pair.trim().split(/\s+/))
      .filter((pair): pair is [string, string] => pair.length === 2)
      .map(([start, end]) => ({ start: new Date(start), end: new Date(end) }))
      // The field is informative: an unreadable window is left out rather than failing the tasking.
      .filter((window) => !Number.isNaN(window.start.getTime()) && !Number.isNaN(window.end.getTime()))
  );
}

/** One segment, checked for what the mapping needs; `where` names it in the answer. */
export function segmentFromWire(
  answer: unknown,
  contractId: string,
  taskingId: string,
  fetchedAt: Date,
  where = 'answer',
): Segment {
  const checked = wireRecord(answer, where);
  for (const key of ['id', 'status']) requiredString(checked, key, where);
  if (checked.asDetail1 !== undefined && checked.asDetail1 !== null) {
    const detail = wireRecord(checked.asDetail1, `${where}.asDetail1`);
    if (typeof detail.acquisitionDate === 'string') {
      const text = detail.acquisitionDate;
      parsedField(`${where}.asDetail1.acquisitionDate`, 'a date', () => new Date(text));
    }
    if (detail.footprint !== undefined && detail.footprint !== null) {
      const footprint = detail.footprint as WirePolygon;
      parsedField(`${where}.asDetail1.footprint`, 'a GeoJSON polygon', () => polygonFromWire(footprint));
    }
  }
  const wire = checked as unknown as WireSegment;
  const detail = wire.asDetail1;
  return {
    id: wire.id,
    taskingId,
    contractId,
    status: wire.status,
    catalogId: detail?.catalogId ?? null,
    footprint: detail?.footprint ? polygonFromWire(detail.footprint) : null,
    incidenceAngle: detail?.incidenceAngle ?? null,
    clearSkyRate: detail?.clearSkyRate ?? null,
    acquisitionDate: detail?.acquisitionDate ? new Date(detail.acquisitionDate) : null,
    fetchedAt,
  };
}

/**
 * The sort keys, named like the filters on the same fields (notes §2.4); the upstream's default order
 * is by creation, newest first.
 */
const SORT_KEY: Record<TaskingSortField, string> = {
  CREATION_DATE: 'creationDate',
  ACQUISITION_DATE: 'acquisitionDate',
  END_OF_PERIOD: 'icrEndOfPeriodDate',
};

/** SRU's `sortKeys`: `path,schema,ascending` with an empty schema, 1 ascending and 0 descending. */
function sortKeysToWire(sort: TaskingFilter['sort']): string | undefined {
  if (sort === null) return undefined;
  const ascending: Record<SortDirection, string> = { ASC: '1', DESC: '0' };
  return `${SORT_KEY[sort.field]},,${ascending[sort.direction]}`;
}

/** The upstream's own query parameters for GET /contracts/{cis}/taskings, spelt as the notes write them. */
export function taskingFilterToQuery(
  filter: TaskingFilter,
  page: { startPage: number; count: number },
): Record<string, string | number | readonly string[] | undefined> {
  return {
    customerRef: filter.customerReference ?? undefined,
    taskingIds: filter.taskingIds.length > 0 ? filter.taskingIds.join(',') : undefined,
    status: filter.statuses.length > 0 ? filter.statuses.map(taskingStatusToLabel) : undefined,
    hasProposedSegments: filter.hasProposedSegments === null ? undefined : String(filter.hasProposedSegments),
    mission: filter.mission === null ? undefined : missionToWire(filter.mission),
    progTypeNames: filter.progTypes.length > 0 ? filter.progTypes.join(',') : undefined,
    acquisitionDate: dateRangeToWire(filter.acquisitionDate),
    icrEndOfPeriodDate: dateRangeToWire(filter.endOfPeriod),
    sortKeys: sortKeysToWire(filter.sort),
    count: page.count,
    startPage: page.startPage,
  };
}
