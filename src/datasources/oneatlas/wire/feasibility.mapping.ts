import type { Mission } from '../../../domain/enums.js';
import { enumValueOf, FeasibilityAutomation, FeasibilityClassification } from '../../../domain/enums.js';
import type {
  Attempt,
  Feasibility,
  ProgCapacity,
  ProgTypeCapacity,
  TaskingSearch,
  UpstreamIssue,
} from '../../../domain/feasibility.js';
import { pointFromWkt, polygonFromWkt, polygonToWire } from './geometry.mapping.js';
import {
  checkedList,
  parsedField,
  requiredBoolean,
  requiredNumber,
  requiredString,
  type WireRecord,
  WireShapeError,
  wireRecord,
} from './shape.js';
import type {
  WireAttemptSegment,
  WireErrorItem,
  WireFeasibility,
  WireMission,
  WireProgCapacities,
  WireProgTypeCapacity,
  WireTaskingSearchRequest,
} from './types.js';

const MISSION_TO_WIRE: Record<Mission, WireMission> = {
  PLEIADES: 'PLEIADES',
  SPOT: 'SPOT',
  PLEIADES_NEO: 'PLEIADESNEO',
};

const MISSION_FROM_WIRE: Record<WireMission, Mission> = {
  PLEIADES: 'PLEIADES',
  SPOT: 'SPOT',
  PLEIADESNEO: 'PLEIADES_NEO',
};

export function missionToWire(mission: Mission): WireMission {
  return MISSION_TO_WIRE[mission];
}

export function missionFromWire(mission: WireMission): Mission {
  return MISSION_FROM_WIRE[mission];
}

/** The body of POST /feasibility and POST /attempts (the same shape for both). */
export function taskingSearchToWire(search: TaskingSearch): WireTaskingSearchRequest {
  const { acquisitionMode, maxCloudCover, maxIncidenceAngle } = search.optical;
  return {
    progTypeNames: [...search.progTypes],
    missions: search.missions.map(missionToWire),
    contractId: search.contractId,
    acquisitionDate: {
      startDate: search.window.start.toISOString(),
      endDate: search.window.end?.toISOString() ?? null,
    },
    optical: {
      acquisitionMode,
      ...(maxCloudCover === null ? {} : { maxCloudCover }),
      ...(maxIncidenceAngle === null ? {} : { maxIncidenceAngle }),
    },
    aoi: polygonToWire(search.aoi),
  };
}

/** The answer of POST /feasibility and POST /attempts, checked for what the mapping needs. */
export function progCapacitiesFromWire(answer: unknown): ProgCapacity[] {
  const wire = wireRecord(answer, 'answer');
  checkedList(wire, 'progCapacities', 'answer', (capacity, where) => {
    knownMission(capacity, where);
    checkedList(capacity, 'progTypes', where, (progType, path) => {
      requiredString(progType, 'name', path);
      knownMission(progType, path);
      requiredBoolean(progType, 'available', path);
      if (progType.feasibility !== undefined && progType.feasibility !== null) {
        const feasibility = wireRecord(progType.feasibility, `${path}.feasibility`);
        requiredString(feasibility, 'classification', `${path}.feasibility`);
        requiredString(feasibility, 'automation', `${path}.feasibility`);
      }
      if (progType.segments !== undefined) checkedList(progType, 'segments', path, checkAttemptSegment);
      if (progType.errors !== undefined) {
        checkedList(progType, 'errors', path, (item, at) => requiredString(item, 'code', at));
      }
    });
  });
  return (wire as unknown as WireProgCapacities).progCapacities.map((capacity) => ({
    mission: missionFromWire(capacity.mission),
    progTypes: capacity.progTypes.map(progTypeCapacityFromWire),
  }));
}

function knownMission(record: WireRecord, where: string): void {
  const mission = requiredString(record, 'mission', where);
  if (!Object.hasOwn(MISSION_FROM_WIRE, mission)) {
    throw new WireShapeError(`${where}.mission`, Object.keys(MISSION_FROM_WIRE).join(', '));
  }
}

function checkAttemptSegment(segment: WireRecord, where: string): void {
  for (const key of ['id', 'segmentKey']) requiredString(segment, key, where);
  requiredNumber(segment, 'incidenceAngle', where);
  for (const key of ['orderDeadline', 'acquisitionStartDate', 'acquisitionEndDate']) {
    const text = requiredString(segment, key, where);
    parsedField(`${where}.${key}`, 'a date', () => new Date(text));
  }
  const footprint = wireRecord(segment.footprint, `${where}.footprint`);
  const geometry = requiredString(footprint, 'geometry', `${where}.footprint`);
  const center = requiredString(footprint, 'center', `${where}.footprint`);
  parsedField(`${where}.footprint.geometry`, 'a WKT POLYGON', () => polygonFromWkt(geometry));
  parsedField(`${where}.footprint.center`, 'a WKT POINT', () => pointFromWkt(center));
}

function progTypeCapacityFromWire(wire: WireProgTypeCapacity): ProgTypeCapacity {
  return {
    name: wire.name,
    mission: missionFromWire(wire.mission),
    available: wire.available,
    feasibility: wire.feasibility ? feasibilityFromWire(wire.feasibility) : null,
    attempts: (wire.segments ?? []).map(attemptFromWire),
    errors: (wire.errors ?? []).map(upstreamIssueFromWire),
  };
}

function feasibilityFromWire(wire: WireFeasibility): Feasibility {
  return {
    classification: wire.classification,
    automation: wire.automation,
    automationName: wire.automationName ?? null,
    classificationLevel: enumValueOf(FeasibilityClassification, wire.classification),
    automationMode: enumValueOf(FeasibilityAutomation, wire.automation),
  };
}

function attemptFromWire(wire: WireAttemptSegment): Attempt {
  return {
    satellite: wire.id,
    segmentKey: wire.segmentKey,
    footprint: polygonFromWkt(wire.footprint.geometry),
    center: pointFromWkt(wire.footprint.center),
    instrumentMode: wire.instrumentMode ?? null,
    orderDeadline: new Date(wire.orderDeadline),
    acquisitionStart: new Date(wire.acquisitionStartDate),
    acquisitionEnd: new Date(wire.acquisitionEndDate),
    incidenceAngle: wire.incidenceAngle,
    acrossTrackIncidenceAngle: wire.acrossTrackIncidenceAngle ?? null,
    extendedAngle: wire.extendedAngle ?? null,
  };
}

function upstreamIssueFromWire(wire: WireErrorItem): UpstreamIssue {
  return { code: wire.code, locator: wire.locator ?? null, message: wire.message ?? null };
}
