import { type Mission, type ProgType, TaskingAction, TaskingStatus } from './enums.js';
import type { Polygon } from './geo.js';
import type { DateRange } from './ranges.js';

export interface TimeWindow {
  start: Date;
  end: Date | null;
}

export interface Tasking {
  id: string;
  contractId: string;
  salesOrder: string | null;
  serviceOrder: string | null;
  aoi: Polygon | null;
  progTypeName: string;
  status: TaskingStatus;
  statusLabel: string;
  period: TimeWindow | null;
  customerReference: string | null;
  /** Square metres, as the upstream counts them. */
  orderedArea: number;
  validatedArea: number;
  /** validatedArea / orderedArea, clamped to 0–1. */
  progress: number;
  proposedSegmentCount: number;
  totalSegmentCount: number;
  attempts: TimeWindow[];
  /** When the gateway read this from the upstream. */
  fetchedAt: Date;
}

export interface Segment {
  id: string;
  taskingId: string;
  contractId: string;
  status: string;
  catalogId: string | null;
  footprint: Polygon | null;
  incidenceAngle: number | null;
  clearSkyRate: number | null;
  acquisitionDate: Date | null;
  /** When the gateway read this from the upstream. */
  fetchedAt: Date;
}

export const TaskingSortField = {
  /** When the tasking was ordered: the upstream's own order, newest first. */
  CREATION_DATE: 'CREATION_DATE',
  /** Start of the acquisition period. */
  ACQUISITION_DATE: 'ACQUISITION_DATE',
  /** End of the acquisition period. */
  END_OF_PERIOD: 'END_OF_PERIOD',
} as const;
export type TaskingSortField = (typeof TaskingSortField)[keyof typeof TaskingSortField];

export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection];

export interface TaskingFilter {
  customerReference: string | null;
  taskingIds: string[];
  /** OTHER is what the gateway calls every status it does not know, so it cannot be asked for upstream. */
  statuses: Exclude<TaskingStatus, 'OTHER'>[];
  /** true: only taskings with acquisitions waiting for the customer's decision; false: only those without. */
  hasProposedSegments: boolean | null;
  mission: Mission | null;
  progTypes: ProgType[];
  acquisitionDate: DateRange | null;
  endOfPeriod: DateRange | null;
  /** Null: the upstream's own order (newest first). */
  sort: { field: TaskingSortField; direction: SortDirection } | null;
}

/** No filter at all: every tasking of the contract, in the upstream's order. */
export const ALL_TASKINGS: TaskingFilter = {
  customerReference: null,
  taskingIds: [],
  statuses: [],
  hasProposedSegments: null,
  mission: null,
  progTypes: [],
  acquisitionDate: null,
  endOfPeriod: null,
  sort: null,
};

/**
 * What the customer must do for `tasking` to move on, or null when Airbus has the next move. A tasking
 * in manual feasibility study waits for the requester's confirmation once the study is done (the
 * guide: it "shall be confirmed manually by the requester"); the API shows no call for it, so the
 * requester confirms or declines in the OneAtlas web application. Nothing is charged before.
 */
export function requiredActionOf(
  tasking: Pick<Tasking, 'status' | 'proposedSegmentCount'>,
): TaskingAction | null {
  if (tasking.status === TaskingStatus.FEASIBILITY_STUDY)
    return TaskingAction.CONFIRM_AFTER_FEASIBILITY_STUDY;
  if (tasking.proposedSegmentCount > 0) return TaskingAction.DECIDE_PROPOSED_SEGMENTS;
  return null;
}
