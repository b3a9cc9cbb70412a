import { ArgsType, Field, ID } from 'type-graphql';
import { ContractArgs } from './args.js';

/** A Pléiades Neo order item, in its contract. */
@ArgsType()
export class OrderItemArgs extends ContractArgs {
  @Field(() => ID, { description: 'Order item id, from `neoOrderItems`.' })
  orderItemId!: string;
}

/** Which coverage item a decision is about: the order item and contract it belongs to, checked before deciding. */
@ArgsType()
export class CoverageDecisionArgs extends OrderItemArgs {
  @Field(() => ID, { description: 'Coverage item id, from `NeoOrderItem.coverageItems`.' })
  coverageItemId!: string;
}

/** Which quotation a decision is about, on which contract. */
@ArgsType()
export class QuotationArgs extends ContractArgs {
  @Field(() => ID, { description: 'Quotation id (QUO…), from `requestQuotation`.' })
  quotationId!: string;
}
