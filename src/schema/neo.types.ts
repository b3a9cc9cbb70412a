import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Polygon } from '../domain/geo.js';
import * as domain from '../domain/neo.js';
import { TimeWindow } from './common.types.js';
import { ConnectionType } from './connection.js';
import { DateTimeScalar } from './scalars/index.js';
import { Acquisition, TaskingLine } from './tasking-line.types.js';

registerEnumType(domain.QuotationStatus, {
  name: 'QuotationStatus',
  description: 'Where a Pléiades Neo quotation stands.',
  valuesConfig: {
    SENT: { description: 'Waiting for your acceptance, until `validUntil`.' },
    ACCEPTED: { description: 'Accepted: its order items are being acquired.' },
    REFUSED: { description: 'Refused: nothing is ordered.' },
    EXPIRED: { description: 'Not accepted in time: nothing is ordered.' },
    OTHER: { description: 'A status this gateway does not know (see the item’s `statusLabel`).' },
  },
});

registerEnumType(domain.NeoOrderItemStatus, {
  name: 'NeoOrderItemStatus',
  description: 'A Pléiades Neo order item status, normalised (the upstream’s word is `statusLabel`).',
  valuesConfig: {
    PENDING: { description: 'Quoted, not yet accepted.' },
    IN_PROGRESS: { description: 'Being acquired.' },
    COMPLETED: { description: 'Acquired and delivered.' },
    CANCELLED: { description: 'Cancelled (before its cancellation deadline), or its quotation expired.' },
    STOPPED: { description: 'Stopped: no further acquisition; what was acquired stays.' },
    OTHER: { description: 'A status this gateway does not know; cannot be filtered on.' },
  },
});

registerEnumType(domain.CoverageStatus, {
  name: 'CoverageStatus',
  description: 'A Pléiades Neo coverage item (an acquisition) status.',
  valuesConfig: {
    VALIDATED: { description: 'Counts towards the order item (automatically or accepted by you).' },
    PROPOSED: { description: 'Outside the automatic criteria: waiting for you to accept or refuse.' },
    REFUSED: { description: 'Refused by you: Airbus tries again.' },
    PENDING: { description: 'Being checked.' },
    REJECTED: { description: 'Rejected by Airbus’ quality check.' },
    OTHER: { description: 'A status this gateway does not know (see `statusLabel`).' },
  },
});

@ObjectType({
  description: 'A Pléiades Neo quotation: what an order would cost, to accept before `validUntil`.',
})
export class Quotation implements domain.Quotation {
  @Field(() => ID, { description: 'Quotation id.' })
  id!: string;

  @Field(() => ID, { description: 'Contract quoted against.' })
  contractId!: string;

  @Field(() => Float, { description: 'Total amount, in `currency`.' })
  totalAmount!: number;

  @Field(() => String, { description: 'ISO 4217 currency, e.g. EUR.' })
  currency!: string;

  @Field(() => domain.QuotationStatus, { description: 'Where the quotation stands.' })
  status!: domain.QuotationStatus;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Accept before this (upstream `quotationEndOfValidityDate`); then the quotation expires.',
  })
  validUntil!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Its order items can be cancelled until this (upstream `cancelationDeadlineDate`); stopping stays possible after.',
  })
  cancellationDeadline!: Date | null;

  @Field(() => [ID], { description: 'The order items accepting it starts (see `neoOrderItems`).' })
  orderItemIds!: string[];
}

@ObjectType({ description: 'What the feasibility study of a Pléiades Neo order item found.' })
export class FeasibilityStudyResult {
  @Field(() => Float, { description: 'Expected coverage, %.' })
  coverRate!: number;

  @Field(() => Boolean, { description: 'Whether Airbus commits to that coverage.' })
  commitment!: boolean;
}

@ObjectType({
  description: 'A Pléiades Neo acquisition made for an order item (upstream coverage item).',
  implements: Acquisition,
})
export class CoverageItem implements domain.CoverageItem {
  // Fields of the `Acquisition` interface, which declares them for GraphQL.
  id!: string;
  contractId!: string;
  statusLabel!: string;
  clearSkyRate!: number | null;
  incidenceAngle!: number | null;
  footprint!: Polygon | null;
  acquisitionDate!: Date | null;
  fetchedAt!: Date;

  @Field(() => ID, { description: 'Order item it belongs to.' })
  orderItemId!: string;

  @Field(() => domain.CoverageStatus, { description: 'Normalised status.' })
  status!: domain.CoverageStatus;

  @Field(() => Float, { nullable: true, description: 'Base-to-height ratio (B/H); 0 for mono.' })
  baseToHeight!: number | null;

  @Field(() => String, { nullable: true, description: 'Satellite, e.g. PNEO3.' })
  satellite!: string | null;
}

// An entity: other subgraphs reference an order item by its id alone (searched in the caller's Neo contracts).
@Directive('@key(fields: "id")')
@ObjectType({
  description: 'A Pléiades Neo order item: one ordered line of an accepted quotation, being acquired.',
  implements: TaskingLine,
})
export class NeoOrderItem implements domain.NeoOrderItem {
  // Fields of the `TaskingLine` interface, which declares them for GraphQL.
  id!: string;
  contractId!: string;
  customerReference!: string | null;
  statusLabel!: string;
  period!: TimeWindow | null;
  aoi!: Polygon | null;
  fetchedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The quotation it came from.' })
  quotationId!: string | null;

  @Field(() => String, { nullable: true, description: 'Sales order (SAL…), once the quotation is accepted.' })
  salesOrderId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Tracking product type; it differs from the ordering one (read both from `productTypes`).',
  })
  productType!: string | null;

  @Field(() => domain.NeoOrderItemStatus, { description: 'Normalised status.' })
  status!: domain.NeoOrderItemStatus;

  @Field(() => domain.QuotationStatus, { nullable: true, description: 'Status of its quotation.' })
  quotationStatus!: domain.QuotationStatus | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Validated (acquired and accepted) share of the area, %.',
  })
  validatedAreaPercent!: number | null;

  @Field(() => Int, { nullable: true, description: 'Coverage items waiting for you to accept or refuse.' })
  proposedCoverageCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'All coverage items of this order item.' })
  totalCoverageCount!: number | null;

  @Field(() => FeasibilityStudyResult, { nullable: true, description: 'The feasibility study’s result.' })
  feasibilityStudyResult!: FeasibilityStudyResult | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Its quotation must be accepted before this.' })
  quotationValidUntil!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'It can be cancelled until this.' })
  cancellationDeadline!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When its status last changed.' })
  lastStatusChange!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'What this line costs (`orderLineAmount`), in `currency`; what `acceptQuotation` spends is its quotation’s lines together.',
  })
  amount!: number | null;

  @Field(() => String, { nullable: true, description: 'Currency of `amount`.' })
  currency!: string | null;
}

@ObjectType({ description: 'A page of Pléiades Neo order items.' })
export class NeoOrderItemConnection extends ConnectionType(NeoOrderItem, 'NeoOrderItem') {}
