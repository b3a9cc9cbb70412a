import type { TaskingStatus } from '../../../domain/enums.js';
import type { Segment, Tasking, TaskingFilter, TimeWindow } from '../../../domain/tasking.js';
import { polygonFromWire } from './geometry.mapping.js';
import type { WireSegment, WireTasking } from './types.js';

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

export function taskingFromWire(wire: WireTasking, contractId: string, fetchedAt: Date): Tasking {
  const { icr } = wire;
  const { orderedArea, validatedArea } = icr.taskingProgress;
  return {
    id: icr.id,
    contractId,
    salesOrder: wire.sal || null,
    serviceOrder: wire.so || null,
    aoi: icr.aoi ? polygonFromWire(icr.aoi) : null,
    progTypeName: icr.progTypeName,
    status: taskingStatusFromLabel(icr.status),
    statusLabel: icr.status,
    period: icr.period ? { start: new Date(icr.period.startDate), end: new Date(icr.period.endDate) } : null,
    customerReference: icr.customerRef || null,
    orderedArea,
    validatedArea,
    progress: orderedArea > 0 ? Math.min(1, Math.max(0, validatedArea / orderedArea)) : 0,
    proposedSegmentCount: icr.nbProposedSegments,
    totalSegmentCount: icr.nbTotalSegments,
    attempts: parseAttemptWindows(icr.attempts ?? null),
    fetchedAt,
  };
}

/** "start end" pairs, comma-separated when several (the guide's `attempts` and `acqPeriods`). */
export function parseAttemptWindows(text: string | null): TimeWindow[] {
  if (!text) return [];
  return text
    .split(',')
    .map((pair) => pair.trim().split(/\s+/))
    .filter((pair): pair is [string, string] => pair.length === 2)
    .map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

export function segmentFromWire(
  wire: WireSegment,
  contractId: string,
  taskingId: string,
  fetchedAt: Date,
): Segment {
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

/** The upstream's own query parameters for GET /contracts/{cis}/taskings. */
export function taskingFilterToQuery(
  filter: TaskingFilter,
  page: { startPage: number; count: number },
): Record<string, string | number | readonly string[] | undefined> {
  return {
    customerRef: filter.customerReference ?? undefined,
    taskingIds: filter.taskingIds.length > 0 ? filter.taskingIds.join(',') : undefined,
    status: filter.statuses.length > 0 ? filter.statuses.map(taskingStatusToLabel) : undefined,
    count: page.count,
    startPage: page.startPage,
  };
}
