import { TaskingStatus } from './enums.js';
import type { CoverageItem, NeoOrderItem } from './neo.js';
import { CoverageStatus, NeoOrderItemStatus } from './neo.js';
import type { Segment, Tasking } from './tasking.js';

/**
 * Where a tasking line stands, in words both back ends share: a legacy tasking's status and a
 * Pléiades Neo order item's status each map to one of these, so a list renders one badge.
 */
export const TaskingLineState = {
  /** Not being acquired yet: a legacy feasibility study, or a Neo quotation not yet accepted. */
  PENDING: 'PENDING',
  IN_PROGRESS: 'IN_PROGRESS',
  /** Legacy only: acquisition paused upstream. */
  PAUSED: 'PAUSED',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
  /** Neo only: stopped, what was acquired stays. */
  STOPPED: 'STOPPED',
  OTHER: 'OTHER',
} as const;
export type TaskingLineState = (typeof TaskingLineState)[keyof typeof TaskingLineState];

/** A line of a tasking list: a legacy tasking or a Pléiades Neo order item. */
export type TaskingLine = Tasking | NeoOrderItem;

/** An acquisition made for a tasking line: a legacy segment or a Neo coverage item. */
export type Acquisition = Segment | CoverageItem;

const LEGACY_STATES: Record<TaskingStatus, TaskingLineState> = {
  [TaskingStatus.FEASIBILITY_STUDY]: TaskingLineState.PENDING,
  [TaskingStatus.IN_PROGRESS]: TaskingLineState.IN_PROGRESS,
  [TaskingStatus.PAUSED]: TaskingLineState.PAUSED,
  [TaskingStatus.CANCELED]: TaskingLineState.CANCELLED,
  [TaskingStatus.COMPLETED]: TaskingLineState.COMPLETED,
  [TaskingStatus.OTHER]: TaskingLineState.OTHER,
};

const NEO_STATES: Record<NeoOrderItemStatus, TaskingLineState> = {
  [NeoOrderItemStatus.PENDING]: TaskingLineState.PENDING,
  [NeoOrderItemStatus.IN_PROGRESS]: TaskingLineState.IN_PROGRESS,
  [NeoOrderItemStatus.COMPLETED]: TaskingLineState.COMPLETED,
  [NeoOrderItemStatus.CANCELLED]: TaskingLineState.CANCELLED,
  [NeoOrderItemStatus.STOPPED]: TaskingLineState.STOPPED,
  [NeoOrderItemStatus.OTHER]: TaskingLineState.OTHER,
};

export function stateOfTasking(tasking: Pick<Tasking, 'status'>): TaskingLineState {
  return LEGACY_STATES[tasking.status];
}

export function stateOfOrderItem(item: Pick<NeoOrderItem, 'status'>): TaskingLineState {
  return NEO_STATES[item.status];
}

/** Both back ends' mapping modules fill their own fields; a Neo order item is the one with a quotation. */
export function isNeoOrderItem(line: TaskingLine): line is NeoOrderItem {
  return 'quotationId' in line;
}

/** A coverage item names its order item; a segment, its tasking. */
export function isCoverageItem(acquisition: Acquisition): acquisition is CoverageItem {
  return 'orderItemId' in acquisition;
}

/** Whether the customer must accept or refuse it (legacy "Proposed", Neo PROPOSED). */
export function awaitsDecision(acquisition: Acquisition): boolean {
  return isCoverageItem(acquisition)
    ? acquisition.status === CoverageStatus.PROPOSED
    : acquisition.status.toLowerCase() === 'proposed';
}
