/** The order journal's vocabulary: what the gateway knows of each order it was asked to place. */

import type { Order } from './order.js';

/** An order as `createOrder` answers it: placed, or of unknown outcome, with the key to ask again. */
export interface JournaledOrder extends Order {
  idempotencyKey: string;
}

/**
 * Where an order attempt stands. SENDING, OUTCOME_UNKNOWN, PLACED and AWAITING_APPROVAL hold their
 * idempotency key (the same key with another input is a conflict); REJECTED, NOT_SENT, ABSENT and
 * APPROVAL_REJECTED placed nothing, so the next call with their key is a new attempt.
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
  /** The POST provably never reached OneAtlas (still queued, connection refused, 429): nothing was placed. */
  NOT_SENT: 'NOT_SENT',
  /** Sent, but still not found upstream when the grace period ended: counted as not placed. */
  ABSENT: 'ABSENT',
  /** Priced above the tenant's approval threshold: held, counted against the budget, sent once approved. */
  AWAITING_APPROVAL: 'AWAITING_APPROVAL',
  /** Held for approval and refused by an approver (`decisionReason`): nothing was sent. */
  APPROVAL_REJECTED: 'APPROVAL_REJECTED',
} as const;
export type AttemptState = (typeof AttemptState)[keyof typeof AttemptState];

/** How a PLACED attempt learnt its outcome. */
export const Resolution = {
  ANSWER: 'ANSWER',
  FOUND_BY_CUSTOMER_REFERENCE: 'FOUND_BY_CUSTOMER_REFERENCE',
  /** A quotation's acceptance whose answer was lost, seen ACCEPTED in its order items. */
  FOUND_BY_QUOTATION: 'FOUND_BY_QUOTATION',
  GRACE_PERIOD_ENDED: 'GRACE_PERIOD_ENDED',
} as const;
export type Resolution = (typeof Resolution)[keyof typeof Resolution];

/**
 * What an attempt spends the contract's money on: a legacy order (`createOrder`), or the acceptance of
 * a Pléiades Neo quotation (`acceptQuotation`). Both go through the same journal, guard and approval.
 */
export const PaidOperation = {
  ORDER: 'ORDER',
  QUOTATION_ACCEPTANCE: 'QUOTATION_ACCEPTANCE',
} as const;
export type PaidOperation = (typeof PaidOperation)[keyof typeof PaidOperation];

/**
 * Where an idempotency key is unique. A client's key belongs to its tenant (the scope is the tenant
 * id): two tenants' "k1" are two orders, and neither learns that the other's exists. A quotation's
 * acceptance is keyed in SHARED_KEY_SCOPE, so tenants sharing its contract accept it once.
 */
export interface AttemptKey {
  keyScope: string;
  idempotencyKey: string;
}

/** The scope of keys every tenant shares (tenant ids are never empty). */
export const SHARED_KEY_SCOPE = '';

export interface OrderAttemptRecord extends AttemptKey {
  operation: PaidOperation;
  /** Which claim of the key this is: a sender whose claim was superseded may not write, nor send. */
  attemptId: string;
  /** Hash of the order input: a repeated call must carry the same one. */
  fingerprint: string;
  state: AttemptState;
  contractId: string;
  customerReference: string;
  productTypeId: string;
  /** The validated order input as JSON (for an acceptance: the contract and quotation). */
  input: unknown;
  /** The OneAtlas credential that sends it and looks it up (null before credentials were recorded). */
  credentialId: string | null;
  /** The tenant whose budget the order counts against (null before tenants existed). */
  tenantId: string | null;
  /** The verified subject who asked. */
  requestedBy: string | null;
  requestId: string | null;
  /** Who approved or refused a held order, when, and why (refusals). */
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  /** POSTs that left the gateway under this key, all attempts together. */
  sendCount: number;
  salesOrderId: string | null;
  /** From the price asked before sending, replaced by the order's answer when it comes. */
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

/** States whose key is held: the same key with another input is a conflict, and nothing is re-sent. */
export const HOLDING_STATES: readonly AttemptState[] = [
  AttemptState.SENDING,
  AttemptState.OUTCOME_UNKNOWN,
  AttemptState.PLACED,
  AttemptState.AWAITING_APPROVAL,
];

/** States whose outcome upstream is not settled yet: reconciliation looks them up. */
export const UNRESOLVED_STATES: readonly AttemptState[] = [
  AttemptState.SENDING,
  AttemptState.OUTCOME_UNKNOWN,
];

export function isUnresolved(state: AttemptState): boolean {
  return UNRESOLVED_STATES.includes(state);
}

/** A segment accepted or refused through the gateway: who decided what, when, and how it ended. */
export interface SegmentDecisionRecord {
  at: Date;
  decision: 'accept' | 'refuse';
  contractId: string;
  taskingId: string;
  segmentId: string;
  tenantId: string | null;
  decidedBy: string | null;
  requestId: string | null;
  /** DONE, or the error code the caller was told. */
  outcome: string;
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

/**
 * Lifecycle actions the gateway performs at most once per target (an order item, a tasking, a
 * quotation): a second call answers the first outcome instead of sending again.
 */
export const TargetActionKind = {
  CANCEL_ORDER_ITEM: 'CANCEL_ORDER_ITEM',
  STOP_ORDER_ITEM: 'STOP_ORDER_ITEM',
  CANCEL_TASKING: 'CANCEL_TASKING',
  REFUSE_QUOTATION: 'REFUSE_QUOTATION',
} as const;
export type TargetActionKind = (typeof TargetActionKind)[keyof typeof TargetActionKind];

export const TargetActionState = {
  /** Recorded; the call is about to leave or on its way. */
  SENDING: 'SENDING',
  /** OneAtlas confirmed it (or the target was later seen in the state it leads to). */
  DONE: 'DONE',
  /** OneAtlas refused it (4xx): `errorCode` says why; the same answer is given again. */
  REFUSED: 'REFUSED',
  /** Sent, and the answer was lost: never sent again, and confirmed when the target shows it. */
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
  /** Provably never reached OneAtlas: the next call sends it. */
  NOT_SENT: 'NOT_SENT',
} as const;
export type TargetActionState = (typeof TargetActionState)[keyof typeof TargetActionState];

/** Which action on which target: the journal holds at most one live record per key. */
export interface TargetKey {
  action: TargetActionKind;
  contractId: string;
  targetId: string;
}

export interface TargetActionRecord extends TargetKey {
  /** Which claim of the key this is: a sender whose claim was taken over may not write. */
  claimId: string;
  state: TargetActionState;
  tenantId: string | null;
  /** The verified `tenant/subject` who asked. */
  requestedBy: string | null;
  requestId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
  sentAt: Date | null;
  updatedAt: Date;
}
