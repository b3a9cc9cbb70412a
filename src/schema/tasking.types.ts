import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Polygon } from '../domain/geo.js';
import type * as domain from '../domain/tasking.js';
import { TimeWindow } from './common.types.js';
import { ConnectionType } from './connection.js';
import { TaskingStatus } from './enums.js';
import { Acquisition, TaskingLine } from './tasking-line.types.js';

@ObjectType({
  description: 'An acquisition made for a tasking (upstream "segment", AS_…).',
  implements: Acquisition,
})
export class Segment implements domain.Segment {
  // Fields of the `Acquisition` interface, which declares them for GraphQL.
  id!: string;
  contractId!: string;
  footprint!: Polygon | null;
  incidenceAngle!: number | null;
  clearSkyRate!: number | null;
  acquisitionDate!: Date | null;
  fetchedAt!: Date;

  @Field(() => ID, { description: 'Tasking it belongs to.' })
  taskingId!: string;

  @Field(() => String, { description: 'Upstream status text: Proposed, Validated, Refused, …' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Catalogue id of the image (DS_…).' })
  catalogId!: string | null;
}

// An entity: other subgraphs reference a tasking by its ICR id alone (resolved in the configured contract).
@Directive('@key(fields: "id")')
@ObjectType({
  description: 'A tasking (upstream ICR): an order line being acquired (legacy back end).',
  implements: TaskingLine,
})
export class Tasking implements domain.Tasking {
  // Fields of the `TaskingLine` interface, which declares them for GraphQL.
  id!: string;
  contractId!: string;
  aoi!: Polygon | null;
  statusLabel!: string;
  period!: TimeWindow | null;
  customerReference!: string | null;
  fetchedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Sales order (SAL…).' })
  salesOrder!: string | null;

  @Field(() => String, { nullable: true, description: 'Service order (SO…).' })
  serviceOrder!: string | null;

  @Field(() => String, { description: 'Offer as the upstream names it, e.g. OneDay.' })
  progTypeName!: string;

  @Field(() => TaskingStatus, { description: 'Normalised status.' })
  status!: TaskingStatus;

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
}

@ObjectType({ description: 'A page of taskings.' })
export class TaskingConnection extends ConnectionType(Tasking, 'Tasking') {}
