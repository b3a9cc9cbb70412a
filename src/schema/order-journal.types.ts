import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Slice } from '../datasources/paging.js';
import type * as journal from '../domain/order-journal.js';
import {
  AttemptState,
  PaidOperation,
  Resolution,
  TargetActionKind,
  TargetActionState,
} from '../domain/order-journal.js';
import { ConnectionType, toConnection } from './connection.js';
import { JSONScalar } from './scalars/index.js';

registerEnumType(AttemptState, {
  name: 'OrderAttemptState',
  description: 'Where an order attempt stands in the gateway’s order journal.',
  valuesConfig: {
    SENDING: { description: 'Recorded; the order is on its way to OneAtlas.' },
    PLACED: { description: 'OneAtlas has the order (`salesOrderId`).' },
    OUTCOME_UNKNOWN: {
      description:
        'The order may have reached OneAtlas (timeout, reset, 5xx, restart) and is not found yet. It is not re-sent; the gateway keeps looking it up by customer reference until it appears or `outcomeDeadline` passes.',
    },
    REJECTED: { description: 'OneAtlas refused the order: nothing was placed. `error` says why.' },
    NOT_SENT: {
      description:
        'The order provably never reached OneAtlas (still queued when the gateway stopped, connection refused, queue full, rate limited): nothing was placed. Calling `createOrder` again with the same key sends it.',
    },
    AWAITING_APPROVAL: {
      description:
        'Priced above the tenant’s approval threshold: held (and counted against the month’s budget) until `approveOrder` or `rejectOrder`.',
    },
    APPROVAL_REJECTED: { description: 'Held for approval and refused (`decisionReason`): nothing was sent.' },
    ABSENT: {
      description:
        'Sent, but still not found upstream when the grace period ended: counted as not placed. Calling `createOrder` again with the same key sends it again.',
    },
  },
});

registerEnumType(Resolution, {
  name: 'OrderAttemptResolution',
  description: 'How the gateway learnt an attempt’s outcome.',
  valuesConfig: {
    ANSWER: { description: 'From OneAtlas’ answer to the POST.' },
    FOUND_BY_CUSTOMER_REFERENCE: {
      description: 'The answer was lost; the order was found in the tracking list by customer reference.',
    },
    FOUND_BY_QUOTATION: {
      description: 'The answer to a quotation’s acceptance was lost; its order items showed it ACCEPTED.',
    },
    GRACE_PERIOD_ENDED: { description: 'Not found upstream before the grace period ended.' },
  },
});

registerEnumType(PaidOperation, {
  name: 'PaidOperation',
  description: 'What an order attempt spends the contract’s money on.',
  valuesConfig: {
    ORDER: { description: 'A legacy (Pléiades, SPOT) order: `createOrder`.' },
    QUOTATION_ACCEPTANCE: {
      description:
        'The acceptance of a Pléiades Neo quotation: `acceptQuotation` (the key is `quotation:<id>`).',
    },
  },
});

registerEnumType(TargetActionKind, {
  name: 'LifecycleActionKind',
  description: 'A lifecycle action the gateway performs at most once per target.',
  valuesConfig: {
    CANCEL_ORDER_ITEM: { description: '`cancelOrderItem`: a Pléiades Neo order item.' },
    STOP_ORDER_ITEM: { description: '`stopOrderItem`: a Pléiades Neo order item.' },
    CANCEL_TASKING: { description: '`cancelTasking`: a legacy tasking.' },
    REFUSE_QUOTATION: { description: '`refuseQuotation`: a Pléiades Neo quotation.' },
  },
});

registerEnumType(TargetActionState, {
  name: 'LifecycleActionState',
  description: 'Where a lifecycle action stands in the gateway’s journal.',
  valuesConfig: {
    SENDING: { description: 'Recorded and on its way to OneAtlas (another call is sending it).' },
    DONE: { description: 'OneAtlas confirmed it, or the target was later seen in the state it leads to.' },
    REFUSED: { description: 'OneAtlas refused it; calling again answers the same error.' },
    OUTCOME_UNKNOWN: {
      description:
        'Sent, and the answer was lost. It is never sent again; calling again checks the target and answers DONE once it shows the action.',
    },
    NOT_SENT: { description: 'It provably never reached OneAtlas; calling again sends it.' },
  },
});

@ObjectType({ description: 'One step in an order attempt’s history.' })
export class OrderAttemptEvent {
  @Field(() => Date, { description: 'When it happened.' })
  at!: Date;

  @Field(() => String, {
    description:
      'RECORDED, AWAITING_APPROVAL, APPROVED, APPROVAL_REJECTED, SENT, PLACED, OUTCOME_UNKNOWN, CHECKED, REJECTED, NOT_SENT or ABSENT.',
  })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'What was learnt (sales order, error code…).' })
  detail!: string | null;
}

@ObjectType({ description: 'Why an attempt failed, as its caller was told.' })
export class OrderAttemptError {
  @Field(() => String, { description: 'The `extensions.code` of the error.' })
  code!: string;

  @Field(() => String, { description: 'The error message.' })
  message!: string;
}

@ObjectType({
  description:
    'An order attempt from the gateway’s journal: recorded before the order was sent, kept across restarts.',
})
export class OrderAttempt {
  @Field(() => ID, { description: 'The idempotency key (the client’s, else the customer reference).' })
  idempotencyKey!: string;

  @Field(() => PaidOperation, {
    description: 'What it spends on: an order, or a Neo quotation’s acceptance.',
  })
  operation!: PaidOperation;

  @Field(() => AttemptState, { description: 'Where the attempt stands.' })
  state!: AttemptState;

  @Field(() => ID, { description: 'Contract ordered against.' })
  contractId!: string;

  @Field(() => String, { description: 'Customer reference sent upstream.' })
  customerReference!: string;

  @Field(() => String, { description: 'Product type ordered.' })
  productTypeId!: string;

  @Field(() => JSONScalar, { description: 'The validated order input, as sent.' })
  input!: unknown;

  @Field(() => String, { nullable: true, description: 'The tenant whose budget the order counts against.' })
  tenantId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who asked: the verified caller, as `tenant/subject`.',
  })
  requestedBy!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who approved or refused a held order, as `tenant/subject`.',
  })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When a held order was approved or refused.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why a held order was refused.' })
  decisionReason!: string | null;

  @Field(() => String, { nullable: true, description: 'The X-Request-Id of the request that placed it.' })
  requestId!: string | null;

  @Field(() => Int, { description: 'POSTs that left the gateway under this key.' })
  sendCount!: number;

  @Field(() => ID, { nullable: true, description: 'Upstream sales order id, once placed.' })
  salesOrderId!: string | null;

  @Field(() => String, { nullable: true, description: 'Currency of the amount.' })
  currency!: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Amount OneAtlas charged, from its answer; the price asked before sending until then (and when the answer was lost).',
  })
  totalAmount!: number | null;

  @Field(() => OrderAttemptError, { nullable: true, description: 'The last failure, if any.' })
  error!: OrderAttemptError | null;

  @Field(() => Resolution, { nullable: true, description: 'How the outcome was learnt.' })
  resolution!: Resolution | null;

  @Field(() => Int, { description: 'Look-ups by customer reference made to learn the outcome.' })
  reconciliationChecks!: number;

  @Field(() => Date, { nullable: true, description: 'When the last look-up ran.' })
  lastCheckedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'While the outcome is unknown: when the order counts as not placed if still not found.',
  })
  outcomeDeadline!: Date | null;

  @Field(() => Date, { description: 'When the attempt was recorded.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its POST last left the gateway.' })
  sentAt!: Date | null;

  @Field(() => Date, { description: 'Last change.' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its outcome became known.' })
  resolvedAt!: Date | null;

  @Field(() => [OrderAttemptEvent], { description: 'History, oldest first.' })
  events!: OrderAttemptEvent[];
}

/** The journal's record in the shape of the GraphQL type (the error as one object). */
export function toOrderAttempt(attempt: journal.OrderAttempt): OrderAttempt {
  const { errorCode, errorMessage, ...rest } = attempt;
  return {
    ...rest,
    error: errorCode === null ? null : { code: errorCode, message: errorMessage ?? '' },
  };
}

@ObjectType({ description: 'A page of order attempts, newest first.' })
export class OrderAttemptConnection extends ConnectionType(OrderAttempt, 'OrderAttempt') {}

/** A page read with one row more than asked: that row only says whether another page follows. */
export function toOrderAttemptConnection(
  attempts: journal.OrderAttempt[],
  slice: Slice,
): OrderAttemptConnection {
  return toConnection(
    {
      items: attempts.slice(0, slice.limit).map(toOrderAttempt),
      totalCount: null,
      hasNextPage: attempts.length > slice.limit,
    },
    slice,
  );
}

@ObjectType({
  description:
    'A lifecycle action (cancel, stop, refuse) as journaled: who asked, when, and how it ended. Each target takes one; calling again answers this record.',
})
export class LifecycleAction {
  @Field(() => TargetActionKind, { description: 'What was asked.' })
  action!: TargetActionKind;

  @Field(() => ID, { description: 'CIS contract of the target.' })
  contractId!: string;

  @Field(() => ID, { description: 'The order item, tasking or quotation acted on.' })
  targetId!: string;

  @Field(() => TargetActionState, { description: 'Where it stands.' })
  state!: TargetActionState;

  @Field(() => String, {
    nullable: true,
    description:
      'The verified `tenant/subject` who asked first (never a name the client chose); null when another tenant sharing the contract did.',
  })
  requestedBy!: string | null;

  @Field(() => Date, { description: 'When it was first asked.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its call left the gateway.' })
  sentAt!: Date | null;

  @Field(() => Date, { description: 'Last change.' })
  updatedAt!: Date;

  @Field(() => OrderAttemptError, { nullable: true, description: 'The failure, if any.' })
  error!: OrderAttemptError | null;
}

/** The journal's record in the shape of the GraphQL type. */
export function toLifecycleAction(record: journal.TargetActionRecord): LifecycleAction {
  return {
    ...record,
    error: record.errorCode === null ? null : { code: record.errorCode, message: record.errorMessage ?? '' },
  };
}
