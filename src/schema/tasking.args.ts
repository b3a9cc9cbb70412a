import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Mission, ProgType } from '../domain/enums.js';
import { SortDirection, TaskingSortField } from '../domain/tasking.js';
import { DateRangeInput } from './common.types.js';

registerEnumType(TaskingSortField, {
  name: 'TaskingSortField',
  description: 'What `taskings` can be sorted by.',
  valuesConfig: {
    CREATION_DATE: { description: 'When the tasking was ordered (the default order, newest first).' },
    ACQUISITION_DATE: { description: 'Start of the acquisition period.' },
    END_OF_PERIOD: { description: 'End of the acquisition period.' },
  },
});

registerEnumType(SortDirection, { name: 'SortDirection', description: 'Ascending or descending.' });

@InputType({ description: 'An order for `taskings`.' })
export class TaskingSortInput {
  @Field(() => TaskingSortField, { description: 'The field to sort by.' })
  field!: TaskingSortField;

  @Field(() => SortDirection, { nullable: true, description: 'Default DESC (newest first).' })
  direction?: SortDirection | null;
}

/** The most tasking ids one `taskings(ids:)` may name: one page's worth. */
export const MAX_TASKING_IDS = 100;

/** The tracking filters of `taskings` beyond the customer reference and status; all are applied upstream. */
@ArgsType()
export class TaskingFilterArgs {
  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only taskings with acquisitions waiting for your decision (`proposedSegmentCount` > 0), the queue to accept or refuse from; false: only those without.',
  })
  hasProposedSegments?: boolean | null;

  @Field(() => Mission, { nullable: true, description: 'Only taskings of this mission (PLEIADES or SPOT).' })
  mission?: Mission | null;

  @Field(() => [ProgType], {
    nullable: true,
    description: 'Only taskings of these offers (ONEPLAN, ONEDAY, ONENOW, ONESERIES); `[]` matches none.',
  })
  offers?: ProgType[] | null;

  @Field(() => DateRangeInput, {
    nullable: true,
    description: 'Only taskings whose acquisition period starts in this range.',
  })
  acquisitionDate?: DateRangeInput | null;

  @Field(() => DateRangeInput, {
    nullable: true,
    description: 'Only taskings whose acquisition period ends in this range.',
  })
  endOfPeriod?: DateRangeInput | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Only these taskings (ICR_…), at most ${MAX_TASKING_IDS}; \`[]\` matches none.`,
  })
  ids?: string[] | null;

  @Field(() => TaskingSortInput, {
    nullable: true,
    description: 'The order of the list; default newest first.',
  })
  sort?: TaskingSortInput | null;
}
