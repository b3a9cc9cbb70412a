/** The order journal's vocabulary: what the gateway knows of each order it was asked to place. */

import type { Order } from './order.js';

/** An order as `createOrder` answers it: placed, or of unknown outcome, with the key to ask again. */
export interface JournaledOrder extends Order {
  idempotencyKey: string;
}

/**
 * Where an order attempt stands. SENDING, OUTCOME_UNKNOWN and PLACED hold their idempotency key
 * (the same key with another input is a conflict); REJECTED, NOT_SENT and ABSENT placed nothing, so
 * the next call with their key is a new attempt.
 */
export const AttemptState = {
  /** Recorded; the POST is about to leave or on its way. */
  SENDING: 'SENDING',
  /** OneAtlas has the order: `salesOrderId` is known (from its answer or found by customer reference). */
  PLACED: 'PLACED',
  /** The POST may have reached OneAtlas (timeout, reset, 5xx, restart) and the order is not found yet. */
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
  /** OneAtlas refused the order (4xx): nothing was placed. */
  REJECTED: 'REJECTED',
  /** The POST never left the gateway (queue full, circuit open, 429): nothing was placed. */
  NOT_SENT: 'NOT_SENT',
  /** Sent, but still not found upstream when the grace period ended: counted as not placed. */
  ABSENT: 'ABSENT',
} as const;
export type AttemptState = (typeof AttemptState)[keyof typeof AttemptState];

/** How a PLACED attempt learnt its outcome. */
export const Resolution = {
  ANSWER: 'ANSWER',
  FOUND_BY_CUSTOMER_REFERENCE: 'FOUND_BY_CUSTOMER_REFERENCE',
  GRACE_PERIOD_ENDED: 'GRACE_PERIOD_ENDED',
} as const;
export type Resolution = (typeof Resolution)[keyof typeof Resolution];

export interface OrderAttemptRecord {
  idempotencyKey: string;
  /** Hash of the order input: a repeated call must carry the same one. */
  fingerprint: string;
  state: AttemptState;
  contractId: string;
  customerReference: string;
  productTypeId: string;
  /** The validated order input as JSON. */
  input: unknown;
  requestedBy: string | null;
  requestId: string | null;
  /** POSTs that left the gateway under this key, all attempts together. */
  sendCount: number;
  salesOrderId: string | null;
  currency: string | null;
  totalAmount: number | null;
  discountPercentage: number | null;
  discountValue: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  resolution: Resolution | null;
  reconciliationChecks: number;
  lastCheckedAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  updatedAt: Date;
  resolvedAt: Date | null;
}

export interface OrderAttemptEvent {
  at: Date;
  kind: string;
  detail: string | null;
}

/** A journal record with its history, as the gateway reports it. */
export interface OrderAttempt extends OrderAttemptRecord {
  /** When an unknown outcome will count as "not placed" if the order is still not found by then. */
  outcomeDeadline: Date | null;
  events: OrderAttemptEvent[];
}
