import type { TaskingStatus } from './enums.js';
import type { Polygon } from './geo.js';

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

export interface TaskingFilter {
  customerReference: string | null;
  taskingIds: string[];
  /** OTHER is what the gateway calls every status it does not know, so it cannot be asked for upstream. */
  statuses: Exclude<TaskingStatus, 'OTHER'>[];
}
