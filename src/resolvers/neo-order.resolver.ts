import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { BackendSource } from '../domain/neo.js';
import type { JournaledOrder } from '../domain/order-journal.js';
import type { OrderItemRef } from '../orders/lifecycle-service.js';
import type { QuotationRef } from '../orders/quotations.js';
import type { ContractArgs } from '../schema/args.js';
import { OrderItemArgs, QuotationArgs } from '../schema/neo.args.js';
import { Order } from '../schema/order.types.js';
import { LifecycleAction, toLifecycleAction } from '../schema/order-journal.types.js';
import { checkedText, INPUT_LIMITS } from '../schema/validation.js';
import { contractInScope } from './contract-scope.js';

/**
 * Pléiades Neo's money and lifecycle mutations: accepting (spending) or refusing a quotation, and
 * cancelling or stopping an order item. Each is journaled and done at most once (`OrderingService`,
 * `LifecycleService`).
 */
@Resolver()
export class NeoOrderResolver {
  @Mutation(() => Order, {
    description:
      'Pléiades Neo step 6: accept a quotation before its `validUntil`, which orders its items and spends the contract’s money. Under `createOrder`’s rules: the order role, the month’s budget (BUDGET_EXCEEDED) and the approval threshold (`status` AWAITING_APPROVAL until `approveOrder` with `idempotencyKey`). Journaled under the key `quotation:<quotationId>`: accepting again answers the first outcome, with one upstream call in all. QUOTATION_EXPIRED, QUOTATION_ALREADY_DECIDED (refused, or decided in OneAtlas) and NOT_FOUND send nothing.',
  })
  async acceptQuotation(
    @Ctx() context: GatewayContext,
    @Args(() => QuotationArgs) args: QuotationArgs,
  ): Promise<JournaledOrder> {
    const quotation = await neoQuotation(context, args, 'acceptQuotation');
    return context.orders.acceptQuotation(quotation, context.caller, context.caller.requestId);
  }

  @Mutation(() => LifecycleAction, {
    description:
      'Refuse a Pléiades Neo quotation: nothing is ordered. At most once per quotation (calling again answers the first outcome); one accepted through the gateway cannot be refused (QUOTATION_ALREADY_DECIDED).',
  })
  async refuseQuotation(
    @Ctx() context: GatewayContext,
    @Args(() => QuotationArgs) args: QuotationArgs,
  ): Promise<LifecycleAction> {
    const quotation = await neoQuotation(context, args, 'refuseQuotation');
    return toLifecycleAction(
      await context.lifecycle.refuseQuotation(quotation, context.caller, context.caller.requestId),
    );
  }

  @Mutation(() => LifecycleAction, {
    description:
      'Cancel a Pléiades Neo order item before its `cancellationDeadline` (after it: CANCELLATION_DEADLINE_PASSED, nothing sent; stop it instead). At most once per item: calling again answers the first outcome.',
  })
  async cancelOrderItem(
    @Ctx() context: GatewayContext,
    @Args(() => OrderItemArgs) args: OrderItemArgs,
  ): Promise<LifecycleAction> {
    const item = await neoOrderItem(context, args, 'cancelOrderItem');
    return toLifecycleAction(
      await context.lifecycle.cancelOrderItem(item, context.caller, context.caller.requestId),
    );
  }

  @Mutation(() => LifecycleAction, {
    description:
      'Stop a Pléiades Neo order item: no more acquisitions; what was delivered stays. Any time while it is under way; at most once per item.',
  })
  async stopOrderItem(
    @Ctx() context: GatewayContext,
    @Args(() => OrderItemArgs) args: OrderItemArgs,
  ): Promise<LifecycleAction> {
    const item = await neoOrderItem(context, args, 'stopOrderItem');
    return toLifecycleAction(
      await context.lifecycle.stopOrderItem(item, context.caller, context.caller.requestId),
    );
  }
}

/** The caller's contract, when its back end is Neo: checked before any upstream call. */
async function neoContract(
  { loaders, caller }: GatewayContext,
  args: ContractArgs,
  operation: string,
): Promise<string> {
  const contractId = contractInScope(caller, args.contractId);
  await loaders.requireBackend(contractId, BackendSource.NEO, operation);
  return contractId;
}

async function neoQuotation(
  context: GatewayContext,
  args: QuotationArgs,
  operation: string,
): Promise<QuotationRef> {
  const quotationId = checkedText('quotationId', args.quotationId, INPUT_LIMITS.quotationId);
  return { contractId: await neoContract(context, args, operation), quotationId };
}

async function neoOrderItem(
  context: GatewayContext,
  args: OrderItemArgs,
  operation: string,
): Promise<OrderItemRef> {
  const orderItemId = checkedText('orderItemId', args.orderItemId, INPUT_LIMITS.orderItemId);
  return { contractId: await neoContract(context, args, operation), orderItemId };
}
