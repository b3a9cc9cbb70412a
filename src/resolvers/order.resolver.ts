import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { checkProductionOptions } from '../datasources/oneatlas/production-options-check.js';
import type * as domain from '../domain/order.js';
import type { JournaledOrder } from '../domain/order-journal.js';
import { AttemptState } from '../domain/order-journal.js';
import { badUserInput } from '../errors.js';
import { idempotencyKeyOf, OrderInput, toOrderRequest } from '../schema/order.inputs.js';
import { Order, Price } from '../schema/order.types.js';
import { OrderAttempt, toOrderAttempt } from '../schema/order-journal.types.js';
import { checkedText, INPUT_LIMITS, optionalCheckedText } from '../schema/validation.js';

const MAX_ATTEMPTS_LISTED = 500;

@Resolver()
export class OrderResolver {
  @Query(() => Price, {
    description: 'Step 4: what the order would cost. Takes the same input as `createOrder`.',
  })
  async price(
    @Arg('input', () => OrderInput, { description: 'The order; the same input for price and createOrder.' })
    input: OrderInput,
    @Ctx() { orderApi, defaults, logger }: GatewayContext,
  ): Promise<domain.Price> {
    const request = toOrderRequest(input, defaults);
    await checkProductionOptions(orderApi, request, logger);
    return orderApi.price(request);
  }

  @Mutation(() => Order, {
    description:
      'Step 6: place the order. Idempotent: the attempt is journaled before it is sent, and calling again with the same `idempotencyKey` (default: `customerReference`) and input returns the first outcome instead of ordering twice. When the upstream’s answer is lost, `status` is OUTCOME_UNKNOWN: ask again later with the same input; do not change the reference to force a new order.',
  })
  async createOrder(
    @Arg('input', () => OrderInput, { description: 'The order; the same input for price and createOrder.' })
    input: OrderInput,
    @Ctx() { orders, orderApi, defaults, caller, logger }: GatewayContext,
  ): Promise<JournaledOrder> {
    const request = toOrderRequest(input, defaults);
    const idempotencyKey = idempotencyKeyOf(input);
    // Before `place`: a refused input leaves no journal entry.
    await checkProductionOptions(orderApi, request, logger);
    return orders.place(request, { ...caller, idempotencyKey });
  }

  @Query(() => [OrderAttempt], {
    description:
      'The order journal: every `createOrder` attempt with who, what, when, the amount, the upstream outcome and how it was learnt. Newest first.',
  })
  orderAttempts(
    @Ctx() { orders }: GatewayContext,
    @Arg('states', () => [AttemptState], { nullable: true, description: 'Only attempts in these states.' })
    states?: AttemptState[] | null,
    @Arg('customerReference', () => String, {
      nullable: true,
      description: 'Only attempts with this reference.',
    })
    customerReference?: string | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: `How many, 1–${MAX_ATTEMPTS_LISTED} (default 50).`,
    })
    first?: number | null,
  ): OrderAttempt[] {
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ATTEMPTS_LISTED) {
      throw badUserInput('first', `must be between 1 and ${MAX_ATTEMPTS_LISTED}`);
    }
    return orders
      .attempts({
        states: states ?? [],
        customerReference: optionalCheckedText(
          'customerReference',
          customerReference,
          INPUT_LIMITS.customerReference,
        ),
        limit,
      })
      .map(toOrderAttempt);
  }

  @Query(() => OrderAttempt, {
    nullable: true,
    description: 'One journaled order attempt by its idempotency key; null when there is none.',
  })
  orderAttempt(
    @Ctx() { orders }: GatewayContext,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
  ): OrderAttempt | null {
    const attempt = orders.attempt(
      checkedText('idempotencyKey', idempotencyKey, INPUT_LIMITS.idempotencyKey),
    );
    return attempt === null ? null : toOrderAttempt(attempt);
  }
}
