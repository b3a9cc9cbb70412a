import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type * as domain from '../domain/order.js';
import { OrderInput, toOrderRequest } from '../schema/order.inputs.js';
import { Order, Price } from '../schema/order.types.js';

@Resolver()
export class OrderResolver {
  @Query(() => Price, {
    description: 'Step 4: what the order would cost. Takes the same input as `createOrder`.',
  })
  price(
    @Arg('input', () => OrderInput) input: OrderInput,
    @Ctx() { orderApi, defaults }: GatewayContext,
  ): Promise<domain.Price> {
    return orderApi.price(toOrderRequest(input, defaults));
  }

  @Mutation(() => Order, {
    description: 'Step 6: place the order. Use a unique `customerReference`: it is how the order is tracked.',
  })
  createOrder(
    @Arg('input', () => OrderInput) input: OrderInput,
    @Ctx() { orderApi, defaults }: GatewayContext,
  ): Promise<domain.Order> {
    return orderApi.createOrder(toOrderRequest(input, defaults));
  }
}
