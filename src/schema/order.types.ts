import { Field, Float, ID, ObjectType } from 'type-graphql';
import type * as domain from '../domain/order.js';
import type { JournaledOrder } from '../domain/order-journal.js';
import { OrderStatus } from './enums.js';

@ObjectType({ description: 'The price of one product type in a price answer.' })
export class PriceLine implements domain.PriceLine {
  @Field(() => String, { description: 'Product type.' })
  productTypeId!: string;

  @Field(() => Float, { description: 'Amount due after discounts.' })
  amount!: number;

  @Field(() => Float, { description: 'Price before discounts.' })
  price!: number;

  @Field(() => Float, { description: 'Invoiced area, km² (at least the minimum invoiced area).' })
  areaKm2!: number;

  @Field(() => Float, { description: 'Discount, %.' })
  discountPercentage!: number;

  @Field(() => Float, { description: 'Discount value.' })
  discountValue!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Minimum invoiced area applied, km², when the upstream says.',
  })
  minimumOrderAreaApplied!: number | null;
}

@ObjectType({ description: 'What an order would cost.' })
export class Price implements domain.Price {
  @Field(() => ID, { description: 'Contract priced against.' })
  contractId!: string;

  @Field(() => String, { description: 'ISO 4217 currency, e.g. EUR.' })
  currency!: string;

  @Field(() => Float, { description: 'Total amount due.' })
  totalAmount!: number;

  @Field(() => Float, { description: 'Order-level discount, %.' })
  discountPercentage!: number;

  @Field(() => Float, { description: 'Order-level discount value.' })
  discountValue!: number;

  @Field(() => [PriceLine], { description: 'One line per product type.' })
  productTypes!: PriceLine[];
}

@ObjectType({ description: 'An order sent to OneAtlas.' })
export class Order implements JournaledOrder {
  @Field(() => OrderStatus, { description: 'Whether the order is confirmed, or its outcome not yet known.' })
  status!: OrderStatus;

  @Field(() => ID, {
    nullable: true,
    description: 'Upstream sales order id (SAL…); null while the outcome is unknown.',
  })
  salesOrderId!: string | null;

  @Field(() => String, { nullable: true, description: 'Currency.' })
  currency!: string | null;

  @Field(() => Float, { nullable: true, description: 'Total amount.' })
  totalAmount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Discount, %.' })
  discountPercentage!: number | null;

  @Field(() => Float, { nullable: true, description: 'Discount value.' })
  discountValue!: number | null;

  @Field(() => String, { description: 'Your reference for the order.' })
  customerReference!: string;

  @Field(() => String, {
    description:
      'The idempotency key the order was placed under (your `idempotencyKey`, else `customerReference`): ask `orderAttempt(idempotencyKey:)` for its journal entry.',
  })
  idempotencyKey!: string;
}
