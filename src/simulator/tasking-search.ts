/**
 * POST /feasibility and POST /attempts: what the guide and the notes say the upstream answers, made
 * deterministic so tests can rely on it.
 */
import type {
  WireAttemptSegment,
  WireErrorItem,
  WireErrorList,
  WireFeasibility,
  WireMission,
  WirePolygon,
  WireProgCapacities,
  WireProgType,
  WireProgTypeCapacity,
} from '../datasources/oneatlas/wire/types.js';
import {
  findProductType,
  INSTRUMENT_MODE_BY_MISSION,
  PROG_TYPES_BY_MISSION,
  PROG_TYPES_WITH_ATTEMPTS,
  SATELLITES_BY_MISSION,
  SINGLE_PASS_AOI_LIMITS,
} from './catalog.js';
import { hashedBetween, unitHash } from './determinism.js';
import {
  boundingBox,
  boxCenterWkt,
  boxHeightKm,
  extentKm,
  footprintBoxOf,
  geodesicAreaKm2,
  passFootprintWkt,
  polygonToWkt,
} from './geometry.js';
import type { TaskingSearch } from './request-parsing.js';
import { signSegmentKey } from './segment-key.js';
import type { ContractRecord } from './state.js';
import { badRequest, UpstreamError } from './upstream-error.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** guide: attempts are "the first possible attempts ... within a 7-day timeframe from the defined start date". */
const ATTEMPTS_HORIZON_MS = 7 * DAY_MS;
/** guide sample: pass at 11:10:44, orderDeadline at 02:55:00, i.e. about 8 h 15 min before. */
const ORDER_DEADLINE_BEFORE_PASS_MS = 8 * HOUR_MS + 15 * 60_000;
/** Incidence beyond which a pass needs the extended (agility) angle. */
const STANDARD_MAX_INCIDENCE = 30;
/** The steepest incidence a simulated pass can have. */
const MAX_PASS_INCIDENCE = 50;
/** Share of (satellite, day) pairs with no pass over the AOI. */
const NO_PASS_SHARE = 1 / 3;
/** Along-track ground speed of the imaging, km/s; sets a pass's duration from the AOI's height. */
const IMAGING_SPEED_KM_PER_S = 7;

/**
 * notes §5 "Settings that qualify for automatic acceptance": MONO, maxCloudCover ≥ 10,
 * maxIncidenceAngle ≥ 20, and a window of at least these days (ONEPLAN 30, ONENOWWEATHER 3).
 * ONEDAY/ONENOW(ATTEMPTS) "depend on orbit": the simulator needs no minimum window for them.
 */
const MINIMUM_AUTOMATIC_WINDOW_DAYS: Partial<Record<WireProgType, number>> = {
  ONEPLAN: 30,
  ONESERIES: 30,
  ONENOWWEATHER: 3,
};
/** notes §5: "ONEPLAN window ≥ 30 days (≥ 60 days for EASY classification)". */
const EASY_ONEPLAN_WINDOW_DAYS = 60;

function missionsOfContract(contract: ContractRecord): Set<WireMission> {
  return new Set(contract.productTypeIds.flatMap((id) => findProductType(id)?.mission ?? []));
}

/** Why a (mission, progType) pair cannot be studied at all, or null when it can. */
function refusalOf(
  mission: WireMission,
  progType: WireProgType,
  contract: ContractRecord,
): WireErrorItem | null {
  if (!PROG_TYPES_BY_MISSION[mission].includes(progType)) {
    return {
      code: 'ERR_INVALID_PROG_TYPE',
      locator: 'PROG_TYPE',
      message: `${progType} is not offered for ${mission}.`,
    };
  }
  if (!missionsOfContract(contract).has(mission)) {
    return {
      code: 'ERR_MISSION_NOT_IN_CONTRACT',
      locator: 'MISSION',
      message: `Contract ${contract.wire.contractId} does not give access to ${mission}.`,
    };
  }
  return null;
}

function unavailable(mission: WireMission, name: WireProgType, error: WireErrorItem): WireProgTypeCapacity {
  return { name, mission, available: false, errors: [error] };
}

/**
 * notes §5: the ONEDAY / ONENOW AOI limits of the mission's sensor, every one the AOI breaks, as the
 * guide's ERR_MIN_AOI_AREA sample reports one (`locator:"AOI"`, the limit as the message: km² for an
 * area, km for an extent). The notes name no code for the extents: ERR_MAX_AOI_HEIGHT / _WIDTH follow it.
 */
function aoiLimitErrors(mission: WireMission, aoi: WirePolygon): WireErrorItem[] {
  const limits = SINGLE_PASS_AOI_LIMITS[mission];
  const areaKm2 = geodesicAreaKm2(aoi);
  const { heightKm, widthKm } = extentKm(aoi);
  const broken: [code: string, limit: number][] = [];
  if (areaKm2 < limits.minKm2) broken.push(['ERR_MIN_AOI_AREA', limits.minKm2]);
  if (areaKm2 > limits.maxKm2) broken.push(['ERR_MAX_AOI_AREA', limits.maxKm2]);
  if (heightKm > limits.maxHeightKm) broken.push(['ERR_MAX_AOI_HEIGHT', limits.maxHeightKm]);
  if (widthKm > limits.maxWidthKm) broken.push(['ERR_MAX_AOI_WIDTH', limits.maxWidthKm]);
  return broken.map(([code, limit]) => ({ code, locator: 'AOI', message: String(limit) }));
}

function feasibilityOf(search: TaskingSearch, progType: WireProgType, windowDays: number): WireFeasibility {
  const minimumWindowDays = MINIMUM_AUTOMATIC_WINDOW_DAYS[progType] ?? 0;
  const automatic =
    search.acquisitionMode === 'MONO' &&
    search.maxCloudCover >= 10 &&
    search.maxIncidenceAngle >= 20 &&
    windowDays >= minimumWindowDays;
  const classification =
    progType !== 'ONEPLAN' || windowDays >= EASY_ONEPLAN_WINDOW_DAYS ? 'EASY' : 'CHALLENGING';
  const automationName =
    minimumWindowDays > 0 ? `AutomaticTasking${minimumWindowDays}` : `AutomaticTasking${progType}`;
  return automatic
    ? { classification, automation: 'AUTOMATIC', automationName }
    : { classification, automation: 'MANUAL', automationName: null };
}

export function feasibilityCapacities(search: TaskingSearch): WireProgCapacities {
  if (search.endMs === null)
    throw badRequest('acquisitionDate.endDate is required for a feasibility study.', 'INVALID_DATE');
  const windowDays = (search.endMs - search.startMs) / DAY_MS;
  return {
    progCapacities: search.missions.map((mission) => ({
      mission,
      progTypes: search.progTypeNames.map((name): WireProgTypeCapacity => {
        const refusal = refusalOf(mission, name, search.contract);
        if (refusal !== null) return unavailable(mission, name, refusal);
        return { name, mission, feasibility: feasibilityOf(search, name, windowDays), available: true };
      }),
    })),
  };
}

/**
 * The passes of a mission's two satellites over the AOI. Each (AOI, mission, satellite, UTC day) is
 * hashed: a third of them have no pass; the others pass around 10:30 local solar time (sun-synchronous
 * orbit) at a hashed incidence. A pass is offered when it lies in the attempts window, its incidence is
 * within maxIncidenceAngle and its order deadline is still ahead.
 */
function passesOver(
  search: TaskingSearch,
  mission: WireMission,
  nowMs: number,
  secret: string,
): WireAttemptSegment[] {
  // guide: "if you try to set [the start date] in the past, the value will be replaced by the current date".
  const windowStartMs = Math.max(search.startMs, nowMs);
  const windowEndMs = Math.min(windowStartMs + ATTEMPTS_HORIZON_MS, search.endMs ?? Number.POSITIVE_INFINITY);
  const aoiKey = polygonToWkt(search.aoi);
  const aoiBox = boundingBox(search.aoi);
  const centerLongitude = (aoiBox.west + aoiBox.east) / 2;
  const footprintBox = footprintBoxOf(search.aoi);
  const geometryWkt = passFootprintWkt(search.aoi);
  const durationMs = Math.max(1000, Math.round((boxHeightKm(aoiBox) / IMAGING_SPEED_KM_PER_S) * 1000));
  const passes: WireAttemptSegment[] = [];
  const firstDayMs = Math.floor(windowStartMs / DAY_MS) * DAY_MS - DAY_MS;
  for (let dayMs = firstDayMs; dayMs <= windowEndMs + DAY_MS; dayMs += DAY_MS) {
    const day = new Date(dayMs).toISOString().slice(0, 10);
    SATELLITES_BY_MISSION[mission].forEach((satellite, satelliteIndex) => {
      const seed = [aoiKey, mission, satellite, day] as const;
      if (unitHash(...seed, 'pass') < NO_PASS_SHARE) return;
      const localSolarHour =
        10.5 + (satelliteIndex === 0 ? -0.3 : 0.3) + hashedBetween(-0.25, 0.25, 4, ...seed, 'time');
      const startMs = Math.round(dayMs + (localSolarHour - centerLongitude / 15) * HOUR_MS);
      const orderDeadlineMs = startMs - ORDER_DEADLINE_BEFORE_PASS_MS;
      const incidenceAngle = hashedBetween(0, MAX_PASS_INCIDENCE, 1, ...seed, 'incidence');
      const inWindow = startMs >= windowStartMs && startMs + durationMs <= windowEndMs;
      if (!inWindow || incidenceAngle > search.maxIncidenceAngle || orderDeadlineMs <= nowMs) return;
      const acquisitionStartDate = new Date(startMs).toISOString();
      const acquisitionEndDate = new Date(startMs + durationMs).toISOString();
      const orderDeadline = new Date(orderDeadlineMs).toISOString();
      const extendedAngle = incidenceAngle > STANDARD_MAX_INCIDENCE;
      passes.push({
        id: satellite,
        footprint: { geometry: geometryWkt, center: boxCenterWkt(footprintBox) },
        instrumentMode: INSTRUMENT_MODE_BY_MISSION[mission],
        orderDeadline,
        extendedAngle,
        acquisitionStartDate,
        acquisitionEndDate,
        incidenceAngle,
        acrossTrackIncidenceAngle: incidenceAngle * hashedBetween(0.85, 1, 6, ...seed, 'across'),
        segmentKey: signSegmentKey(secret, {
          mission,
          satellite,
          acquisitionStartDate,
          acquisitionEndDate,
          orderDeadline,
          extendedAngle,
          geometryWkt,
          maxCloudCover: search.maxCloudCover,
          maxIncidenceAngle: search.maxIncidenceAngle,
        }),
      });
    });
  }
  return passes.sort((a, b) => a.acquisitionStartDate.localeCompare(b.acquisitionStartDate));
}

const NO_SENSOR_AVAILABLE: WireErrorList = {
  errors: [{ code: 'ERR_NO_SENSOR_AVAILABLE', locator: 'UNKNOWN' }],
};

/**
 * notes §2.2: "no attempt" is HTTP 500 ERR_NO_SENSOR_AVAILABLE. The simulator answers it when at least
 * one requested progType could be searched and none of them has a pass; when every progType was refused
 * (e.g. AOI too small) the refusals themselves are the answer, as in the guide's ERR_MIN_AOI_AREA sample.
 */
export function attemptCapacities(search: TaskingSearch, nowMs: number, secret: string): WireProgCapacities {
  let searchedAny = false;
  let foundAny = false;
  const progCapacities = search.missions.map((mission) => ({
    mission,
    progTypes: search.progTypeNames.map((name): WireProgTypeCapacity => {
      const refusal =
        refusalOf(mission, name, search.contract) ??
        (PROG_TYPES_WITH_ATTEMPTS.includes(name)
          ? null
          : {
              code: 'ERR_PROG_TYPE_WITHOUT_ATTEMPTS',
              locator: 'PROG_TYPE',
              message: `${name} has no attempts.`,
            });
      if (refusal !== null) return unavailable(mission, name, refusal);
      const aoiErrors = aoiLimitErrors(mission, search.aoi);
      if (aoiErrors.length > 0) return { name, mission, errors: aoiErrors, segments: [], available: false };
      searchedAny = true;
      const segments = passesOver(search, mission, nowMs, secret);
      foundAny ||= segments.length > 0;
      return { name, mission, segments, available: segments.length > 0 };
    }),
  }));
  if (searchedAny && !foundAny) throw new UpstreamError(500, NO_SENSOR_AVAILABLE);
  return { progCapacities };
}
