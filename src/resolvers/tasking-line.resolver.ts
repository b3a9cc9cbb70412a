import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { MAX_SEGMENT_READS_PER_REQUEST } from '../datasources/loaders.js';
import type { Contract } from '../domain/catalogue.js';
import { BackendSource, type CoverageItem, type NeoOrderItem } from '../domain/neo.js';
import { ALL_TASKINGS, type Tasking as LegacyTasking, type Segment } from '../domain/tasking.js';
import * as domain from '../domain/tasking-line.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { ContractArgs, CustomerReferenceFilterArgs, PagingArgs } from '../schema/args.js';
import { type Connection, sliceFromArgs, toConnection } from '../schema/connection.js';
import { CoverageItem as CoverageItemType, NeoOrderItem as NeoOrderItemType } from '../schema/neo.types.js';
import { Segment as SegmentType, Tasking } from '../schema/tasking.types.js';
import { Acquisition, TaskingLine, TaskingLineConnection } from '../schema/tasking-line.types.js';
import { checkedText, INPUT_LIMITS, optionalCheckedText } from '../schema/validation.js';
import { contractInScope } from './contract-scope.js';
import { coverageOf, legacyTasking, legacyTaskingPage, neoOrderItemPage } from './tracking-reads.js';

/**
 * One tasking list over both back ends: the contract's `backendSource` decides which upstream serves
 * it (legacy taskings or Pléiades Neo order items), and each type fills the `TaskingLine` and
 * `Acquisition` fields from its own.
 */
@Resolver(() => TaskingLine)
export class TaskingLineResolver {
  @Query(() => TaskingLineConnection, {
    description: `Track a contract’s tasking lines whichever its back end: legacy taskings or Pléiades Neo order items, newest first as the upstream orders them. Back-end filters (status, ids, quotation) are on \`taskings\` and \`neoOrderItems\`. Selecting \`acquisitions\` reads the segments of at most ${MAX_SEGMENT_READS_PER_REQUEST} legacy taskings per request: page by ${MAX_SEGMENT_READS_PER_REQUEST} when you select them.`,
  })
  async taskingLines(
    @Ctx() context: GatewayContext,
    @Args(() => ContractArgs) { contractId }: ContractArgs,
    @Args(() => PagingArgs) { first, after }: PagingArgs,
    @Args(() => CustomerReferenceFilterArgs) { customerReference }: CustomerReferenceFilterArgs,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<domain.TaskingLine>> {
    const slice = sliceFromArgs(first, after);
    const contract = contractInScope(context.caller, contractId);
    const reference = optionalCheckedText(
      'customerReference',
      customerReference,
      INPUT_LIMITS.customerReference,
    );
    const backend = backendOf(await context.loaders.knownContract(contract));
    const page: { items: domain.TaskingLine[]; totalCount: number | null; hasNextPage: boolean } =
      backend === BackendSource.NEO
        ? await neoOrderItemPage(
            context,
            contract,
            { customerReference: reference, orderItemIds: [], quotationId: null, statuses: [] },
            slice,
          )
        : await legacyTaskingPage(
            context,
            contract,
            { ...ALL_TASKINGS, customerReference: reference },
            slice,
            info,
          );
    return toConnection(page, slice);
  }

  @Query(() => TaskingLine, {
    nullable: true,
    description: 'One tasking line by its id (a tasking ICR_… or a Neo order item id); null when unknown.',
  })
  async taskingLine(
    @Ctx() context: GatewayContext,
    @Arg('id', () => ID, { description: 'Tasking id (ICR_…) or Neo order item id.' }) id: string,
    @Args(() => ContractArgs) { contractId }: ContractArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<domain.TaskingLine | null> {
    const { loaders } = context;
    const contract = contractInScope(context.caller, contractId);
    const backend = backendOf(await loaders.knownContract(contract));
    if (backend === BackendSource.NEO) {
      const orderItemId = checkedText('id', id, INPUT_LIMITS.orderItemId);
      return loaders.orderItemById.load({ contractId: contract, orderItemId });
    }
    return legacyTasking(
      context,
      contract,
      checkedText('id', id, INPUT_LIMITS.taskingId),
      info,
      'acquisitions',
    );
  }
}

/** A contract's back end, refused (BAD_USER_INPUT) when this gateway serves neither. */
function backendOf(contract: Contract): BackendSource {
  const { backendSource } = contract;
  if (backendSource === BackendSource.LEGACY || backendSource === BackendSource.NEO) return backendSource;
  throw new GatewayError(
    ErrorCode.BAD_USER_INPUT,
    `contractId: contract ${contract.id} is on the unknown back end '${backendSource}'`,
    { field: 'contractId', backendSource },
  );
}

@Resolver(() => Tasking)
export class LegacyTaskingLineFields {
  @FieldResolver(() => String, { description: 'Always `legacy`.' })
  backendSource(): string {
    return BackendSource.LEGACY;
  }

  @FieldResolver(() => domain.TaskingLineState, { description: 'Where it stands, from `status`.' })
  state(@Root() tasking: LegacyTasking): domain.TaskingLineState {
    return domain.stateOfTasking(tasking);
  }

  @FieldResolver(() => Int, { description: 'As `proposedSegmentCount`.' })
  proposedAcquisitionCount(@Root() tasking: LegacyTasking): number {
    return tasking.proposedSegmentCount;
  }

  @FieldResolver(() => Int, { description: 'As `totalSegmentCount`.' })
  totalAcquisitionCount(@Root() tasking: LegacyTasking): number {
    return tasking.totalSegmentCount;
  }

  @FieldResolver(() => [Acquisition], { description: 'Its segments, read like `segments` (same limit).' })
  acquisitions(@Root() tasking: LegacyTasking, @Ctx() { loaders }: GatewayContext): Promise<Segment[]> {
    return loaders.segmentsOf(tasking);
  }
}

@Resolver(() => NeoOrderItemType)
export class NeoTaskingLineFields {
  @FieldResolver(() => String, { description: 'Always `neo`.' })
  backendSource(): string {
    return BackendSource.NEO;
  }

  @FieldResolver(() => domain.TaskingLineState, { description: 'Where it stands, from `status`.' })
  state(@Root() item: NeoOrderItem): domain.TaskingLineState {
    return domain.stateOfOrderItem(item);
  }

  @FieldResolver(() => Float, { nullable: true, description: '`validatedAreaPercent` / 100.' })
  progress(@Root() item: NeoOrderItem): number | null {
    return item.validatedAreaPercent === null ? null : item.validatedAreaPercent / 100;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'As `proposedCoverageCount`.' })
  proposedAcquisitionCount(@Root() item: NeoOrderItem): number | null {
    return item.proposedCoverageCount;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'As `totalCoverageCount`.' })
  totalAcquisitionCount(@Root() item: NeoOrderItem): number | null {
    return item.totalCoverageCount;
  }

  @FieldResolver(() => [Acquisition], { description: 'Its coverage items, batched like `coverageItems`.' })
  acquisitions(
    @Root() item: NeoOrderItem,
    @Ctx() { loaders }: GatewayContext,
  ): Promise<CoverageItem[]> | CoverageItem[] {
    return coverageOf(item, loaders);
  }
}

@Resolver(() => SegmentType)
export class SegmentAcquisitionFields {
  @FieldResolver(() => ID, { description: 'As `taskingId`.' })
  taskingLineId(@Root() segment: Segment): string {
    return segment.taskingId;
  }

  @FieldResolver(() => String, { description: 'As `status` (the upstream’s word).' })
  statusLabel(@Root() segment: Segment): string {
    return segment.status;
  }

  @FieldResolver(() => Boolean, { description: 'Whether `status` is "Proposed".' })
  awaitingDecision(@Root() segment: Segment): boolean {
    return domain.awaitsDecision(segment);
  }
}

@Resolver(() => CoverageItemType)
export class CoverageAcquisitionFields {
  @FieldResolver(() => ID, { description: 'As `orderItemId`.' })
  taskingLineId(@Root() coverage: CoverageItem): string {
    return coverage.orderItemId;
  }

  @FieldResolver(() => Boolean, { description: 'Whether `status` is PROPOSED.' })
  awaitingDecision(@Root() coverage: CoverageItem): boolean {
    return domain.awaitsDecision(coverage);
  }
}
