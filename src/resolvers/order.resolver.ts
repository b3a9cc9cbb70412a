import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { authorizeSearch } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import { BackendSource } from '../domain/neo.js';
import type * as domain from '../domain/order.js';
import type { JournaledOrder } from '../domain/order-journal.js';
import { AttemptState } from '../domain/order-journal.js';
import { collectProblems } from '../errors.js';
import {
  CustomerReferenceFilterArgs,
  HeldOrderArgs,
  OrderArgs,
  PagingArgs,
  TaskingArgs,
} from '../schema/args.js';
import { sliceFromArgs, someListFilterIsEmpty } from '../schema/connection.js';
import { idempotencyKeyOf, orderDraftOf } from '../schema/order.inputs.js';
import { Order, Price } from '../schema/order.types.js';
import {
  LifecycleAction,
  OrderAttempt,
  OrderAttemptConnection,
  toLifecycleAction,
  toOrderAttempt,
  toOrderAttemptConnection,
} from '../schema/order-journal.types.js';
import { checkedText, INPUT_LIMITS, optionalCheckedText } from '../schema/validation.js';
import { contractInScope } from './contract-scope.js';

/** An approver's reason for refusing a held order: kept in the journal, so bounded. */
const REASON_RULE = { ...INPUT_LIMITS.comments, max: 500 };

@Resolver()
export class OrderResolver {
  @Query(() => Price, {
    description:
      'Step 4: what the order would cost. Takes the same input as `createOrder`. An order that needs a manual feasibility study (STEREO, TRISTEREO, or feasibility MANUAL) has no price before the study: FEASIBILITY_STUDY_REQUIRED, nothing sent.',
  })
  price(
    @Args(() => OrderArgs) { input }: OrderArgs,
    @Ctx() { orders, defaults, caller }: GatewayContext,
  ): Promise<domain.Price> {
    const draft = orderDraftOf(input, defaults);
    authorizeSearch(caller, draft.request);
    return orders.price(draft, caller);
  }

  @Mutation(() => Order, {
    description:
      'Step 6: place the order. It is priced first: over the tenant’s monthly budget it is refused (BUDGET_EXCEEDED); above its approval threshold it is held (`status` AWAITING_APPROVAL) until `approveOrder`. An order that needs a manual feasibility study (STEREO, TRISTEREO, or feasibility MANUAL) is not priced: it is placed at 0, nothing being charged until its requester confirms it in OneAtlas after the study, and held whenever the tenant has an approval threshold. Idempotent: the attempt is journaled before it is sent, and calling again with the same `idempotencyKey` (default: `customerReference`) and input returns the first outcome instead of ordering twice. When the upstream’s answer is lost, `status` is OUTCOME_UNKNOWN: ask again later with the same input; do not change the reference to force a new order.',
  })
  async createOrder(
    @Args(() => OrderArgs) { input }: OrderArgs,
    @Ctx() { orders, loaders, defaults, caller }: GatewayContext,
  ): Promise<JournaledOrder> {
    const draft = orderDraftOf(input, defaults);
    const request = authorizeSearch(caller, draft.request);
    const idempotencyKey =
      collectProblems(draft.problems, () => idempotencyKeyOf(input)) ?? request.customerReference;
    // A Neo contract orders through requestQuotation: refused here, before anything is priced or journaled.
    await loaders.requireBackend(request.contractId, BackendSource.LEGACY, 'createOrder');
    return orders.place(draft, idempotencyKey, caller, caller.requestId);
  }

  @Mutation(() => Order, {
    description:
      'Release an order held for approval (needs the approve role): it is re-priced, the month’s budget re-checked, then sent. Answers like `createOrder`.',
  })
  approveOrder(
    @Args(() => HeldOrderArgs) { idempotencyKey }: HeldOrderArgs,
    @Ctx() { orders, caller }: GatewayContext,
  ): Promise<JournaledOrder> {
    return orders.approve(checkedText('idempotencyKey', idempotencyKey, INPUT_LIMITS.idempotencyKey), caller);
  }

  @Mutation(() => OrderAttempt, {
    description:
      'Refuse an order held for approval (needs the approve role): nothing is sent, the reason is journaled.',
  })
  async rejectOrder(
    @Args(() => HeldOrderArgs) { idempotencyKey }: HeldOrderArgs,
    @Arg('reason', () => String, { description: `Why, for the journal (1–${REASON_RULE.max} characters).` })
    reason: string,
    @Ctx() { orders, caller }: GatewayContext,
  ): Promise<OrderAttempt> {
    const key = checkedText('idempotencyKey', idempotencyKey, INPUT_LIMITS.idempotencyKey);
    await orders.reject(key, checkedText('reason', reason, REASON_RULE), caller);
    const attempt = await orders.attempt(key, caller);
    if (attempt === null) throw new Error('rejected order attempt vanished from the journal');
    return toOrderAttempt(attempt);
  }

  @Mutation(() => LifecycleAction, {
    description:
      'Cancel a legacy (Pléiades, SPOT) tasking (BAD_USER_INPUT on a Neo contract: use `cancelOrderItem`). A completed or cancelled tasking is refused (NOT_CANCELLABLE) without calling OneAtlas. At most once per tasking: calling again answers the first outcome. The call (`POST …/taskings/{id}/cancel`) is the one the API notes list for SPOT/Pléiades; the tasking guide says cancelling is "only available for Pléiades Neo", so OneAtlas may refuse it: its refusal is answered as OneAtlas gave it (e.g. UPSTREAM_REJECTED with its `upstreamCode`).',
  })
  async cancelTasking(
    @Args(() => TaskingArgs) args: TaskingArgs,
    @Ctx() { lifecycle, loaders, caller }: GatewayContext,
  ): Promise<LifecycleAction> {
    const contractId = contractInScope(caller, args.contractId);
    const taskingId = checkedText('taskingId', args.taskingId, INPUT_LIMITS.taskingId);
    await loaders.requireBackend(contractId, BackendSource.LEGACY, 'cancelTasking');
    return toLifecycleAction(
      await lifecycle.cancelTasking({ contractId, taskingId }, caller, caller.requestId),
    );
  }

  @Query(() => OrderAttemptConnection, {
    description:
      'The order journal of the caller’s tenant: every `createOrder` attempt with who, what, when, the amount, the upstream outcome and how it was learnt. Newest first, paged.',
  })
  async orderAttempts(
    @Ctx() { orders, caller }: GatewayContext,
    @Args(() => PagingArgs) { first, after }: PagingArgs,
    @Args(() => CustomerReferenceFilterArgs) { customerReference }: CustomerReferenceFilterArgs,
    @Arg('states', () => [AttemptState], {
      nullable: true,
      description: 'Only attempts in these states; `[]` matches none.',
    })
    states?: AttemptState[] | null,
  ): Promise<OrderAttemptConnection> {
    const slice = sliceFromArgs(first, after);
    const filter = {
      states: states ?? [],
      customerReference: optionalCheckedText(
        'customerReference',
        customerReference,
        INPUT_LIMITS.customerReference,
      ),
    };
    if (someListFilterIsEmpty(states)) return toOrderAttemptConnection([], slice);
    // One row more than the page says whether another page follows.
    const attempts = await orders.attempts(
      { ...filter, offset: slice.offset, limit: slice.limit + 1 },
      caller,
    );
    return toOrderAttemptConnection(attempts, slice);
  }

  @Query(() => OrderAttempt, {
    nullable: true,
    description:
      'One journaled order attempt of the caller’s tenant by its idempotency key; null when there is none.',
  })
  async orderAttempt(
    @Ctx() { orders, caller }: GatewayContext,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
  ): Promise<OrderAttempt | null> {
    const attempt = await orders.attempt(
      checkedText('idempotencyKey', idempotencyKey, INPUT_LIMITS.idempotencyKey),
      caller,
    );
    return attempt === null ? null : toOrderAttempt(attempt);
  }
}
