import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { MAX_SEGMENT_READS_PER_REQUEST } from '../datasources/loaders.js';
import { Mission, ProgType } from '../domain/enums.js';
import { BackendSource } from '../domain/neo.js';
import * as domain from '../domain/tasking.js';
import { badUserInput } from '../errors.js';
import {
  ContractArgs,
  CustomerReferenceFilterArgs,
  PagingArgs,
  SegmentDecisionArgs,
} from '../schema/args.js';
import {
  type Connection,
  NO_MATCH,
  sliceFromArgs,
  someListFilterIsEmpty,
  toConnection,
} from '../schema/connection.js';
import { TaskingAction, TaskingStatus } from '../schema/enums.js';
import { MAX_TASKING_IDS, TaskingFilterArgs } from '../schema/tasking.args.js';
import { Segment, Tasking, TaskingConnection } from '../schema/tasking.types.js';
import {
  boundedList,
  checkedDateRange,
  checkedText,
  INPUT_LIMITS,
  optionalCheckedText,
} from '../schema/validation.js';
import { contractInScope } from './contract-scope.js';
import { legacyTasking, legacyTaskingPage } from './tracking-reads.js';

@Resolver(() => Tasking)
export class TaskingResolver {
  @Query(() => TaskingConnection, {
    description: `Track your taskings, newest first as the upstream orders them. Selecting \`segments\` reads those of at most ${MAX_SEGMENT_READS_PER_REQUEST} taskings per request: page by ${MAX_SEGMENT_READS_PER_REQUEST} when you select them.`,
  })
  async taskings(
    @Ctx() context: GatewayContext,
    @Args(() => TaskingFilterArgs) filters: TaskingFilterArgs,
    @Args(() => ContractArgs) { contractId }: ContractArgs,
    @Args(() => PagingArgs) { first, after }: PagingArgs,
    @Args(() => CustomerReferenceFilterArgs) { customerReference }: CustomerReferenceFilterArgs,
    @Arg('status', () => [TaskingStatus], {
      nullable: true,
      description: 'Only taskings in these statuses (OTHER cannot be filtered on); `[]` matches none.',
    })
    status?: TaskingStatus[] | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<domain.Tasking>> {
    const slice = sliceFromArgs(first, after);
    const contract = contractInScope(context.caller, contractId);
    const filter: domain.TaskingFilter = {
      ...legacyTrackingFilter(filters),
      customerReference: optionalCheckedText(
        'customerReference',
        customerReference,
        INPUT_LIMITS.customerReference,
      ),
      statuses: filterableStatuses(status ?? []),
    };
    if (someListFilterIsEmpty(filters.ids, filters.offers, status)) return toConnection(NO_MATCH, slice);
    await context.loaders.requireBackend(contract, BackendSource.LEGACY, 'taskings');
    return toConnection(await legacyTaskingPage(context, contract, filter, slice, info), slice);
  }

  @Query(() => Tasking, { nullable: true, description: 'One tasking by its ICR id; null when unknown.' })
  async tasking(
    @Ctx() context: GatewayContext,
    @Arg('id', () => ID, { description: 'Tasking id (ICR_…).' }) id: string,
    @Args(() => ContractArgs) { contractId }: ContractArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<domain.Tasking | null> {
    const contract = contractInScope(context.caller, contractId);
    const taskingId = checkedText('id', id, INPUT_LIMITS.taskingId);
    await context.loaders.requireBackend(contract, BackendSource.LEGACY, 'tasking');
    return legacyTasking(context, contract, taskingId, info, 'segments');
  }

  @FieldResolver(() => [Segment], {
    description: `Acquisitions of this tasking. Each tasking with segments costs one OneAtlas call (none when \`totalSegmentCount\` is 0), so one request reads the segments of at most ${MAX_SEGMENT_READS_PER_REQUEST} taskings; past that the request is BAD_USER_INPUT on \`segments\`: page smaller.`,
  })
  segments(@Root() tasking: domain.Tasking, @Ctx() { loaders }: GatewayContext): Promise<domain.Segment[]> {
    return loaders.segmentsOf(tasking);
  }

  @FieldResolver(() => TaskingAction, {
    nullable: true,
    description:
      'What you must do for this tasking to move on; null when Airbus has the next move. A frontend shows it beside the status.',
  })
  requiredAction(@Root() tasking: domain.Tasking): TaskingAction | null {
    return domain.requiredActionOf(tasking);
  }

  @Mutation(() => Segment, {
    description:
      'Accept a proposed acquisition: it counts towards the tasking. The guide documents no answer body, so any 2xx is the decision taken; the segment answered is the one OneAtlas sent back, else one read afresh right after, else (that read failing) only its decided status with the other fields null. `fetchedAt` says when it was learnt. A decision whose answer was lost, or made again, is answered as taken when the segment read afresh shows it.',
  })
  acceptSegment(
    @Ctx() context: GatewayContext,
    @Args(() => SegmentDecisionArgs) segment: SegmentDecisionArgs,
  ): Promise<domain.Segment> {
    return decide(context, 'accept', segment);
  }

  @Mutation(() => Segment, {
    description:
      'Refuse a proposed acquisition: Airbus will try again. Answered like `acceptSegment` (any 2xx is the decision taken; `fetchedAt` says how fresh the segment is).',
  })
  refuseSegment(
    @Ctx() context: GatewayContext,
    @Args(() => SegmentDecisionArgs) segment: SegmentDecisionArgs,
  ): Promise<domain.Segment> {
    return decide(context, 'refuse', segment);
  }
}

async function decide(
  { lifecycle, loaders, caller }: GatewayContext,
  decision: 'accept' | 'refuse',
  segment: SegmentDecisionArgs,
): Promise<domain.Segment> {
  const contract = contractInScope(caller, segment.contractId);
  const ids = {
    taskingId: checkedText('taskingId', segment.taskingId, INPUT_LIMITS.taskingId),
    segmentId: checkedText('segmentId', segment.segmentId, INPUT_LIMITS.segmentId),
  };
  await loaders.requireBackend(contract, BackendSource.LEGACY, `${decision}Segment`);
  // Through the lifecycle service, which journals who decided what, when, and the outcome.
  return lifecycle.decideSegment(decision, { contractId: contract, ...ids }, caller, caller.requestId);
}

/** Offers of the legacy back end: the others are Pléiades Neo's, which has no legacy taskings. */
const LEGACY_OFFERS: ReadonlySet<ProgType> = new Set([
  ProgType.ONEPLAN,
  ProgType.ONEDAY,
  ProgType.ONENOW,
  ProgType.ONESERIES,
]);

/** The tracking filters, checked before any upstream call: ranges ordered, lists bounded, legacy values only. */
function legacyTrackingFilter(
  args: TaskingFilterArgs,
): Omit<domain.TaskingFilter, 'customerReference' | 'statuses'> {
  if (args.mission === Mission.PLEIADES_NEO) {
    throw badUserInput('mission', 'PLEIADES_NEO has no legacy taskings: use `neoOrderItems`');
  }
  const progTypes = [...new Set(boundedList('offers', args.offers, LEGACY_OFFERS.size))];
  const neoOffer = progTypes.find((offer) => !LEGACY_OFFERS.has(offer));
  if (neoOffer !== undefined) {
    throw badUserInput('offers', `${neoOffer} is a Pléiades Neo offer, which has no legacy taskings`);
  }
  const ids = boundedList('ids', args.ids, MAX_TASKING_IDS);
  return {
    taskingIds: [
      ...new Set(ids.map((id, index) => checkedText(`ids[${index}]`, id, INPUT_LIMITS.taskingId))),
    ],
    hasProposedSegments: args.hasProposedSegments ?? null,
    mission: args.mission ?? null,
    progTypes,
    acquisitionDate: checkedDateRange('acquisitionDate', args.acquisitionDate),
    endOfPeriod: checkedDateRange('endOfPeriod', args.endOfPeriod),
    sort: args.sort
      ? { field: args.sort.field, direction: args.sort.direction ?? domain.SortDirection.DESC }
      : null,
  };
}

function filterableStatuses(statuses: readonly TaskingStatus[]): domain.TaskingFilter['statuses'] {
  return statuses.map((status) => {
    if (status === TaskingStatus.OTHER) throw badUserInput('status', 'OTHER cannot be filtered on upstream');
    return status;
  });
}
