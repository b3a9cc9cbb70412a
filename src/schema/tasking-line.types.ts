import { Field, Float, ID, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { MAX_SEGMENT_READS_PER_REQUEST } from '../datasources/loaders.js';
import type { Polygon } from '../domain/geo.js';
import * as domain from '../domain/tasking-line.js';
import { TimeWindow } from './common.types.js';
import { ConnectionType } from './connection.js';
import { DateTimeScalar, GeoJSONPolygonScalar } from './scalars/index.js';

registerEnumType(domain.TaskingLineState, {
  name: 'TaskingLineState',
  description:
    'Where a tasking line stands, the same words for both back ends (the back end’s own status is on `Tasking.status` / `NeoOrderItem.status`, its word in `statusLabel`).',
  valuesConfig: {
    PENDING: {
      description: 'Not acquired yet: a legacy feasibility study, or a Neo quotation not yet accepted.',
    },
    IN_PROGRESS: { description: 'Acquisitions are being attempted.' },
    PAUSED: { description: 'Paused upstream (legacy only).' },
    COMPLETED: { description: 'Acquired and delivered.' },
    CANCELLED: { description: 'Cancelled; a Neo item also when its quotation expired.' },
    STOPPED: { description: 'Stopped: no further acquisition, what was acquired stays (Neo only).' },
    OTHER: { description: 'A status this gateway does not know; read `statusLabel`.' },
  },
});

@InterfaceType({
  description:
    'An acquisition made for a tasking line, on either back end: a legacy `Segment` or a Pléiades Neo `CoverageItem`. Decide on one with `acceptSegment`/`refuseSegment` or `acceptCoverage`/`refuseCoverage` by its `__typename`.',
  resolveType: (acquisition: domain.Acquisition) =>
    domain.isCoverageItem(acquisition) ? 'CoverageItem' : 'Segment',
})
export abstract class Acquisition {
  @Field(() => ID, { description: 'Acquisition id (a segment AS_… or a coverage item id).' })
  id!: string;

  @Field(() => ID, { description: 'Contract of its tasking line.' })
  contractId!: string;

  @Field(() => ID, { description: 'The tasking line it was made for (`TaskingLine.id`).' })
  taskingLineId!: string;

  @Field(() => String, { description: 'Status as the upstream wrote it.' })
  statusLabel!: string;

  @Field(() => Boolean, { description: 'Whether it waits for you to accept or refuse it.' })
  awaitingDecision!: boolean;

  @Field(() => Float, { nullable: true, description: 'Cloud-free share of the AOI, %.' })
  clearSkyRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Incidence angle, degrees.' })
  incidenceAngle!: number | null;

  @Field(() => GeoJSONPolygonScalar, { nullable: true, description: 'Footprint.' })
  footprint!: Polygon | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Acquisition date.' })
  acquisitionDate!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the gateway read this from OneAtlas.' })
  fetchedAt!: Date;
}

@InterfaceType({
  description:
    'One line of a tasking list, on either back end: a legacy `Tasking` (ICR) or a Pléiades Neo `NeoOrderItem`. A frontend renders a list from these fields alone; back-end details are on the types.',
  resolveType: (line: domain.TaskingLine) => (domain.isNeoOrderItem(line) ? 'NeoOrderItem' : 'Tasking'),
})
export abstract class TaskingLine {
  @Field(() => ID, { description: 'Tasking id (ICR_…) or Neo order item id.' })
  id!: string;

  @Field(() => ID, { description: 'CIS contract.' })
  contractId!: string;

  @Field(() => String, {
    description: 'The contract’s back end: `legacy` or `neo` (as `Contract.backendSource`).',
  })
  backendSource!: string;

  @Field(() => String, { nullable: true, description: 'Your reference, as given when ordering or quoting.' })
  customerReference!: string | null;

  @Field(() => GeoJSONPolygonScalar, { nullable: true, description: 'Area of interest.' })
  aoi!: Polygon | null;

  @Field(() => TimeWindow, { nullable: true, description: 'Acquisition period.' })
  period!: TimeWindow | null;

  @Field(() => domain.TaskingLineState, { description: 'Where it stands, in words both back ends share.' })
  state!: domain.TaskingLineState;

  @Field(() => String, { description: 'Status as the upstream wrote it.' })
  statusLabel!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Validated (acquired and accepted) share of the area, 0–1.',
  })
  progress!: number | null;

  @Field(() => Int, { nullable: true, description: 'Acquisitions waiting for you to accept or refuse.' })
  proposedAcquisitionCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'All acquisitions made for it.' })
  totalAcquisitionCount!: number | null;

  @Field(() => [Acquisition], {
    description: `Its acquisitions (legacy segments or Neo coverage items), read in batches per request like \`Tasking.segments\` and \`NeoOrderItem.coverageItems\`, with the same limits: the segments of at most ${MAX_SEGMENT_READS_PER_REQUEST} legacy taskings per request (BAD_USER_INPUT past that: page smaller).`,
  })
  acquisitions!: domain.Acquisition[];

  @Field(() => DateTimeScalar, { description: 'When the gateway read this from OneAtlas.' })
  fetchedAt!: Date;
}

@ObjectType({ description: 'A page of tasking lines of one contract, whichever its back end.' })
export class TaskingLineConnection extends ConnectionType(TaskingLine, 'TaskingLine') {}
