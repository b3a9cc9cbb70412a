import type {
  AcquisitionMode,
  FeasibilityAutomation,
  FeasibilityClassification,
  Mission,
  ProgType,
} from './enums.js';
import type { Point, Polygon } from './geo.js';

export interface TaskingSearch {
  contractId: string;
  missions: Mission[];
  progTypes: ProgType[];
  aoi: Polygon;
  window: { start: Date; end: Date | null };
  optical: {
    acquisitionMode: AcquisitionMode;
    maxCloudCover: number | null;
    maxIncidenceAngle: number | null;
  };
}

/** The upstream's feasibility verdict: its words, and the same typed (null for a value not known yet). */
export interface Feasibility {
  classification: string;
  automation: string;
  automationName: string | null;
  classificationLevel: FeasibilityClassification | null;
  automationMode: FeasibilityAutomation | null;
}

/** A problem the upstream reports about one progType (e.g. ERR_MIN_AOI_AREA), part of the data. */
export interface UpstreamIssue {
  code: string;
  locator: string | null;
  message: string | null;
}

/** One possible acquisition pass, as returned by attempts. */
export interface Attempt {
  satellite: string;
  segmentKey: string;
  footprint: Polygon;
  center: Point;
  instrumentMode: string | null;
  orderDeadline: Date;
  acquisitionStart: Date;
  acquisitionEnd: Date;
  incidenceAngle: number;
  acrossTrackIncidenceAngle: number | null;
  extendedAngle: boolean | null;
}

export interface ProgTypeCapacity {
  name: ProgType;
  mission: Mission;
  available: boolean;
  feasibility: Feasibility | null;
  attempts: Attempt[];
  errors: UpstreamIssue[];
}

export interface ProgCapacity {
  mission: Mission;
  progTypes: ProgTypeCapacity[];
}
