import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorizeSearch } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import * as domain from '../domain/neo.js';
import { badUserInput } from '../errors.js';
import { ContractArgs, CustomerReferenceFilterArgs, OrderArgs, PagingArgs } from '../schema/args.js';
import {
  type Connection,
  NO_MATCH,
  sliceFromArgs,
  someListFilterIsEmpty,
  toConnection,
} from '../schema/connection.js';
import { CoverageDecisionArgs } from '../schema/neo.args.js';
import { CoverageItem, NeoOrderItem, NeoOrderItemConnection, Quotation } from '../schema/neo.types.js';
import { orderDraftOf } from '../schema/order.inputs.js';
import { boundedList, checkedText, INPUT_LIMITS, optionalCheckedText } from '../schema/validation.js';
import { contractInScope } from './contract-scope.js';
import { coverageOf, neoOrderItemPage } from './tracking-reads.js';

/** Order item ids one `neoOrderItems` filter may name: one page of the upstream's search. */
const MAX_ORDER_ITEM_IDS = 100;

/** Pléiades Neo: quotations, order items and their coverage items (contracts whose back end is neo). */
@Resolver(() => NeoOrderItem)
export class NeoResolver {
  @Query(() => NeoOrderItemConnection, {
    description:
      'Track the order items of a Pléiades Neo contract (BAD_USER_INPUT on a legacy contract: use `taskings`), newest first as the upstream orders them.',
  })
  async neoOrderItems(
    @Ctx() context: GatewayContext,
    @Args(() => ContractArgs) { contractId }: ContractArgs,
    @Args(() => PagingArgs) { first, after }: PagingArgs,
    @Args(() => CustomerReferenceFilterArgs) { customerReference }: CustomerReferenceFilterArgs,
    @Arg('status', () => [domain.NeoOrderItemStatus], {
      nullable: true,
      description: 'Only order items in these statuses (OTHER cannot be filtered on); `[]` matches none.',
    })
    status?: domain.NeoOrderItemStatus[] | null,
    @Arg('ids', () => [ID], {
      nullable: true,
      description: `Only these order items (at most ${MAX_ORDER_ITEM_IDS}); \`[]\` matches none.`,
    })
    ids?: string[] | null,
    @Arg('quotationId', () => ID, { nullable: true, description: 'Only the order items of this quotation.' })
    quotationId?: string | null,
  ): Promise<Connection<domain.NeoOrderItem>> {
    const slice = sliceFromArgs(first, after);
    const contract = contractInScope(context.caller, contractId);
    const filter: domain.NeoOrderItemFilter = {
      customerReference: optionalCheckedText(
        'customerReference',
        customerReference,
        INPUT_LIMITS.customerReference,
      ),
      orderItemIds: boundedList('ids', ids, MAX_ORDER_ITEM_IDS).map((id) =>
        checkedText('ids', id, INPUT_LIMITS.orderItemId),
      ),
      quotationId: optionalCheckedText('quotationId', quotationId, INPUT_LIMITS.quotationId),
      statuses: filterableStatuses(status ?? []),
    };
    if (someListFilterIsEmpty(ids, status)) return toConnection(NO_MATCH, slice);
    await context.loaders.requireBackend(contract, domain.BackendSource.NEO, 'neoOrderItems');
    return toConnection(await neoOrderItemPage(context, contract, filter, slice), slice, (item) => item.id);
  }

  @Query(() => NeoOrderItem, {
    nullable: true,
    description: 'One Pléiades Neo order item by its id; null when unknown.',
  })
  async neoOrderItem(
    @Ctx() { loaders, caller }: GatewayContext,
    @Arg('id', () => ID, { description: 'Order item id.' }) id: string,
    @Args(() => ContractArgs) { contractId }: ContractArgs,
  ): Promise<domain.NeoOrderItem | null> {
    const contract = contractInScope(caller, contractId);
    const orderItemId = checkedText('id', id, INPUT_LIMITS.orderItemId);
    await loaders.requireBackend(contract, domain.BackendSource.NEO, 'neoOrderItem');
    return loaders.orderItemById.load({ contractId: contract, orderItemId });
  }

  @FieldResolver(() => [CoverageItem], {
    description:
      'Acquisitions of this order item. The coverage items of every order item of a request are read in one OneAtlas search per contract (none when `totalCoverageCount` is 0).',
  })
  coverageItems(
    @Root() item: domain.NeoOrderItem,
    @Ctx() { loaders }: GatewayContext,
  ): Promise<domain.CoverageItem[]> | domain.CoverageItem[] {
    return coverageOf(item, loaders);
  }

  @Mutation(() => CoverageItem, {
    description:
      'Accept a PROPOSED coverage item (an acquisition outside the automatic criteria): it counts towards the order item and is delivered. The coverage item must be the order item’s, on a Neo contract of the caller; else NOT_FOUND, nothing decided. A decision whose answer was lost, or made again, is answered as taken when the item read afresh shows it.',
  })
  acceptCoverage(
    @Ctx() context: GatewayContext,
    @Args(() => CoverageDecisionArgs) decision: CoverageDecisionArgs,
  ): Promise<domain.CoverageItem> {
    return decideCoverage(context, 'accept', decision);
  }

  @Mutation(() => CoverageItem, {
    description: 'Refuse a PROPOSED coverage item: Airbus tries again. Checked like `acceptCoverage`.',
  })
  refuseCoverage(
    @Ctx() context: GatewayContext,
    @Args(() => CoverageDecisionArgs) decision: CoverageDecisionArgs,
  ): Promise<domain.CoverageItem> {
    return decideCoverage(context, 'refuse', decision);
  }

  @Mutation(() => Quotation, {
    description:
      'Pléiades Neo step 5: ask for a quotation (BAD_USER_INPUT on a legacy contract: use `createOrder`). Takes the same input as `price` and `createOrder`; nothing is ordered until the quotation is accepted before `validUntil`. Each call asks for a new quotation. An order that needs a manual feasibility study has no quotation: FEASIBILITY_STUDY_REQUIRED, nothing sent.',
  })
  async requestQuotation(
    @Args(() => OrderArgs) { input }: OrderArgs,
    @Ctx() { orders, loaders, defaults, caller }: GatewayContext,
  ): Promise<domain.Quotation> {
    const draft = orderDraftOf(input, defaults);
    const request = authorizeSearch(caller, draft.request);
    const contract = await loaders.requireBackend(
      request.contractId,
      domain.BackendSource.NEO,
      'requestQuotation',
    );
    return orders.requestQuotation(draft, contract);
  }
}

/** The ids checked, then the decision made by the lifecycle service. */
async function decideCoverage(
  { lifecycle, loaders, caller }: GatewayContext,
  decision: 'accept' | 'refuse',
  args: CoverageDecisionArgs,
): Promise<domain.CoverageItem> {
  const contractId = contractInScope(caller, args.contractId);
  const coverage = {
    contractId,
    orderItemId: checkedText('orderItemId', args.orderItemId, INPUT_LIMITS.orderItemId),
    coverageItemId: checkedText('coverageItemId', args.coverageItemId, INPUT_LIMITS.coverageItemId),
  };
  await loaders.requireBackend(contractId, domain.BackendSource.NEO, `${decision}Coverage`);
  return lifecycle.decideCoverage(decision, coverage, caller);
}

function filterableStatuses(
  statuses: readonly domain.NeoOrderItemStatus[],
): domain.NeoOrderItemFilter['statuses'] {
  return statuses.map((status) => {
    if (status === domain.NeoOrderItemStatus.OTHER) {
      throw badUserInput('status', 'OTHER cannot be filtered on upstream');
    }
    return status;
  });
}
