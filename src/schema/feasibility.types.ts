import { Field, Float, ObjectType } from 'type-graphql';
import type * as domain from '../domain/feasibility.js';
import type { Point, Polygon } from '../domain/geo.js';
import { UpstreamIssue } from './common.types.js';
import { FeasibilityAutomation, FeasibilityClassification, Mission, ProgType } from './enums.js';
import { DateTimeScalar, GeoJSONPointScalar, GeoJSONPolygonScalar } from './scalars/index.js';

@ObjectType({
  description: 'The automatic feasibility verdict for one offer. Copy it into `OrderInput.feasibility`.',
})
export class Feasibility implements domain.Feasibility {
  @Field(() => String, {
    description: 'EASY or CHALLENGING (affects the ONEPLAN price), as the upstream wrote it.',
    deprecationReason: 'Use `classificationLevel`, typed.',
  })
  classification!: string;

  @Field(() => String, {
    description:
      'AUTOMATIC, or MANUAL when Airbus experts must study the request first, as the upstream wrote it.',
    deprecationReason: 'Use `automationMode`, typed.',
  })
  automation!: string;

  @Field(() => FeasibilityClassification, {
    nullable: true,
    description: '`classification`, typed; null for a value the gateway does not know yet.',
  })
  classificationLevel!: FeasibilityClassification | null;

  @Field(() => FeasibilityAutomation, {
    nullable: true,
    description: '`automation`, typed; null for a value the gateway does not know yet.',
  })
  automationMode!: FeasibilityAutomation | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the automatic rule, e.g. AutomaticTasking30.',
  })
  automationName!: string | null;
}

@ObjectType({ description: 'One possible acquisition pass, from `attempts`.' })
export class Attempt implements domain.Attempt {
  @Field(() => String, { description: 'Satellite, e.g. PHR1A.' })
  satellite!: string;

  @Field(() => String, {
    description: 'Opaque key of this pass; pass it unchanged as `OrderInput.segmentKey`.',
  })
  segmentKey!: string;

  @Field(() => GeoJSONPolygonScalar, { description: 'Ground footprint (converted from the upstream WKT).' })
  footprint!: Polygon;

  @Field(() => GeoJSONPointScalar, { description: 'Footprint centre.' })
  center!: Point;

  @Field(() => String, { nullable: true, description: 'Instrument mode, e.g. THR.' })
  instrumentMode!: string | null;

  @Field(() => DateTimeScalar, { description: 'Last moment to order this pass.' })
  orderDeadline!: Date;

  @Field(() => DateTimeScalar, { description: 'Acquisition start.' })
  acquisitionStart!: Date;

  @Field(() => DateTimeScalar, { description: 'Acquisition end.' })
  acquisitionEnd!: Date;

  @Field(() => Float, { description: 'Incidence angle, degrees.' })
  incidenceAngle!: number;

  @Field(() => Float, { nullable: true, description: 'Across-track incidence angle, degrees.' })
  acrossTrackIncidenceAngle!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the pass needs an extended angle.' })
  extendedAngle!: boolean | null;
}

@ObjectType({ description: 'What one offer (progType) of one mission can do for the request.' })
export class ProgTypeCapacity implements domain.ProgTypeCapacity {
  @Field(() => ProgType, { description: 'The offer.' })
  name!: ProgType;

  @Field(() => Mission, { description: 'The mission.' })
  mission!: Mission;

  @Field(() => Boolean, { description: 'Whether the offer can serve the request; see `errors` when not.' })
  available!: boolean;

  @Field(() => Feasibility, { nullable: true, description: 'Feasibility verdict (from `feasibility` only).' })
  feasibility!: Feasibility | null;

  @Field(() => [Attempt], { description: 'Passes (from `attempts` only; empty when there is none).' })
  attempts!: Attempt[];

  @Field(() => [UpstreamIssue], { description: 'Why the offer is unavailable, e.g. ERR_MIN_AOI_AREA.' })
  errors!: UpstreamIssue[];
}

@ObjectType({ description: 'The offers of one mission.' })
export class ProgCapacity implements domain.ProgCapacity {
  @Field(() => Mission, { description: 'The mission.' })
  mission!: Mission;

  @Field(() => [ProgTypeCapacity], { description: 'One entry per requested offer.' })
  progTypes!: ProgTypeCapacity[];
}
