import { ArgsType, Field } from 'type-graphql';
import type { Polygon } from '../domain/geo.js';
import { DateRangeInput, FloatRangeInput } from './common.types.js';
import { GeoJSONPolygonScalar } from './scalars/index.js';

/** The search criteria of `imagery`, all applied by the search API. */
@ArgsType()
export class ImageryFilterArgs {
  @Field(() => DateRangeInput, { nullable: true, description: 'Only images acquired in this range.' })
  acquisitionDate?: DateRangeInput | null;

  @Field(() => FloatRangeInput, {
    nullable: true,
    description: 'Only images with this cloud cover, 0–100 %.',
  })
  cloudCover?: FloatRangeInput | null;

  @Field(() => FloatRangeInput, {
    nullable: true,
    description: 'Only images taken at this incidence angle, 0–90 degrees.',
  })
  incidenceAngle?: FloatRangeInput | null;

  @Field(() => GeoJSONPolygonScalar, {
    nullable: true,
    description: 'Only images whose footprint intersects this area (checked like an order AOI).',
  })
  intersecting?: Polygon | null;

  @Field(() => DateRangeInput, {
    nullable: true,
    description:
      'Only images added or changed in this range: to harvest a workspace, ask from the time of the previous harvest on.',
  })
  lastUpdateDate?: DateRangeInput | null;
}
