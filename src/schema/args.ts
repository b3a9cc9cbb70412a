import { ArgsType, Field, ID, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.js';
import { TaskingSearchInput } from './feasibility.inputs.js';
import { OrderInput } from './order.inputs.js';

/**
 * Arguments several root fields share, written once (type-graphql `@ArgsType`), so every field that
 * takes them says the same thing and a new field cannot drift. Values are checked where they are used
 * (`contractInScope`, `sliceFromArgs`, `checkedText`), as every client string is.
 */

@ArgsType()
export class ContractArgs {
  @Field(() => ID, {
    nullable: true,
    description: "CIS contract id; defaults to the caller's configured contract.",
  })
  contractId?: string | null;
}

@ArgsType()
export class PagingArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, 1–${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge to read after.' })
  after?: string | null;
}

@ArgsType()
export class CustomerReferenceFilterArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only those with this customer reference.',
  })
  customerReference?: string | null;
}

/** A legacy tasking, in its contract. */
@ArgsType()
export class TaskingArgs extends ContractArgs {
  @Field(() => ID, { description: 'Tasking id (ICR_…).' })
  taskingId!: string;
}

/** Which segment a decision is about: the tasking and contract it belongs to. */
@ArgsType()
export class SegmentDecisionArgs extends TaskingArgs {
  @Field(() => ID, { description: 'Segment id (AS_…), from `Tasking.segments`.' })
  segmentId!: string;
}

/** The order `price`, `createOrder` and `requestQuotation` all take, so a form builds it once. */
@ArgsType()
export class OrderArgs {
  @Field(() => OrderInput, {
    description: 'The order; the same input for price, createOrder and requestQuotation.',
  })
  input!: OrderInput;
}

@ArgsType()
export class TaskingSearchArgs {
  @Field(() => TaskingSearchInput, { description: 'Where, when and how.' })
  input!: TaskingSearchInput;
}

/** An order held for approval, named by the key it was journaled under. */
@ArgsType()
export class HeldOrderArgs {
  @Field(() => ID, { description: 'The held order’s idempotency key.' })
  idempotencyKey!: string;
}
