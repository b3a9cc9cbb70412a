/**
 * The life of a tasking, evaluated lazily from the simulated clock whenever state is read, so nothing
 * runs in the background and the result only depends on the clock and on the customer's decisions:
 *
 * - Manual feasibility (STEREO/TRISTEREO or feasibilityAutomation MANUAL) starts in "Feasibility study
 *   in progress", with nothing charged. The study takes one simulated day; the order then still waits
 *   for the requester, who confirms it (charged then, "In Progress" from then) or declines it
 *   ("Canceled", nothing charged). The guide shows no API call for that: the OneAtlas web application
 *   does it, and here the control interface (`confirmStudiedTasking`). Others start "In Progress".
 * - A plan (OnePlan/OneSeries) acquires once every simulated day after max(period start, the moment it
 *   became In Progress), until its period ends. Acquisitions alternate between the two satellites and
 *   between the west and east halves of the AOI. A single-pass tasking (OneDay/OneNow) acquires at the
 *   ordered pass (from its segmentKey), covering the whole AOI; a OneNow tasking given further passes
 *   (`acqPeriods`) acquires at the next of them each time its last acquisition is refused.
 * - Every acquisition is proposed to the customer (status "Proposed"): the simulator does not judge one
 *   against maxCloudCover. Accept → "Validated" (the acquisition is delivered as an opensearch feature in
 *   the contract's workspace, and the validated area grows to the union of validated parts); refuse →
 *   "Refused". A OneDay acquisition is "Validated" (and delivered) at once: the guide's order step says
 *   "For OneDay offer, notificationThreshold and maxCloudCover will not be considered and forced to
 *   100%", so no cloud cover makes it fall short of the order, and there is nothing to propose.
 * - "Completed" once the validated area reaches the ordered area, or once the period is over and no
 *   proposal is still waiting for a decision. "Canceled" taskings never change.
 */
import type {
  WireImageFeature,
  WireMission,
  WirePolygon,
  WireSegment,
  WireTasking,
} from '../datasources/oneatlas/wire/types.js';
import {
  findProductType,
  ignoresCloudCover,
  type ProductTypeDefinition,
  SATELLITES_BY_MISSION,
} from './catalog.js';
import { hashedBetween, hashedUuid } from './determinism.js';
import { boundingBox, boxToPolygon, eastHalf, growBox, westHalf } from './geometry.js';
import {
  type CoveredPart,
  type SegmentRecord,
  type SimulatorState,
  TASKING_STATUS,
  type TaskingRecord,
} from './state.js';
import { conflict, notFound } from './upstream-error.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
export const FEASIBILITY_STUDY_DURATION_MS = DAY_MS;
export const PLAN_ACQUISITION_INTERVAL_MS = DAY_MS;
/** guide sample: a OneDay tasking's period spans its pass ± 15 minutes. */
const SINGLE_PASS_PERIOD_MARGIN_MS = 15 * MINUTE_MS;

export interface NewTasking {
  contractId: string;
  salesOrderId: string;
  productType: ProductTypeDefinition;
  aoi: WirePolygon;
  orderedAreaM2: number;
  customerRef: string;
  acquisitionMode: TaskingRecord['acquisitionMode'];
  maxIncidenceAngle: number;
  requiresManualFeasibility: boolean;
  /** What a manual-feasibility tasking charges when the requester confirms it; ignored otherwise. */
  amountDueOnConfirmation: number;
  /** The plan's acqPeriod; ignored when `pass` is given. */
  period: { startMs: number; endMs: number } | null;
  pass: { satellite: string; startDate: string; endDate: string } | null;
  /** OneNow: the passes tried after `pass`, in time order, until one acquisition covers the AOI. */
  extraPasses: { startDate: string; endDate: string }[];
  createdAtMs: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function createTasking(state: SimulatorState, draft: NewTasking): TaskingRecord {
  const number = String(state.nextTaskingNumber++).padStart(7, '0');
  const lastPass = draft.extraPasses.at(-1) ?? draft.pass;
  const period = draft.pass
    ? {
        startDate: iso(Date.parse(draft.pass.startDate) - SINGLE_PASS_PERIOD_MARGIN_MS),
        endDate: iso(Date.parse(lastPass?.endDate ?? draft.pass.endDate) + SINGLE_PASS_PERIOD_MARGIN_MS),
      }
    : {
        startDate: iso(draft.period?.startMs ?? draft.createdAtMs),
        endDate: iso(draft.period?.endMs ?? draft.createdAtMs),
      };
  const tasking: TaskingRecord = {
    id: `ICR_FC_${number}`,
    salesOrderId: draft.salesOrderId,
    serviceOrderId: `SO${number}`,
    contractId: draft.contractId,
    productTypeId: draft.productType.productTypeId,
    mission: draft.productType.mission,
    progTypeLabel: draft.productType.progTypeLabel,
    aoi: draft.aoi,
    customerRef: draft.customerRef,
    acquisitionMode: draft.acquisitionMode,
    maxIncidenceAngle: draft.maxIncidenceAngle,
    status: draft.requiresManualFeasibility ? TASKING_STATUS.feasibilityStudy : TASKING_STATUS.inProgress,
    createdAt: iso(draft.createdAtMs),
    feasibilityStudyEndsAt: draft.requiresManualFeasibility
      ? iso(draft.createdAtMs + FEASIBILITY_STUDY_DURATION_MS)
      : null,
    ...(draft.requiresManualFeasibility ? { amountDueOnConfirmation: draft.amountDueOnConfirmation } : {}),
    period,
    plannedPass: draft.pass,
    extraPasses: draft.extraPasses,
    orderedAreaM2: draft.orderedAreaM2,
    acquisitionsMade: 0,
    segments: [],
  };
  state.taskings.push(tasking);
  return tasking;
}

/** When the acquisition with this index happens, or null when there is none. */
function acquisitionTimeMs(tasking: TaskingRecord, index: number): number | null {
  const activeSinceMs = Date.parse(tasking.confirmedAt ?? tasking.createdAt);
  if (tasking.plannedPass !== null) {
    // The chosen pass first; then (OneNow) the next further pass, once the last acquisition was refused.
    if (index > 0 && tasking.segments[index - 1]?.status !== 'Refused') return null;
    const pass = index === 0 ? tasking.plannedPass : (tasking.extraPasses ?? [])[index - 1];
    const passMs = pass === undefined ? Number.NaN : Date.parse(pass.startDate);
    return passMs >= activeSinceMs ? passMs : null;
  }
  const anchorMs = Math.max(Date.parse(tasking.period.startDate), activeSinceMs);
  const atMs = anchorMs + (index + 1) * PLAN_ACQUISITION_INTERVAL_MS;
  return atMs <= Date.parse(tasking.period.endDate) ? atMs : null;
}

function satelliteOf(tasking: TaskingRecord, index: number): string {
  const satellites = SATELLITES_BY_MISSION[tasking.mission];
  return tasking.plannedPass?.satellite ?? satellites[index % 2] ?? satellites[0];
}

function acquire(tasking: TaskingRecord, index: number, atMs: number): SegmentRecord {
  const satellite = satelliteOf(tasking, index);
  const coveredPart: CoveredPart = tasking.plannedPass !== null ? 'whole' : index % 2 === 0 ? 'west' : 'east';
  const box = growBox(boundingBox(tasking.aoi), 0.05);
  const footprintBox = coveredPart === 'west' ? westHalf(box) : coveredPart === 'east' ? eastHalf(box) : box;
  const compactDate = iso(atMs).replace(/[-:]/g, '').slice(0, 15).replace('T', '');
  const sequence = index + 1;
  const progType = findProductType(tasking.productTypeId)?.progType;
  const validated = progType !== undefined && ignoresCloudCover(progType);
  return {
    id: `${tasking.id.replace('ICR_', 'AS_')}_1_${sequence}`,
    status: validated ? 'Validated' : 'Proposed',
    satellite,
    catalogId: `DS_${satellite}_${compactDate}_${tasking.id.slice('ICR_FC_'.length)}${sequence}`,
    footprint: boxToPolygon(footprintBox),
    coveredPart,
    incidenceAngle: hashedBetween(
      0,
      Math.min(tasking.maxIncidenceAngle, 50),
      4,
      tasking.id,
      sequence,
      'incidence',
    ),
    clearSkyRate: hashedBetween(60, 100, 4, tasking.id, sequence, 'clear-sky'),
    acquisitionDate: iso(atMs).replace(/\.\d{3}Z$/, 'Z'),
    decidedAt: validated ? iso(atMs) : null,
  };
}

function validatedFraction(tasking: TaskingRecord): number {
  const parts = new Set(
    tasking.segments.filter((segment) => segment.status === 'Validated').map((s) => s.coveredPart),
  );
  if (parts.has('whole') || (parts.has('west') && parts.has('east'))) return 1;
  return parts.size > 0 ? 0.5 : 0;
}

/** Brings one tasking up to the simulated `nowMs` (see the rules at the top of this file). */
export function settleTasking(state: SimulatorState, tasking: TaskingRecord, nowMs: number): void {
  if (tasking.status !== TASKING_STATUS.inProgress) return;
  for (
    let atMs = acquisitionTimeMs(tasking, tasking.acquisitionsMade);
    atMs !== null && atMs <= nowMs;
    atMs = acquisitionTimeMs(tasking, tasking.acquisitionsMade)
  ) {
    const segment = acquire(tasking, tasking.acquisitionsMade, atMs);
    tasking.segments.push(segment);
    tasking.acquisitionsMade += 1;
    if (segment.status === 'Validated') deliver(state, tasking, segment);
  }
  const periodOver = nowMs > Date.parse(tasking.period.endDate);
  const awaitingDecision = tasking.segments.some((segment) => segment.status === 'Proposed');
  if (validatedFraction(tasking) >= 1 || (periodOver && !awaitingDecision))
    tasking.status = TASKING_STATUS.completed;
}

/**
 * The requester's answer to a finished feasibility study, as the OneAtlas web application takes it:
 * `confirm` charges the contract and starts the tasking; `decline` cancels it, charging nothing.
 * 404 for an unknown tasking; 409 when it awaits no such answer, or (to confirm) its study is not done.
 */
export function answerFeasibilityStudy(
  state: SimulatorState,
  taskingId: string,
  answer: 'confirm' | 'decline',
  nowMs: number,
): TaskingRecord {
  const tasking = state.taskings.find((candidate) => candidate.id === taskingId);
  if (tasking === undefined) throw notFound(`Tasking '${taskingId}' not found.`, 'TASKING_NOT_FOUND');
  if (tasking.status !== TASKING_STATUS.feasibilityStudy) {
    throw conflict(
      'NOT_IN_FEASIBILITY_STUDY',
      `Tasking '${taskingId}' is ${tasking.status}; only an order in feasibility study awaits confirmation.`,
    );
  }
  if (answer === 'decline') {
    tasking.status = TASKING_STATUS.canceled;
    delete tasking.amountDueOnConfirmation;
    return tasking;
  }
  const studyEndsAt = tasking.feasibilityStudyEndsAt ?? tasking.createdAt;
  if (nowMs < Date.parse(studyEndsAt)) {
    throw conflict(
      'FEASIBILITY_STUDY_IN_PROGRESS',
      `The feasibility study of '${taskingId}' ends at ${studyEndsAt}; it can be confirmed after.`,
    );
  }
  const contract = state.contracts.find((candidate) => candidate.wire.contractId === tasking.contractId);
  if (contract !== undefined) {
    const credit = Number(contract.wire.creditRemaining ?? 0) - (tasking.amountDueOnConfirmation ?? 0);
    contract.wire.creditRemaining = credit.toFixed(2);
  }
  delete tasking.amountDueOnConfirmation;
  tasking.confirmedAt = iso(nowMs);
  tasking.status = TASKING_STATUS.inProgress;
  settleTasking(state, tasking, nowMs);
  return tasking;
}

/**
 * POST …/taskings/{id}/cancel, as the notes (§2.4) list it for SPOT/Pléiades, though the guide says
 * cancelling is "only available for Pléiades Neo" (docs/simulator.md says so too): a tasking in its feasibility study, in progress or paused
 * is Canceled and acquires nothing more (what was delivered stays); 409 once it is completed or
 * canceled.
 */
export function cancelTasking(state: SimulatorState, tasking: TaskingRecord, nowMs: number): TaskingRecord {
  settleTasking(state, tasking, nowMs);
  if (tasking.status === TASKING_STATUS.completed || tasking.status === TASKING_STATUS.canceled) {
    throw conflict('TASKING_NOT_CANCELABLE', `Tasking '${tasking.id}' is ${tasking.status}.`);
  }
  // An order still in its feasibility study was never charged: nothing is due any more.
  delete tasking.amountDueOnConfirmation;
  tasking.status = TASKING_STATUS.canceled;
  return tasking;
}

export function settleAll(state: SimulatorState, nowMs: number): void {
  for (const tasking of state.taskings) settleTasking(state, tasking, nowMs);
}

const CONSTELLATION_BY_MISSION: Record<WireMission, string> = {
  PLEIADES: 'PHR',
  SPOT: 'SPOT',
  PLEIADESNEO: 'PNEO',
};

function deliveredFeature(
  tasking: TaskingRecord,
  segment: SegmentRecord,
  workspaceId: string,
): WireImageFeature {
  const id = hashedUuid(segment.catalogId);
  return {
    type: 'Feature',
    id,
    geometry: segment.footprint,
    properties: {
      id,
      acquisitionDate: segment.acquisitionDate,
      cloudCover: Math.round((100 - segment.clearSkyRate) * 100) / 100,
      incidenceAngle: segment.incidenceAngle,
      platform: segment.satellite,
      constellation: CONSTELLATION_BY_MISSION[tasking.mission],
      sourceIdentifier: segment.catalogId,
      workspaceId,
      taskingId: tasking.id,
      segmentId: segment.id,
      customerReference: tasking.customerRef,
      processingLevel: 'SENSOR',
      productType: tasking.acquisitionMode === 'MONO' ? 'mono' : tasking.acquisitionMode.toLowerCase(),
      publicationDate: segment.decidedAt,
    },
  };
}

/** A validated acquisition reaches the contract's workspace as an opensearch feature. */
function deliver(state: SimulatorState, tasking: TaskingRecord, segment: SegmentRecord): void {
  const workspaceId = state.contracts.find(
    (contract) => contract.wire.contractId === tasking.contractId,
  )?.workspaceId;
  if (workspaceId === undefined) return;
  state.features.push({ workspaceId, feature: deliveredFeature(tasking, segment, workspaceId) });
}

/** Accepts or refuses a proposed acquisition: 404 when unknown, 409 when it is not "Proposed". */
export function decideSegment(
  state: SimulatorState,
  tasking: TaskingRecord,
  segmentId: string,
  decision: 'accept' | 'refuse',
  nowMs: number,
): SegmentRecord {
  settleTasking(state, tasking, nowMs);
  const segment = tasking.segments.find((candidate) => candidate.id === segmentId);
  if (segment === undefined) {
    throw notFound(`Segment '${segmentId}' not found in tasking '${tasking.id}'.`, 'SEGMENT_NOT_FOUND');
  }
  if (segment.status !== 'Proposed') {
    throw conflict(
      'SEGMENT_NOT_PROPOSED',
      `Segment '${segmentId}' is ${segment.status}; only a Proposed segment can be accepted or refused.`,
    );
  }
  segment.status = decision === 'accept' ? 'Validated' : 'Refused';
  segment.decidedAt = iso(nowMs);
  if (segment.status === 'Validated') deliver(state, tasking, segment);
  settleTasking(state, tasking, nowMs);
  return segment;
}

export function toWireTasking(tasking: TaskingRecord): WireTasking {
  return {
    sal: tasking.salesOrderId,
    so: tasking.serviceOrderId,
    icr: {
      id: tasking.id,
      aoi: tasking.aoi,
      progTypeName: tasking.progTypeLabel,
      status: tasking.status,
      nbProposedSegments: tasking.segments.filter((segment) => segment.status === 'Proposed').length,
      nbTotalSegments: tasking.segments.length,
      period: tasking.period,
      seriesInformation: null,
      customerRef: tasking.customerRef,
      taskingProgress: {
        orderedArea: tasking.orderedAreaM2,
        validatedArea: tasking.orderedAreaM2 * validatedFraction(tasking),
      },
      attempts: tasking.plannedPass
        ? [tasking.plannedPass, ...(tasking.extraPasses ?? [])]
            .map((pass) => `${pass.startDate} ${pass.endDate}`)
            .join(',')
        : null,
    },
  };
}

export function toWireSegment(segment: SegmentRecord): WireSegment {
  return {
    id: segment.id,
    status: segment.status,
    asDetail1: {
      catalogId: segment.catalogId,
      footprint: segment.footprint,
      incidenceAngle: segment.incidenceAngle,
      clearSkyRate: segment.clearSkyRate,
      acquisitionDate: segment.acquisitionDate,
    },
  };
}
