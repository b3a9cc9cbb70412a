import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Polygon } from '../domain/geo.js';
import type * as domain from '../domain/tasking.js';
import { TimeWindow } from './common.types.js';
import { ConnectionType } from './connection.js';
import { TaskingStatus } from './enums.js';
import { DateTimeScalar, GeoJSONPolygonScalar } from './scalars/index.js';

@ObjectType({ description: 'An acquisition made for a tasking (upstream "segment", AS_…).' })
export class Segment implements domain.Segment {
  @Field(() => ID, { description: 'Segment id (AS_…).' })
  id!: string;

  @Field(() => ID, { description: 'Tasking it belongs to.' })
  taskingId!: string;

  @Field(() => ID, { description: 'Contract of the tasking.' })
  contractId!: string;

  @Field(() => String, { description: 'Upstream status text: Proposed, Validated, Refused, …' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Catalogue id of the image (DS_…).' })
  catalogId!: string | null;

  @Field(() => GeoJSONPolygonScalar, { nullable: true, description: 'Footprint.' })
  footprint!: Polygon | null;

  @Field(() => Float, { nullable: true, description: 'Incidence angle, degrees.' })
  incidenceAngle!: number | null;

  @Field(() => Float, { nullable: true, description: 'Cloud-free share of the AOI, %.' })
  clearSkyRate!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Acquisition date.' })
  acquisitionDate!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the gateway read this segment from OneAtlas.' })
  fetchedAt!: Date;
}

// An entity: other subgraphs reference a tasking by its ICR id alone (resolved in the configured contract).
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A tasking (upstream ICR): an order line being acquired.' })
export class Tasking implements domain.Tasking {
  @Field(() => ID, { description: 'Tasking id (ICR_…).' })
  id!: string;

  @Field(() => ID, { description: 'CIS contract.' })
  contractId!: string;

  @Field(() => String, { nullable: true, description: 'Sales order (SAL…).' })
  salesOrder!: string | null;

  @Field(() => String, { nullable: true, description: 'Service order (SO…).' })
  serviceOrder!: string | null;

  @Field(() => GeoJSONPolygonScalar, { nullable: true, description: 'Area of interest.' })
  aoi!: Polygon | null;

  @Field(() => String, { description: 'Offer as the upstream names it, e.g. OneDay.' })
  progTypeName!: string;

  @Field(() => TaskingStatus, { description: 'Normalised status.' })
  status!: TaskingStatus;

  @Field(() => String, { description: 'Status text as the upstream wrote it.' })
  statusLabel!: string;

  @Field(() => TimeWindow, { nullable: true, description: 'Acquisition period.' })
  period!: TimeWindow | null;

  @Field(() => String, { nullable: true, description: 'Your reference, as given when ordering.' })
  customerReference!: string | null;

  @Field(() => Float, { description: 'Ordered area, m².' })
  orderedArea!: number;

  @Field(() => Float, { description: 'Validated (acquired and accepted) area, m².' })
  validatedArea!: number;

  @Field(() => Float, { description: 'validatedArea / orderedArea, 0–1.' })
  progress!: number;

  @Field(() => Int, { description: 'Acquisitions waiting for you to accept or refuse.' })
  proposedSegmentCount!: number;

  @Field(() => Int, { description: 'All acquisitions of this tasking.' })
  totalSegmentCount!: number;

  @Field(() => [TimeWindow], { description: 'Planned attempt windows.' })
  attempts!: TimeWindow[];

  @Field(() => DateTimeScalar, { description: 'When the gateway read this tasking from OneAtlas.' })
  fetchedAt!: Date;
}

@ObjectType({ description: 'A page of taskings.' })
export class TaskingConnection extends ConnectionType(Tasking, 'Tasking') {}
