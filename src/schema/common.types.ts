import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/index.js';

@ObjectType({ description: 'A time interval; `end` is null when open.' })
export class TimeWindow {
  @Field(() => DateTimeScalar, { description: 'Start, inclusive.' })
  start!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'End; null when open-ended.' })
  end!: Date | null;
}

@InputType({ description: 'A time interval. Sent upstream as millisecond UTC timestamps.' })
export class TimeWindowInput {
  @Field(() => DateTimeScalar, { description: 'Start (ISO 8601 date-time).' })
  start!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'End (ISO 8601 date-time); must be after `start`.',
  })
  end?: Date | null;
}

@InputType({
  description:
    'A time range for a filter: `from` included, `to` excluded; leave one out for an open range (not both). `from` must not be after `to`.',
})
export class DateRangeInput {
  @Field(() => DateTimeScalar, { nullable: true, description: 'From this instant on (included).' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Before this instant (excluded).' })
  to?: Date | null;
}

@InputType({
  description:
    'A range of numbers for a filter, both bounds included; leave one out for an open range (not both). `min` must not be above `max`.',
})
export class FloatRangeInput {
  @Field(() => Float, { nullable: true, description: 'At least this.' })
  min?: number | null;

  @Field(() => Float, { nullable: true, description: 'At most this.' })
  max?: number | null;
}

@InputType({
  description: 'A key/value pair passed upstream as it stands (production options, extra properties).',
})
export class KeyValueInput {
  @Field(() => String, { description: 'The upstream key, e.g. `processing_level` or `projection_1`.' })
  key!: string;

  @Field(() => String, { description: 'The value, as a string.' })
  value!: string;
}

@ObjectType({
  description: 'A problem the upstream reports about one offer; part of the data, not an error.',
})
export class UpstreamIssue {
  @Field(() => String, { description: 'Upstream code, e.g. `ERR_MIN_AOI_AREA`, `ERR_NO_SENSOR_AVAILABLE`.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'What the code is about, e.g. `AOI`.' })
  locator!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Upstream detail; for ERR_MIN_AOI_AREA / ERR_MAX_AOI_AREA the limit in km².',
  })
  message!: string | null;
}

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow `endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede `startCursor`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after`.' })
  endCursor!: string | null;
}
