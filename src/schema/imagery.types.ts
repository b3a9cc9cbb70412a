import { Field, Float, ID, ObjectType } from 'type-graphql';
import type * as domain from '../domain/catalogue.js';
import type { Polygon } from '../domain/geo.js';
import { ConnectionType } from './connection.js';
import { DateTimeScalar, GeoJSONPolygonScalar, JSONScalar } from './scalars/index.js';

@ObjectType({ description: 'A delivered image in a workspace.' })
export class Image implements domain.Image {
  @Field(() => ID, { description: 'Image id.' })
  id!: string;

  workspaceId!: string;

  @Field(() => GeoJSONPolygonScalar, { nullable: true, description: 'Footprint.' })
  footprint!: Polygon | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Acquisition date.' })
  acquisitionDate!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Cloud cover, %.' })
  cloudCover!: number | null;

  @Field(() => Float, { nullable: true, description: 'Incidence angle, degrees.' })
  incidenceAngle!: number | null;

  @Field(() => String, { nullable: true, description: 'Platform, e.g. PHR1A.' })
  platform!: string | null;

  @Field(() => JSONScalar, { description: 'All properties of the upstream feature.' })
  properties!: Record<string, unknown>;

  files!: domain.Image['files'];
}

@ObjectType({ description: 'A page of delivered images.' })
export class ImageConnection extends ConnectionType(Image, 'Image') {}
